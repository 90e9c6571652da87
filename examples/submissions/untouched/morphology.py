"""Erosion and dilation (lesson section 2, "Convolution").

Erosion replaces each pixel by the smallest value in its neighbourhood,
dilation by the largest. The neighbourhood is given by a structuring
element: a small array of 0 and 1 whose centre lies on the pixel; only the
positions holding 1 count. Dilation grows bright objects, erosion grows dark
ones. The lesson's element is a 5x5 diamond (the notebook calls it round).

Near the edge, part of the element lies beyond the image. ``cv2.erode`` and
``cv2.dilate`` fill that part, by default, with a value that never wins (the
largest possible value for erosion, the smallest for dilation), so pixels
beyond the edge are simply left out. Yours must do the same.

Write it with numpy only: ``cv2`` and ``scipy`` may not be used here.
"""

import numpy as np

LESSON_ELEMENT = np.array(
    [
        [0, 0, 1, 0, 0],
        [0, 1, 1, 1, 0],
        [1, 1, 1, 1, 1],
        [0, 1, 1, 1, 0],
        [0, 0, 1, 0, 0],
    ],
    dtype=np.uint8,
)


def erode(img, element):
    """The minimum over each pixel's neighbourhood, like ``cv2.erode(img, element)``.

    Parameters
    ----------
    img : (H, W) or (H, W, C) ndarray of uint8
        A gray or colour image; each channel is eroded on its own. It must
        not be modified.
    element : (eh, ew) array_like of 0 and 1
        The structuring element; ``eh`` and ``ew`` are odd and its centre
        lies on the pixel. ``element[i, j] == 1`` takes in the pixel
        ``i - eh//2`` rows and ``j - ew//2`` columns away.

    Returns
    -------
    eroded : ndarray of uint8, same shape as ``img``
        The smallest value among the pixels the element takes in; pixels
        beyond the edge are left out.

    Examples
    --------
    >>> img = np.full((5, 5), 200, np.uint8); img[2, 2] = 0
    >>> erode(img, LESSON_ELEMENT)
    array([[200, 200,   0, 200, 200],
           [200,   0,   0,   0, 200],
           [  0,   0,   0,   0,   0],
           [200,   0,   0,   0, 200],
           [200, 200,   0, 200, 200]], dtype=uint8)
    """
    raise NotImplementedError("erode: write your solution here")


def dilate(img, element):
    """The maximum over each pixel's neighbourhood, like ``cv2.dilate(img, element)``.

    Parameters
    ----------
    img : (H, W) or (H, W, C) ndarray of uint8
        A gray or colour image; each channel is dilated on its own. It must
        not be modified.
    element : (eh, ew) array_like of 0 and 1
        The structuring element, as for ``erode``.

    Returns
    -------
    dilated : ndarray of uint8, same shape as ``img``
        The largest value among the pixels the element takes in; pixels
        beyond the edge are left out.

    Examples
    --------
    >>> img = np.zeros((3, 4), np.uint8); img[0, 0] = 9
    >>> dilate(img, np.ones((3, 3), np.uint8))
    array([[9, 9, 0, 0],
           [9, 9, 0, 0],
           [0, 0, 0, 0]], dtype=uint8)
    """
    raise NotImplementedError("dilate: write your solution here")


def neighbourhood_extreme(img, element, pick, fill):
    """Combine, with ``pick``, every pixel the element takes in; ``fill`` beyond the edge.

    Parameters
    ----------
    img : (H, W) or (H, W, C) ndarray of uint8
        The image.
    element : (eh, ew) array_like of 0 and 1
        The structuring element (odd sides).
    pick : callable
        ``np.minimum`` or ``np.maximum``: combines two arrays element-wise.
    fill : int
        The value beyond the edge; choose one that ``pick`` never keeps.

    Returns
    -------
    result : ndarray of uint8, same shape as ``img``

    Examples
    --------
    >>> neighbourhood_extreme(np.array([[1, 5, 3]], np.uint8), [[1, 1, 1]], np.maximum, 0)
    array([[5, 5, 5]], dtype=uint8)
    """
    raise NotImplementedError("neighbourhood_extreme: write your solution here")
