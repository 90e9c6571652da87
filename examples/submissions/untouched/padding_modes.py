"""Fill in beyond the edge, four ways (lesson section 3, "Borders").

A kernel laid on a pixel near the edge reaches beyond the image. Padding
decides what it finds there. OpenCV (``cv2.copyMakeBorder``, and every
filter's ``borderType``) names four ways; for a row ``a b c d``, padded by 2:

=============  ================================  ==================
mode           what goes beyond the edge          padded row
=============  ================================  ==================
constant       zeros                              ``0 0|a b c d|0 0``
replicate      the edge pixel, repeated           ``a a|a b c d|d d``
reflect        a mirror image, edge included      ``b a|a b c d|d c``
reflect_101    a mirror image, edge not repeated  ``c b|a b c d|c b``
=============  ================================  ==================

``reflect_101`` is OpenCV's default border. ``np.pad`` knows all four under
other names; mind that numpy's ``"reflect"`` is OpenCV's reflect-101.
Write this exercise with numpy only: ``cv2`` and ``scipy`` may not be used.
"""

import numpy as np

MODES = ("constant", "replicate", "reflect", "reflect_101")


def pad(img, p, mode):
    """Add ``p`` rows and columns on every side, filled in the way ``mode`` names.

    Parameters
    ----------
    img : (H, W) or (H, W, C) ndarray
        A gray or colour image of any dtype. It must not be modified.
    p : int
        How many rows/columns to add on each side; ``p >= 0``.
    mode : str
        One of ``MODES``: ``"constant"`` (zeros), ``"replicate"``,
        ``"reflect"`` or ``"reflect_101"``, as in the table above.

    Returns
    -------
    padded : (H + 2p, W + 2p) or (H + 2p, W + 2p, C) ndarray
        Same dtype as ``img``; equal to ``cv2.copyMakeBorder(img, p, p, p,
        p, border)`` with the matching ``cv2.BORDER_*``. The colour axis is
        not padded.

    Raises
    ------
    ValueError
        If ``mode`` is not one of ``MODES``.

    Examples
    --------
    >>> row = np.array([[1, 2, 3, 4]], np.uint8)
    >>> pad(row, 2, "reflect")[2]
    array([2, 1, 1, 2, 3, 4, 4, 3], dtype=uint8)
    >>> pad(row, 2, "reflect_101")[2]
    array([3, 2, 1, 2, 3, 4, 3, 2], dtype=uint8)
    """
    raise NotImplementedError("pad: write your solution here")


def same_size_filter(img, kernel):
    """Correlate with reflect-101 padding, so that the result keeps the image's size.

    Pad the image with ``pad(..., "reflect_101")``, then run a *valid*
    correlation: the kernel visits only positions where it lies wholly on
    the padded picture, which gives back exactly ``H x W`` positions.

    Parameters
    ----------
    img : (H, W) or (H, W, C) ndarray of uint8 or float32
        A gray or colour image. It must not be modified.
    kernel : (kh, kw) array_like of numbers
        The weights; ``kh`` and ``kw`` are odd (they may differ).

    Returns
    -------
    filtered : ndarray of float32, same shape as ``img``
        The sums, neither rounded nor clipped: equal to
        ``cv2.filter2D(img, cv2.CV_32F, kernel)``.

    Examples
    --------
    >>> img = np.array([[1, 2, 3], [4, 5, 6]], np.uint8)
    >>> same_size_filter(img, [[0, 0, 1]])
    array([[2., 3., 2.],
           [5., 6., 5.]], dtype=float32)
    """
    raise NotImplementedError("same_size_filter: write your solution here")
