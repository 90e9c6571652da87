# A typical mistake: the zeros all go after the image (bottom and right).
import numpy as np


def pad_zero(img, p):
    h, w = img.shape[:2]
    out = np.zeros((h + 2 * p, w + 2 * p) + img.shape[2:], dtype=img.dtype)
    out[:h, :w] = img
    return out
