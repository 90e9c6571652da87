"""Build the slash classifier (lesson section 3, "The slash classifier").

A tiny binary picture holds one stroke, either a slash '/' or a backslash '\\',
anywhere in it. Correlate the picture with a 2x2 diagonal kernel for each class,
without padding: where the kernel's diagonal lies on a matching stroke the map
holds 2. The class whose map has the larger maximum wins, wherever the stroke
is. This is the idea of a convolutional layer: detectors that work at any
position.
"""

import numpy as np

SLASH = np.array([[0, 1], [1, 0]], dtype=np.float32)
BACKSLASH = np.array([[1, 0], [0, 1]], dtype=np.float32)


def classify_slash(img):
    """Tell whether a binary picture holds a slash or a backslash.

    Parameters
    ----------
    img : (H, W) ndarray of uint8
        H, W >= 2. Background pixels are 0; the stroke's pixels all share one
        non-zero value (1, or 255 for a picture saved as an 8-bit image). The
        stroke is at least 2 pixels long.

    Returns
    -------
    label : str
        ``"/"`` for a slash (rising to the right), ``"\\\\"`` for a backslash.

    Notes
    -----
    Use a valid correlation (no padding: a reflected border turns a '/' that
    touches the edge into a '\\'), and compute in floats (uint8 saturates at 255,
    so both maps could tie).

    Examples
    --------
    >>> classify_slash(np.array([[0, 1], [1, 0]], np.uint8))
    '/'
    """
    raise NotImplementedError("classify_slash: write your solution here")


def valid_max(picture, kernel):
    """Largest value of the valid correlation of ``picture`` with a 2x2 ``kernel``."""
    raise NotImplementedError("valid_max: write your solution here")
