# A typical mistake: OpenCV's names are passed straight to np.pad, whose "reflect"
# is OpenCV's reflect-101; OpenCV's reflect is numpy's "symmetric".
import numpy as np

NUMPY_MODES = {"constant": "constant", "replicate": "edge", "reflect": "reflect", "reflect_101": "symmetric"}


def pad(img, p, mode):
    if mode not in NUMPY_MODES:
        raise ValueError(f"unknown mode {mode!r}")
    widths = ((p, p), (p, p)) + ((0, 0),) * (img.ndim - 2)
    return np.pad(img, widths, mode=NUMPY_MODES[mode])


def same_size_filter(img, kernel):
    kernel = np.asarray(kernel, dtype=np.float64)
    kh, kw = kernel.shape
    h, w = img.shape[:2]
    widths = ((kh // 2, kh // 2), (kw // 2, kw // 2)) + ((0, 0),) * (img.ndim - 2)
    padded = np.pad(img.astype(np.float64), widths, mode="reflect")
    total = np.zeros(img.shape)
    for i in range(kh):
        for j in range(kw):
            total += kernel[i, j] * padded[i:i + h, j:j + w]
    return total.astype(np.float32)
