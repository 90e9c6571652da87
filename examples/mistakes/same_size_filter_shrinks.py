# A typical mistake: the valid correlation runs on the unpadded picture, so the
# result is smaller than the picture by the kernel's size minus one.
import numpy as np


def pad(img, p, mode):
    names = {"constant": "constant", "replicate": "edge", "reflect": "symmetric", "reflect_101": "reflect"}
    if mode not in names:
        raise ValueError(f"unknown mode {mode!r}")
    widths = ((p, p), (p, p)) + ((0, 0),) * (img.ndim - 2)
    return np.pad(img, widths, mode=names[mode])


def same_size_filter(img, kernel):
    kernel = np.asarray(kernel, dtype=np.float64)
    kh, kw = kernel.shape
    h, w = img.shape[0] - kh + 1, img.shape[1] - kw + 1
    picture = img.astype(np.float64)
    total = np.zeros((h, w) + img.shape[2:])
    for i in range(kh):
        for j in range(kw):
            total += kernel[i, j] * picture[i:i + h, j:j + w]
    return total.astype(np.float32)
