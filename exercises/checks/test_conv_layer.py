"""Public checks: the lesson's 4x4 slash through a layer of two kernels; three small pictures."""

import numpy as np
import pytest

pytestmark = pytest.mark.exercise("conv_layer")

SLASH_PICTURE = np.array([[0, 0, 0, 1], [0, 0, 1, 0], [0, 1, 0, 0], [1, 0, 0, 0]], np.uint8)
KERNELS = np.array([[[0, 1], [1, 0]], [[1, 0], [0, 1]]], np.float32)


def test_layer_on_the_lesson_picture(student, check):
    """conv_layer(4x4 slash, [slash kernel, backslash kernel]) has shape (2, 1, 1)"""
    check.array(student.conv_layer(SLASH_PICTURE, KERNELS), np.array([[[2]], [[1]]], np.float32), atol=1e-6)


@pytest.mark.parametrize(
    "img, label",
    [(SLASH_PICTURE, "/"), (np.fliplr(SLASH_PICTURE).copy(), "\\"), (np.zeros((4, 4), np.uint8), "none")],
    ids=["slash", "backslash", "empty"],
)
def test_lesson_pictures(student, check, img, label):
    """classify_stroke on the lesson's 4x4 pictures and an empty one"""
    check.equal(student.classify_stroke(img), label)
