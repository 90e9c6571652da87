"""The lesson's kernels, as its code builds them (lesson section 2, "Convolution").

The notebook shows each kernel twice, as a formula in the text and as code,
and twice they disagree:

* smoothing: the formula has 0.1 everywhere; the code uses
  ``0.05 * np.ones((3, 3))``.
* sharpening: the formula has 0.1 around a centre of 2; the code uses -0.1
  around 2.

The code is what made the pictures. Write the kernels as the code builds
them, then answer a quiz: what does each kernel add up to? (The sum tells
what a kernel does to brightness: 1 keeps it, below 1 darkens, above 1
brightens.)

The other kernels: brightening [[-0.1, 0.2, -0.1], [0.2, 3, 0.2],
[-0.1, 0.2, -0.1]], darkening [[-0.1, 0.1, -0.1], [0.1, 0.5, 0.1],
[-0.1, 0.1, -0.1]], and identity (a single 1 in the centre).
"""

import numpy as np

KERNEL_NAMES = ("smoothing", "sharpening", "brightening", "darkening", "identity")


def lesson_kernels():
    """The five 3x3 kernels of the lesson's code.

    Returns
    -------
    kernels : dict of str to (3, 3) ndarray of float32
        One kernel for every name in ``KERNEL_NAMES``. Each is graded by what
        ``cv2.filter2D(img, -1, kernel)`` does to pictures, so any way of
        writing it that gives the same weights is right.

    Examples
    --------
    >>> kernels = lesson_kernels()
    >>> sorted(kernels) == sorted(KERNEL_NAMES)
    True
    >>> kernels["identity"].tolist()
    [[0.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 0.0]]
    """
    # BEGIN SOLUTION
    sharpening = -0.1 * np.ones((3, 3), np.float32)
    sharpening[1, 1] = 2
    identity = np.zeros((3, 3), np.float32)
    identity[1, 1] = 1
    return {
        "smoothing": 0.05 * np.ones((3, 3), np.float32),
        "sharpening": sharpening,
        "brightening": np.array(
            [[-0.1, 0.2, -0.1], [0.2, 3, 0.2], [-0.1, 0.2, -0.1]], np.float32
        ),
        "darkening": np.array(
            [[-0.1, 0.1, -0.1], [0.1, 0.5, 0.1], [-0.1, 0.1, -0.1]], np.float32
        ),
        "identity": identity,
    }
    # END SOLUTION


def kernel_sums():
    """Quiz: what do the weights of each kernel add up to?

    Returns
    -------
    sums : dict of str to float
        For every name in ``KERNEL_NAMES``, the sum of that kernel's nine
        weights (as the code builds it), to within 0.001.

    Examples
    --------
    >>> sums = kernel_sums()
    >>> sorted(sums) == sorted(KERNEL_NAMES)
    True
    """
    # BEGIN SOLUTION
    return {
        "smoothing": 0.45,
        "sharpening": 1.2,
        "brightening": 3.4,
        "darkening": 0.5,
        "identity": 1.0,
    }
    # END SOLUTION
