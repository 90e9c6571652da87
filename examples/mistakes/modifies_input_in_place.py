# A typical mistake: the result is written into the caller's image. The values
# are right, but the picture the caller passed in is gone.
import numpy as np


def brighten(img, value):
    img[...] = np.clip(np.round(img.astype(np.float64) + value), 0, 255)
    return img


def contrast(img, factor):
    exact = img.astype(np.float64) * factor
    return np.clip(np.round(exact), 0, 255).astype(np.uint8)
