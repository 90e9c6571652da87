"""Shift and rotate pictures (lesson section 2, "Convolution").

The notebook lists a "shift kernel" [[1, 0, 100], [0, 1, 50]] and a rotation
matrix [[cos, -sin], [sin, cos]] among its kernels. They are not kernels:
they are affine transforms, 2x3 matrices for ``cv2.warpAffine``. The output
pixel at (x, y) takes the input at the place the matrix maps back to, and
what falls outside the picture becomes 0.

Mind the order of coordinates: OpenCV speaks of points as (x, y), that is
(column, row), and of sizes as (width, height), while a numpy array's shape
is (rows, columns) = (height, width).
"""

import cv2
import numpy as np


def shift_matrix(dx, dy):
    """The 2x3 matrix that moves a picture ``dx`` pixels right and ``dy`` pixels down.

    Parameters
    ----------
    dx, dy : int or float
        How far to move along x (to the right) and y (down); negative values
        move left or up.

    Returns
    -------
    matrix : (2, 3) ndarray of float32 or float64
        ``[[1, 0, dx], [0, 1, dy]]``, ready for ``cv2.warpAffine``.

    Examples
    --------
    >>> shift_matrix(100, 50)
    array([[  1.,   0., 100.],
           [  0.,   1.,  50.]], dtype=float32)
    """
    raise NotImplementedError("shift_matrix: write your solution here")


def rotation_matrix(angle_deg, center):
    """The 2x3 matrix that turns a picture by ``angle_deg`` degrees about ``center``.

    Parameters
    ----------
    angle_deg : float
        The angle in degrees; positive turns counter-clockwise as the
        picture is shown (rows going down).
    center : (float, float)
        The point that stays in place, as (x, y) = (column, row).

    Returns
    -------
    matrix : (2, 3) ndarray of float32 or float64
        Equal to ``cv2.getRotationMatrix2D(center, angle_deg, 1.0)``: the
        rotation part ``[[cos, sin], [-sin, cos]]`` and a third column that
        keeps ``center`` in place.

    Examples
    --------
    >>> np.round(rotation_matrix(90, (2, 1)), 6)
    array([[ 0.,  1.,  1.],
           [-1.,  0.,  3.]])
    """
    raise NotImplementedError("rotation_matrix: write your solution here")


def shift(img, dx, dy):
    """Move a picture ``dx`` pixels right and ``dy`` down; what is uncovered becomes 0.

    Parameters
    ----------
    img : (H, W) or (H, W, 3) ndarray of uint8
        A gray or colour image. It must not be modified.
    dx, dy : int
        Whole numbers of pixels; negative values move left or up.

    Returns
    -------
    shifted : ndarray of uint8, same shape as ``img``
        Equal to ``cv2.warpAffine(img, shift_matrix(dx, dy), (W, H))``.

    Examples
    --------
    >>> shift(np.arange(1, 9, dtype=np.uint8).reshape(2, 4), 1, 0)
    array([[0, 1, 2, 3],
           [0, 5, 6, 7]], dtype=uint8)
    """
    raise NotImplementedError("shift: write your solution here")
