# A typical mistake: the picture is padded up to a multiple of the window, so the
# squares that do not fit are kept; the rule is floor: they are dropped.
import numpy as np


def max_pool(img, size=2):
    h, w = img.shape[0] // size, img.shape[1] // size
    squares = img[:h * size, :w * size].reshape(h, size, w, size, *img.shape[2:])
    return squares.max(axis=(1, 3))


def avg_pool(img, size=2):
    h, w = -(-img.shape[0] // size), -(-img.shape[1] // size)
    out = np.empty((h, w) + img.shape[2:])
    for i in range(h):
        for j in range(w):
            out[i, j] = img[i * size:(i + 1) * size, j * size:(j + 1) * size].mean(axis=(0, 1))
    return out
