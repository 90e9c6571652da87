# A typical mistake: only the picture's own diagonals are looked at.
import numpy as np


def classify_slash(img):
    n = min(img.shape)
    on_main = sum(img[i, i] for i in range(n))
    on_anti = sum(img[i, n - 1 - i] for i in range(n))
    return "\\" if on_main > on_anti else "/"
