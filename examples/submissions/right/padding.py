import numpy as np


def pad_zero(img, p):
    widths = [(p, p), (p, p)] + [(0, 0)] * (img.ndim - 2)
    return np.pad(img, widths, mode="constant", constant_values=0)
