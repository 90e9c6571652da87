"""Find edges with kernels (lesson section 3, "Deeper into convolution").

The lesson asks you to guess what two kernels do::

    K1 = [[-1, -1, -1],        K2 = K1.T = [[-1, 0, 1],
          [ 0,  0,  0],                     [-1, 0, 1],
          [ 1,  1,  1]]                     [-1, 0, 1]]

K1 subtracts the row above a pixel from the row below it: it answers where
brightness changes from top to bottom, which happens along a horizontal
edge. The notebook's text and plot titles say the opposite; trust the
arithmetic, and try it on a picture.

With ``ddepth=-1`` a uint8 picture gives a uint8 response, so negative
responses are clipped to 0 and only one direction of each edge survives.
For the strength of an edge whatever its direction, compute the responses
as floats and combine them: ``sqrt(gx**2 + gy**2)``.
"""

import cv2
import numpy as np

K1 = np.array([[-1, -1, -1], [0, 0, 0], [1, 1, 1]], np.float32)
K2 = K1.T.copy()
DIAGONAL = np.array([[0, 1, 2], [-1, 0, 1], [-2, -1, 0]], np.float32)

EDGE_QUIZ = {
    "horizontal": "Which kernel finds horizontal edges? 'K1' or 'K2'",
    "vertical": "Which kernel finds vertical edges? 'K1' or 'K2'",
    "uint8_keeps": (
        "With uint8 output (ddepth -1), which edges does K1 keep? "
        "'dark_above_bright' or 'bright_above_dark'"
    ),
}


def horizontal_edges(img):
    """Respond to horizontal edges: ``cv2.filter2D`` with the right one of K1 and K2.

    Parameters
    ----------
    img : (H, W) or (H, W, 3) ndarray of uint8
        A gray or colour image.

    Returns
    -------
    response : ndarray of uint8, same shape as ``img``
        ``cv2.filter2D(img, -1, kernel)``: bright where brightness changes
        from top to bottom (negative responses clipped to 0).

    Examples
    --------
    >>> img = np.zeros((4, 3), np.uint8); img[2:] = 100
    >>> horizontal_edges(img)
    array([[  0,   0,   0],
           [255, 255, 255],
           [255, 255, 255],
           [  0,   0,   0]], dtype=uint8)
    """
    raise NotImplementedError("horizontal_edges: write your solution here")


def vertical_edges(img):
    """Respond to vertical edges: ``cv2.filter2D`` with the other kernel.

    Parameters
    ----------
    img : (H, W) or (H, W, 3) ndarray of uint8
        A gray or colour image.

    Returns
    -------
    response : ndarray of uint8, same shape as ``img``
        Bright where brightness changes from left to right.

    Examples
    --------
    >>> img = np.zeros((2, 4), np.uint8); img[:, 2:] = 50
    >>> vertical_edges(img)
    array([[  0, 150, 150,   0],
           [  0, 150, 150,   0]], dtype=uint8)
    """
    raise NotImplementedError("vertical_edges: write your solution here")


def all_edges(img):
    """Outline every edge: the saturated sum of the two responses, as the lesson does.

    Parameters
    ----------
    img : (H, W) or (H, W, 3) ndarray of uint8
        A gray or colour image.

    Returns
    -------
    outline : ndarray of uint8, same shape as ``img``
        ``cv2.add(horizontal_edges(img), vertical_edges(img))``: sums above
        255 stay 255.

    Examples
    --------
    >>> img = np.zeros((4, 4), np.uint8); img[2:, 2:] = 100
    >>> int(all_edges(img)[2, 2])
    255
    """
    raise NotImplementedError("all_edges: write your solution here")


def diagonal_edges(img):
    """Respond to diagonal changes with the lesson's kernel [[0, 1, 2], [-1, 0, 1], [-2, -1, 0]].

    Parameters
    ----------
    img : (H, W) or (H, W, 3) ndarray of uint8
        A gray or colour image.

    Returns
    -------
    response : ndarray of uint8, same shape as ``img``
        ``cv2.filter2D(img, -1, kernel)`` with the kernel exactly as written
        above.

    Examples
    --------
    >>> int(diagonal_edges(np.full((3, 3), 10, np.uint8)).max())
    0
    """
    raise NotImplementedError("diagonal_edges: write your solution here")


def gradient_magnitude(img):
    """The strength of the edge at every pixel, whatever its direction.

    Parameters
    ----------
    img : (H, W) or (H, W, 3) ndarray of uint8
        A gray or colour image.

    Returns
    -------
    magnitude : ndarray of float32, same shape as ``img``
        ``sqrt(gx**2 + gy**2)``, where ``gx`` and ``gy`` are the responses
        to K2 and K1 computed as float32 (``ddepth=cv2.CV_32F``), so that
        negative responses count too.

    Examples
    --------
    >>> img = np.zeros((4, 3), np.uint8); img[2:] = 100
    >>> gradient_magnitude(img)[:, 0]
    array([  0., 300., 300.,   0.], dtype=float32)
    """
    raise NotImplementedError("gradient_magnitude: write your solution here")


def edge_quiz():
    """Quiz: answer every question of ``EDGE_QUIZ``.

    Returns
    -------
    answers : dict of str to str
        For every key of ``EDGE_QUIZ``, one of the choices its question
        offers (in quotes).

    Examples
    --------
    >>> sorted(edge_quiz()) == sorted(EDGE_QUIZ)
    True
    """
    raise NotImplementedError("edge_quiz: write your solution here")
