# A typical mistake: the sums are rounded but never clipped, so converting to
# uint8 wraps 300 around to 44 and -5 to 251; cv2.filter2D saturates.
import numpy as np


def slide(img, kernel):
    kernel = np.asarray(kernel, dtype=np.float64)
    kh, kw = kernel.shape
    h, w = img.shape[:2]
    widths = ((kh // 2, kh // 2), (kw // 2, kw // 2)) + ((0, 0),) * (img.ndim - 2)
    padded = np.pad(img.astype(np.float64), widths, mode="reflect")
    total = np.zeros(img.shape)
    for i in range(kh):
        for j in range(kw):
            total += kernel[i, j] * padded[i:i + h, j:j + w]
    if img.dtype == np.uint8:
        return np.round(total).astype(np.int64).astype(np.uint8)
    return total.astype(img.dtype)


def correlate2d(img, kernel):
    return slide(img, kernel)


def convolve2d(img, kernel):
    return slide(img, np.asarray(kernel)[::-1, ::-1])
