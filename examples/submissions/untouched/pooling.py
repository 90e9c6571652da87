"""Pooling: shrink a picture by squares (lesson section 3, "Deeper into convolution").

Cut the picture into squares of ``size x size`` pixels, side by side and not
overlapping, and keep one number per square: the largest (max pooling) or
the mean (average pooling). A 2x2 pooling halves each side.

When a side does not divide evenly, the last rows or columns that do not
fill a whole square are dropped (the "floor" rule that neural-network
libraries use by default): a 7x5 picture pooled by 2 gives 3x2, not 4x3.
"""

import numpy as np


def max_pool(img, size=2):
    """The largest value of every ``size x size`` square.

    Parameters
    ----------
    img : (H, W) or (H, W, C) ndarray
        A gray or colour image of any numeric dtype; each channel is pooled
        on its own. It must not be modified.
    size : int
        The side of the squares, >= 1.

    Returns
    -------
    pooled : (H // size, W // size) or (H // size, W // size, C) ndarray
        Same dtype as ``img``. Rows and columns left over are dropped.

    Examples
    --------
    >>> max_pool(np.arange(25).reshape(5, 5))
    array([[ 6,  8],
           [16, 18]])
    """
    raise NotImplementedError("max_pool: write your solution here")


def avg_pool(img, size=2):
    """The mean of every ``size x size`` square.

    Parameters
    ----------
    img : (H, W) or (H, W, C) ndarray
        A gray or colour image of any numeric dtype. It must not be modified.
    size : int
        The side of the squares, >= 1.

    Returns
    -------
    pooled : (H // size, W // size) or (H // size, W // size, C) ndarray of float64
        The means, not rounded. Rows and columns left over are dropped.

    Examples
    --------
    >>> avg_pool(np.arange(25, dtype=np.uint8).reshape(5, 5))
    array([[ 3.,  5.],
           [13., 15.]])
    """
    raise NotImplementedError("avg_pool: write your solution here")


def squares(img, size):
    """View the picture as a grid of ``size x size`` squares, dropping what is left over.

    Parameters
    ----------
    img : (H, W) or (H, W, C) ndarray
        The picture.
    size : int
        The side of the squares.

    Returns
    -------
    grid : (H // size, size, W // size, size[, C]) ndarray
        ``grid[i, :, j, :]`` is the square in row ``i`` and column ``j``.

    Examples
    --------
    >>> squares(np.arange(12).reshape(3, 4), 2)[0, :, 1, :]
    array([[2, 3],
           [6, 7]])
    """
    raise NotImplementedError("squares: write your solution here")
