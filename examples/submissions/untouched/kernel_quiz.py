"""Guess the kernel (lesson sections 2 and 3, "Convolution" and "Edges").

Each kernel of the lesson does one thing to a picture. Name it, choosing from
``EFFECTS``. Try them on a photograph with ``cv2.filter2D(img, -1, kernel)``
before you answer: ``exercises/data/`` has some.

Then solve a puzzle: ``data/mystery_before.png`` became
``data/mystery_after.png`` through ``cv2.filter2D`` with a 3x3 kernel. Find a
kernel that does the same. (Tip: look closely at the isolated bright dots.)
"""

import numpy as np

EFFECTS = (
    "blur",  # averages the neighbourhood, brightness unchanged
    "blur_and_darken",  # averages, but the weights sum to less than 1
    "sharpen",  # boosts the centre against its neighbours, about the same brightness
    "brighten",  # weights sum far above 1: much brighter, a little sharper
    "darken",  # weights sum to about one half
    "identity",  # changes nothing
    "horizontal_edges",  # responds where brightness changes from top to bottom
    "vertical_edges",  # responds where brightness changes from left to right
    "diagonal_edges",  # responds to changes along a diagonal
)

KERNELS = {
    "A": np.array([[-1, -1, -1], [0, 0, 0], [1, 1, 1]], np.float32),
    "B": 0.05 * np.ones((3, 3), np.float32),
    "C": np.array([[0, 0, 0], [0, 1, 0], [0, 0, 0]], np.float32),
    "D": np.array([[-0.1, -0.1, -0.1], [-0.1, 2, -0.1], [-0.1, -0.1, -0.1]], np.float32),
    "E": np.array([[0, 1, 2], [-1, 0, 1], [-2, -1, 0]], np.float32),
    "F": np.ones((3, 3), np.float32) / 9,
    "G": np.array([[-0.1, 0.1, -0.1], [0.1, 0.5, 0.1], [-0.1, 0.1, -0.1]], np.float32),
    "H": np.array([[-1, 0, 1], [-1, 0, 1], [-1, 0, 1]], np.float32),
    "I": np.array([[-0.1, 0.2, -0.1], [0.2, 3, 0.2], [-0.1, 0.2, -0.1]], np.float32),
}


def kernel_effects():
    """Name the effect of every kernel in ``KERNELS``.

    Returns
    -------
    effects : dict of str to str
        For every key of ``KERNELS``, one of the names in ``EFFECTS``.

    Examples
    --------
    >>> effects = kernel_effects()
    >>> sorted(effects) == sorted(KERNELS) and set(effects.values()) <= set(EFFECTS)
    True
    """
    raise NotImplementedError("kernel_effects: write your solution here")


def mystery_kernel():
    """Return a 3x3 kernel that turns ``mystery_before.png`` into ``mystery_after.png``.

    Returns
    -------
    kernel : (3, 3) ndarray of float
        Applied as ``cv2.filter2D(before, -1, kernel)`` it gives ``after``
        (it is graded on other images too, so guessing pixel by pixel fails).

    Examples
    --------
    >>> mystery_kernel().shape
    (3, 3)
    """
    raise NotImplementedError("mystery_kernel: write your solution here")
