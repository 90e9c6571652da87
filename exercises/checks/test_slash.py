"""Public checks: the slash classifier on the lesson's pictures, and strokes elsewhere."""

import numpy as np
import pytest

from grader.checks import _

pytestmark = pytest.mark.exercise("slash")

SLASH = np.array([[0, 0, 0, 1], [0, 0, 1, 0], [0, 1, 0, 0], [1, 0, 0, 0]], np.uint8)
OFF_DIAGONAL = _(
    "Strokes on the picture's own diagonals come out right, others do not: the stroke can be anywhere. "
    "Slide both kernels over every position and compare the largest responses."
)


@pytest.mark.parametrize("img, label", [(SLASH, "/"), (np.fliplr(SLASH).copy(), "\\")], ids=["slash", "backslash"])
def test_lesson_pictures(student, check, img, label):
    """classify_slash on the lesson's 4x4 pictures"""
    check.equal(student.classify_slash(img), label)


def short_stroke(kind, row, col):
    img = np.zeros((5, 5), np.uint8)
    if kind == "/":
        img[row, col], img[row - 1, col + 1] = 1, 1
    else:
        img[row, col], img[row + 1, col + 1] = 1, 1
    return img


@pytest.mark.parametrize("kind, row, col", [("/", 2, 1), ("\\", 1, 2), ("/", 4, 3)], ids=["slash-middle", "backslash-middle", "slash-corner"])
def test_a_short_stroke_away_from_the_diagonal(student, check, kind, row, col):
    """classify_slash finds a 2-pixel stroke that is not on the picture's diagonal"""
    img = short_stroke(kind, row, col)
    got = student.classify_slash(img)
    check.equal(got, kind, hint=OFF_DIAGONAL, pictures=[(_("the picture (stroke in white)"), img * 255)])
