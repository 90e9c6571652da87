# A typical mistake: np.pad's "edge" mode repeats the edge pixel beyond the border
# (OpenCV's replicate); cv2.filter2D reflects the image there without repeating it.
import numpy as np


def slide(img, kernel):
    kernel = np.asarray(kernel, dtype=np.float64)
    kh, kw = kernel.shape
    h, w = img.shape[:2]
    widths = ((kh // 2, kh // 2), (kw // 2, kw // 2)) + ((0, 0),) * (img.ndim - 2)
    padded = np.pad(img.astype(np.float64), widths, mode="edge")
    total = np.zeros(img.shape)
    for i in range(kh):
        for j in range(kw):
            total += kernel[i, j] * padded[i:i + h, j:j + w]
    if img.dtype == np.uint8:
        return np.clip(np.round(total), 0, 255).astype(np.uint8)
    return total.astype(img.dtype)


def correlate2d(img, kernel):
    return slide(img, kernel)


def convolve2d(img, kernel):
    return slide(img, np.asarray(kernel)[::-1, ::-1])
