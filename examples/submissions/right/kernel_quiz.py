import numpy as np


def kernel_effects():
    return {
        "A": "horizontal_edges",
        "B": "blur_and_darken",
        "C": "identity",
        "D": "sharpen",
        "E": "diagonal_edges",
        "F": "blur",
        "G": "darken",
        "H": "vertical_edges",
        "I": "brighten",
    }


def mystery_kernel():
    k = np.zeros((3, 3))
    k[1, 1] = 0.5
    k[1, 2] = 0.5
    return k
