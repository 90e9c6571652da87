# A typical mistake: the sum is computed in a wider type and rounded, but not
# clipped, so converting back to uint8 wraps 300 around to 44.
import numpy as np


def brighten(img, value):
    total = img.astype(np.int16) + int(round(value))
    return total.astype(np.uint8)


def contrast(img, factor):
    exact = img.astype(np.float64) * factor
    return np.clip(np.round(exact), 0, 255).astype(np.uint8)
