"""Public checks: the four modes on one row; same_size_filter keeps a small image's size."""

import cv2
import numpy as np
import pytest

from grader.checks import _

pytestmark = pytest.mark.exercise("padding_modes")

ROW = np.array([[1, 2, 3, 4]], np.uint8)
PADDED_ROWS = {
    "constant": [0, 0, 1, 2, 3, 4, 0, 0],
    "replicate": [1, 1, 1, 2, 3, 4, 4, 4],
    "reflect": [2, 1, 1, 2, 3, 4, 4, 3],
    "reflect_101": [3, 2, 1, 2, 3, 4, 3, 2],
}


@pytest.mark.parametrize("mode", list(PADDED_ROWS))
def test_middle_row_of_a_padded_row(student, check, mode):
    """pad([[1, 2, 3, 4]], 2, mode): the image's own row, padded on the left and right"""
    got = student.pad(ROW, 2, mode)
    if type(got) is not np.ndarray or got.shape != (5, 8):
        check.array(got, np.zeros((5, 8), np.uint8))
    check.array(got[2], np.array(PADDED_ROWS[mode], np.uint8), what=_("pad([[1, 2, 3, 4]], 2, {mode})[2]").format(mode=repr(mode)))


def test_same_size_filter_keeps_the_size(student, check, images):
    """same_size_filter(6x8 gradient, 3x3 kernel) equals cv2.filter2D(img, cv2.CV_32F, kernel)"""
    img = images.gradient(6, 8)
    kernel = np.array([[0, 1, 0], [1, -4, 1], [0, 1, 0]], np.float32)
    check.array(student.same_size_filter(img, kernel), cv2.filter2D(img, cv2.CV_32F, kernel), atol=1e-3)
