# A typical mistake: the kernels are copied from the formulas in the notebook's
# text (0.1 everywhere for smoothing, +0.1 around 2 for sharpening); the pictures
# were made by its code (0.05, and -0.1 around 2).
import numpy as np


def lesson_kernels():
    sharpening = 0.1 * np.ones((3, 3), np.float32)
    sharpening[1, 1] = 2
    identity = np.zeros((3, 3), np.float32)
    identity[1, 1] = 1
    return {
        "smoothing": 0.1 * np.ones((3, 3), np.float32),
        "sharpening": sharpening,
        "brightening": np.array([[-0.1, 0.2, -0.1], [0.2, 3, 0.2], [-0.1, 0.2, -0.1]], np.float32),
        "darkening": np.array([[-0.1, 0.1, -0.1], [0.1, 0.5, 0.1], [-0.1, 0.1, -0.1]], np.float32),
        "identity": identity,
    }


def kernel_sums():
    return {"smoothing": 0.9, "sharpening": 2.8, "brightening": 3.4, "darkening": 0.5, "identity": 1.0}
