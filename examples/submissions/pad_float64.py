# A typical mistake: np.zeros without dtype makes a float64 image.
import numpy as np


def pad_zero(img, p):
    h, w = img.shape[:2]
    out = np.zeros((h + 2 * p, w + 2 * p) + img.shape[2:])
    out[p:p + h, p:p + w] = img
    return out
