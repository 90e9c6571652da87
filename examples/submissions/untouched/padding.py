"""Implement zero padding (lesson section 3, "Borders").

A valid convolution shrinks the picture: a 4x4 image and a 2x2 kernel give a
3x3 map. Padding the image with zeros first keeps the size.
"""

import numpy as np


def pad_zero(img, p):
    """Add ``p`` rows and columns of zeros on every side of an image.

    Parameters
    ----------
    img : (H, W) or (H, W, C) ndarray
        A gray or colour image, of any dtype. It must not be modified.
    p : int
        How many zero rows/columns to add on each side; ``p >= 0``.

    Returns
    -------
    padded : (H + 2p, W + 2p) or (H + 2p, W + 2p, C) ndarray
        Same dtype as ``img``; the colour axis is not padded.

    Examples
    --------
    >>> pad_zero(np.ones((2, 3), np.uint8), 1)
    array([[0, 0, 0, 0, 0],
           [0, 1, 1, 1, 0],
           [0, 1, 1, 1, 0],
           [0, 0, 0, 0, 0]], dtype=uint8)
    """
    raise NotImplementedError("pad_zero: write your solution here")
