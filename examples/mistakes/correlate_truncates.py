# A typical mistake: the sums are clipped but not rounded, so .astype(np.uint8)
# cuts the fractions off (12.8 becomes 12); cv2.filter2D rounds.
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
        return np.clip(total, 0, 255).astype(np.uint8)
    return total.astype(img.dtype)


def correlate2d(img, kernel):
    return slide(img, kernel)


def convolve2d(img, kernel):
    return slide(img, np.asarray(kernel)[::-1, ::-1])
