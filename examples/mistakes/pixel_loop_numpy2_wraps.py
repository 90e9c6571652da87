# A typical mistake: a loop over pixels adds to a numpy uint8 pixel, then clamps.
# Under NumPy 1 the sum became a wider integer and the clamp worked; under NumPy 2
# a uint8 pixel plus an int stays uint8, so 250 + 10 wraps to 4 before the check.
import numpy as np


def brighten(img, value):
    out = img.copy()
    for index in np.ndindex(img.shape):
        pixel = img[index] + value
        if pixel > 255:
            pixel = 255
        if pixel < 0:
            pixel = 0
        out[index] = round(pixel)
    return out


def contrast(img, factor):
    exact = img.astype(np.float64) * factor
    return np.clip(np.round(exact), 0, 255).astype(np.uint8)
