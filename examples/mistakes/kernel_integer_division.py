# A typical mistake: 1 // 20 is integer division and gives 0, so the smoothing
# kernel is all zeros and turns every picture black.
import numpy as np


def lesson_kernels():
    sharpening = -0.1 * np.ones((3, 3), np.float32)
    sharpening[1, 1] = 2
    identity = np.zeros((3, 3), np.float32)
    identity[1, 1] = 1
    return {
        "smoothing": np.ones((3, 3), np.float32) * (1 // 20),
        "sharpening": sharpening,
        "brightening": np.array([[-0.1, 0.2, -0.1], [0.2, 3, 0.2], [-0.1, 0.2, -0.1]], np.float32),
        "darkening": np.array([[-0.1, 0.1, -0.1], [0.1, 0.5, 0.1], [-0.1, 0.1, -0.1]], np.float32),
        "identity": identity,
    }


def kernel_sums():
    return {name: float(kernel.sum()) for name, kernel in lesson_kernels().items()}
