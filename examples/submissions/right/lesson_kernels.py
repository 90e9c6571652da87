import numpy as np


def lesson_kernels():
    ring = np.ones((3, 3)) - np.pad([[1]], 1)
    centre = np.pad([[1.0]], 1)
    return {
        "smoothing": np.full((3, 3), 1 / 20),
        "sharpening": 2 * centre - 0.1 * ring,
        "brightening": [[-0.1, 0.2, -0.1], [0.2, 3, 0.2], [-0.1, 0.2, -0.1]],
        "darkening": [[-0.1, 0.1, -0.1], [0.1, 0.5, 0.1], [-0.1, 0.1, -0.1]],
        "identity": centre,
    }


def kernel_sums():
    return {name: float(np.sum(kernel)) for name, kernel in lesson_kernels().items()}
