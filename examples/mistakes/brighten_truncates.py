# A typical mistake: the sum is clipped but not rounded, so .astype(np.uint8) cuts
# off the fraction: 100 + 20.7 gives 120 instead of 121.
import numpy as np


def brighten(img, value):
    return np.clip(img.astype(np.float64) + value, 0, 255).astype(np.uint8)


def contrast(img, factor):
    exact = img.astype(np.float64) * factor
    return np.clip(np.round(exact), 0, 255).astype(np.uint8)
