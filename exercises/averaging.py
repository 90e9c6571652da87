"""Write the averaging kernel (lesson section 2, "Convolution").

The averaging (box) kernel replaces each pixel by the mean of its k x k
neighbourhood. With ``cv2.filter2D`` the image keeps its size: only detail is
lost (the original notebook says the size drops; it does not).
"""

import cv2
import numpy as np


def averaging_kernel(k=3):
    """Return the k x k averaging kernel.

    Parameters
    ----------
    k : int
        Side of the kernel: an odd whole number, at least 1.

    Returns
    -------
    kernel : (k, k) ndarray of float32
        Every element is ``1 / k**2``, so the elements sum to 1.

    Raises
    ------
    ValueError
        If ``k`` is not an odd whole number >= 1 (a kernel needs a centre).

    Examples
    --------
    >>> float(averaging_kernel(3).sum())
    1.0
    >>> averaging_kernel(1)
    array([[1.]], dtype=float32)
    """
    raise NotImplementedError("averaging_kernel: write your solution here")


def box_blur(img, k=3):
    """Blur an image with the k x k averaging kernel, using ``cv2.filter2D``.

    Parameters
    ----------
    img : (H, W) or (H, W, 3) ndarray of uint8
        A gray or colour (BGR) image.
    k : int
        Side of the averaging kernel (odd, >= 1).

    Returns
    -------
    blurred : ndarray of uint8, same shape as ``img``
        Each pixel is the mean of its k x k neighbourhood (OpenCV's default
        border, reflect-101, fills in beyond the edges).

    Examples
    --------
    >>> img = np.zeros((5, 5), np.uint8); img[2, 2] = 90
    >>> box_blur(img)[1:4, 1:4]
    array([[10, 10, 10],
           [10, 10, 10],
           [10, 10, 10]], dtype=uint8)
    """
    raise NotImplementedError("box_blur: write your solution here")
