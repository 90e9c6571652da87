"""A convolutional layer, by hand (lesson section 3, "Deeper into convolution").

A layer of a convolutional network does three things to a picture, once per
kernel:

1. a valid correlation: the kernel visits only the positions where it lies
   wholly on the picture, so an H x W picture and a kh x kw kernel give an
   (H - kh + 1) x (W - kw + 1) map (a 4x4 picture and a 2x2 kernel: 3x3);
2. ReLU: negative responses become 0;
3. 2x2 max pooling, dropping a last row or column that does not fill a
   square (the floor rule).

The slash classifier of the lesson is such a layer with two 2x2 kernels.
Its maps tell where a stroke is; their maxima tell whether there is one,
wherever it is.
"""

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

SLASH = np.array([[0, 1], [1, 0]], np.float32)
BACKSLASH = np.array([[1, 0], [0, 1]], np.float32)


def conv_layer(img, kernels):
    """Valid correlation with each kernel, then ReLU, then 2x2 max pooling.

    Parameters
    ----------
    img : (H, W) ndarray of numbers
        A gray picture (uint8 or float). It must not be modified.
    kernels : (n, kh, kw) array_like of numbers
        ``n`` kernels of the same size, ``kh <= H`` and ``kw <= W``.

    Returns
    -------
    maps : (n, (H - kh + 1) // 2, (W - kw + 1) // 2) ndarray of float32
        ``maps[k]`` is the pooled, rectified response to ``kernels[k]``.

    Examples
    --------
    >>> img = np.array([[0, 0, 0, 1], [0, 0, 1, 0], [0, 1, 0, 0], [1, 0, 0, 0]], np.uint8)
    >>> conv_layer(img, [SLASH, BACKSLASH])
    array([[[2.]],
    <BLANKLINE>
           [[1.]]], dtype=float32)
    """
    raise NotImplementedError("conv_layer: write your solution here")


def feature_maps(img, kernels):
    """Valid correlation with each kernel, then ReLU (no pooling).

    Parameters
    ----------
    img : (H, W) ndarray of numbers
        A gray picture.
    kernels : (n, kh, kw) array_like of numbers
        The kernels.

    Returns
    -------
    maps : (n, H - kh + 1, W - kw + 1) ndarray of float32

    Examples
    --------
    >>> feature_maps(np.eye(3), [BACKSLASH])
    array([[[2., 0.],
            [0., 2.]]], dtype=float32)
    """
    raise NotImplementedError("feature_maps: write your solution here")


def pool_2x2(maps):
    """2x2 max pooling of every map, dropping a last odd row or column.

    Parameters
    ----------
    maps : (n, h, w) ndarray

    Returns
    -------
    pooled : (n, h // 2, w // 2) ndarray, same dtype as ``maps``

    Examples
    --------
    >>> pool_2x2(np.arange(9).reshape(1, 3, 3))
    array([[[4]]])
    """
    raise NotImplementedError("pool_2x2: write your solution here")


def classify_stroke(img):
    """Tell whether a picture holds a slash, a backslash, or no diagonal stroke.

    Parameters
    ----------
    img : (H, W) ndarray of uint8
        H, W >= 2. Background pixels are 0; the stroke's pixels all share one
        non-zero value (1, or 255 in a saved 8-bit picture).

    Returns
    -------
    label : str
        ``"/"`` or ``"\\\\"`` for the kind of stroke; ``"none"`` when neither
        kernel finds two diagonal neighbours (an empty picture, a single dot,
        a horizontal or vertical line).

    Notes
    -----
    Decide from the maps before pooling: with the floor rule, pooling drops
    the last row or column of an odd-sized map, and a stroke there with it.

    Examples
    --------
    >>> classify_stroke(np.array([[0, 1], [1, 0]], np.uint8))
    '/'
    >>> classify_stroke(np.array([[0, 0], [1, 1]], np.uint8))
    'none'
    """
    raise NotImplementedError("classify_stroke: write your solution here")
