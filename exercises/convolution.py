"""Write ``cv2.filter2D`` yourself (lesson section 2, "Convolution").

Lay the kernel's centre (the anchor) on a pixel, multiply every kernel weight
by the pixel under it and add up: that sum is the new pixel. Three facts the
lesson does not say, and your code must match:

* ``filter2D`` computes correlation: the kernel is laid on the image as it
  is (``kernel[0, 0]`` meets the neighbour above and to the left). True
  convolution turns the kernel by 180 degrees first.
* Beyond the image's edge it reflects the image without repeating the edge
  pixel ("reflect-101": ``dcb|abcd|cba``), which is ``np.pad``'s "reflect".
* With ``ddepth=-1`` a uint8 image gives a uint8 result: each sum is rounded
  to the nearest whole number and clipped to 0..255. A float32 image gives
  float32 sums, not rounded.

Write it with numpy only: ``cv2`` and ``scipy`` may not be used here.
"""

import numpy as np


def correlate2d(img, kernel):
    """Correlate an image with a kernel, exactly like ``cv2.filter2D(img, -1, kernel)``.

    Parameters
    ----------
    img : (H, W) or (H, W, C) ndarray of uint8 or float32
        A gray or colour image; every channel is filtered on its own. It
        must not be modified.
    kernel : (kh, kw) array_like of numbers
        The weights; ``kh`` and ``kw`` are odd, so the kernel has a centre.

    Returns
    -------
    filtered : ndarray, same shape and dtype as ``img``
        ``filtered[y, x] = sum(kernel[i, j] * img[y + i - kh//2, x + j - kw//2])``
        with reflect-101 beyond the edges; for uint8, rounded and clipped
        to 0..255.

    Examples
    --------
    >>> dot = np.zeros((5, 5), np.float32); dot[2, 2] = 1
    >>> correlate2d(dot, np.arange(1, 10).reshape(3, 3))[1:4, 1:4]
    array([[9., 8., 7.],
           [6., 5., 4.],
           [3., 2., 1.]], dtype=float32)
    >>> correlate2d(np.array([[10, 20, 30]], np.uint8), [[-1, 0, 1]])
    array([[ 0, 20,  0]], dtype=uint8)
    """
    raise NotImplementedError("correlate2d: write your solution here")


def convolve2d(img, kernel):
    """Convolve an image with a kernel: correlation with the kernel turned by 180 degrees.

    Parameters
    ----------
    img : (H, W) or (H, W, C) ndarray of uint8 or float32
        A gray or colour image. It must not be modified.
    kernel : (kh, kw) array_like of numbers
        The weights; ``kh`` and ``kw`` are odd.

    Returns
    -------
    filtered : ndarray, same shape and dtype as ``img``
        Equal to ``cv2.filter2D(img, -1, cv2.flip(kernel, -1))``: same
        border, rounding and clipping as ``correlate2d``.

    Examples
    --------
    >>> dot = np.zeros((5, 5), np.float32); dot[2, 2] = 1
    >>> convolve2d(dot, np.arange(1, 10).reshape(3, 3))[1:4, 1:4]
    array([[1., 2., 3.],
           [4., 5., 6.],
           [7., 8., 9.]], dtype=float32)
    """
    raise NotImplementedError("convolve2d: write your solution here")
