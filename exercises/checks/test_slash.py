"""Public checks: the slash classifier on the lesson's pictures."""

import numpy as np
import pytest

pytestmark = pytest.mark.exercise("slash")

SLASH = np.array([[0, 0, 0, 1], [0, 0, 1, 0], [0, 1, 0, 0], [1, 0, 0, 0]], np.uint8)


@pytest.mark.parametrize("img, label", [(SLASH, "/"), (np.fliplr(SLASH).copy(), "\\")], ids=["slash", "backslash"])
def test_lesson_pictures(student, check, img, label):
    """classify_slash on the lesson's 4x4 pictures"""
    check.equal(student.classify_slash(img), label)
