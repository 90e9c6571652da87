# A typical mistake: the products are rounded and clipped but never converted back,
# so a uint8 picture comes back as float64.
import numpy as np


def brighten(img, value):
    exact = img.astype(np.float64) + value
    return np.clip(np.round(exact), 0, 255).astype(np.uint8)


def contrast(img, factor):
    return np.clip(np.round(img.astype(np.float64) * factor), 0, 255)
