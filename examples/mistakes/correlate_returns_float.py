# A typical mistake: the float sums are returned as they are; for a uint8 image
# cv2.filter2D(img, -1, kernel) returns uint8, rounded and clipped.
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
    return total


def correlate2d(img, kernel):
    return slide(img, kernel)


def convolve2d(img, kernel):
    return slide(img, np.asarray(kernel)[::-1, ::-1])
