# A typical mistake: the window moves one pixel at a time, so windows overlap and
# the picture barely shrinks. Pooling steps by the window's side.
import numpy as np


def max_pool(img, size=2):
    h, w = img.shape[0] - size + 1, img.shape[1] - size + 1
    out = np.empty((h, w) + img.shape[2:], img.dtype)
    for i in range(h):
        for j in range(w):
            out[i, j] = img[i:i + size, j:j + size].max(axis=(0, 1))
    return out


def avg_pool(img, size=2):
    h, w = img.shape[0] // size, img.shape[1] // size
    squares = img[:h * size, :w * size].reshape(h, size, w, size, *img.shape[2:])
    return squares.mean(axis=(1, 3), dtype=np.float64)
