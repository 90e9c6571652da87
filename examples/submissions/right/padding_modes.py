import numpy as np


def pad(img, p, mode):
    names = {"constant": "constant", "replicate": "edge", "reflect": "symmetric", "reflect_101": "reflect"}
    if mode not in names:
        raise ValueError(f"pad: unknown mode {mode!r}")
    return np.pad(img, [(p, p), (p, p)] + [(0, 0)] * (img.ndim - 2), mode=names[mode])


def same_size_filter(img, kernel):
    kernel = np.asarray(kernel, dtype=np.float32)
    kh, kw = kernel.shape
    pads = [(kh // 2, kh // 2), (kw // 2, kw // 2)] + [(0, 0)] * (img.ndim - 2)
    padded = np.pad(img.astype(np.float32), pads, mode="reflect")
    h, w = img.shape[:2]
    out = np.zeros(img.shape, np.float32)
    for i in range(kh):
        for j in range(kw):
            out += kernel[i, j] * padded[i:i + h, j:j + w]
    return out
