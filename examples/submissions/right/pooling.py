import numpy as np


def max_pool(img, size=2):
    rows, cols = img.shape[0] // size, img.shape[1] // size
    out = np.empty((rows, cols) + img.shape[2:], img.dtype)
    for i in range(rows):
        for j in range(cols):
            out[i, j] = img[i * size:(i + 1) * size, j * size:(j + 1) * size].max(axis=(0, 1))
    return out


def avg_pool(img, size=2):
    rows, cols = img.shape[0] // size, img.shape[1] // size
    out = np.empty((rows, cols) + img.shape[2:])
    for i in range(rows):
        for j in range(cols):
            out[i, j] = img[i * size:(i + 1) * size, j * size:(j + 1) * size].mean(axis=(0, 1))
    return out
