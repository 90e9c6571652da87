"""Count the brightness values of every channel (lesson section 1, "Pixels").

A histogram counts how many pixels have each brightness 0..255. The lesson
draws one per channel with ``cv2.calcHist([img], [i], None, [256], [0, 256])``
in the order b, g, r: an image loaded by OpenCV keeps its channels as blue,
green, red, not red, green, blue.

Two traps: the range's upper end is left out (``[0, 255]`` would not count
the pixels of value 255), and ``calcHist`` returns shape ``(256, 1)`` in
OpenCV 4 but ``(256,)`` in OpenCV 5.
"""

import cv2
import numpy as np


def channel_histograms(img):
    """One 256-bin histogram per channel, in the image's own channel order.

    Parameters
    ----------
    img : (H, W) or (H, W, C) ndarray of uint8
        A gray image, or a colour image as OpenCV loads it (B, G, R).

    Returns
    -------
    histograms : (C, 256) ndarray of float32
        Row ``c`` counts the pixels of channel ``c``: ``histograms[c, v]`` is
        how many have the value ``v``. A gray image gives one row. Each row
        adds up to ``H * W``; the values equal ``cv2.calcHist``'s.

    Examples
    --------
    >>> img = np.zeros((2, 3, 3), np.uint8); img[..., 2] = 255
    >>> h = channel_histograms(img)
    >>> h.shape, float(h[0, 0]), float(h[2, 255])
    ((3, 256), 6.0, 6.0)
    >>> float(channel_histograms(np.full((4, 5), 7, np.uint8))[0, 7])
    20.0
    """
    raise NotImplementedError("channel_histograms: write your solution here")
