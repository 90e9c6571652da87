"""Hidden checks: the slash classifier, on strokes everywhere."""

import cv2
import numpy as np
import pytest

from grader.checks import _

pytestmark = pytest.mark.exercise("slash")

KERNELS = {"/": np.array([[0, 1], [1, 0]], np.float32), "\\": np.array([[1, 0], [0, 1]], np.float32)}


def stroke(height, width, row, col, length, kind, value=1):
    """A picture with one stroke; (row, col) is the stroke's left end."""
    img = np.zeros((height, width), np.uint8)
    step = -1 if kind == "/" else 1
    for i in range(length):
        img[row + step * i, col + i] = value
    return img


def all_strokes(height, width, lengths, value=1):
    for kind in ("/", "\\"):
        for length in lengths:
            for col in range(width - length + 1):
                rows = range(length - 1, height) if kind == "/" else range(height - length + 1)
                for row in rows:
                    yield stroke(height, width, row, col, length, kind, value), kind


def touches_border(img):
    return bool(img[0].any() or img[-1].any() or img[:, 0].any() or img[:, -1].any())


def on_main_diagonal(img):
    ys, xs = np.nonzero(img)
    size = min(img.shape)
    return img.shape[0] == img.shape[1] and (np.all(ys == xs) or np.all(ys + xs == size - 1))


def ties(img, **filter_options):
    """Whether a filter2D-based classifier sees the same maximum for both kernels."""
    tops = {float(cv2.filter2D(img, -1, kernel, **filter_options).max()) for kernel in KERNELS.values()}
    return len(tops) == 1


# Known wrong classifiers, each as the set of pictures it gets wrong. A hint is
# given when every picture the student got wrong is one that classifier gets wrong.
def not_a_label(img, got):
    return got not in ("/", "\\")


def reflected_border(img, got):
    return touches_border(img) and ties(img.astype(np.float32))


def saturated(img, got):
    return img.max() > 127 and ties(img, borderType=cv2.BORDER_CONSTANT)


def fixed_diagonals(img, got):
    return not on_main_diagonal(img)


HINTS = (
    (not_a_label, _("Return exactly the one-character string '/' or '\\' (a backslash, written '\\\\' in Python).")),
    (saturated, _("Your wrong answers are all on pictures whose strokes are 255: with uint8 output (ddepth -1) both maps "
                  "saturate at 255 and tie. Compute in floats (ddepth cv2.CV_32F, or turn the picture into 0 and 1 first).")),
    (reflected_border, _("Your wrong answers are all on strokes touching the border: with OpenCV's default border the "
                         "pixels beyond the edge are reflected, and a '/' at the edge looks like a '\\\\'. Use a valid "
                         "correlation without padding, or borderType=cv2.BORDER_CONSTANT.")),
    (fixed_diagonals, _("Strokes on the picture's own diagonals come out right, others do not: the stroke can be anywhere. "
                        "Slide both kernels over every position and compare the largest responses.")),
)


def describe(img, kind):
    return _("{height}x{width} picture with a {length}-pixel '{kind}'").format(
        height=img.shape[0], width=img.shape[1], length=int(np.count_nonzero(img)), kind=kind
    )


def check_all(student, check, cases):
    """Classify every picture; on failure show the first wrong one and name the likely mistake."""
    cases = list(cases)
    answers = [student.classify_slash(img) for img, _kind in cases]
    wrong = [(img, kind, got) for (img, kind), got in zip(cases, answers) if got != kind or type(got) is not str]
    if not wrong:
        return
    hint = next((text for test, text in HINTS if all(test(img, got) for img, _kind, got in wrong)), "")
    img, kind, got = wrong[0]
    shown = (img > 0).astype(np.uint8) * 255
    check.equal(
        got,
        kind,
        hint=hint,
        pictures=[(describe(img, kind), shown)],
        what=_("{wrong} of {total} pictures were classified wrong; the first: classify_slash({picture})").format(
            wrong=len(wrong), total=len(cases), picture=describe(img, kind)
        ),
    )


def test_lesson_examples(student, check):
    """classify_slash gets the lesson's 4x4 pictures right"""
    check_all(student, check, [(stroke(4, 4, 3, 0, 4, "/"), "/"), (stroke(4, 4, 0, 0, 4, "\\"), "\\")])


@pytest.mark.points(2)
def test_short_strokes_anywhere(student, check):
    """classify_slash finds 2- and 3-pixel strokes at every position of a 5x5 picture"""
    check_all(student, check, all_strokes(5, 5, (2, 3)))


@pytest.mark.points(2)
def test_strokes_in_wide_and_tall_pictures(student, check):
    """classify_slash works on pictures that are not square (6x9, 9x4)"""
    check_all(student, check, [*all_strokes(6, 9, (2, 4, 6)), *all_strokes(9, 4, (2, 3, 4))])


def test_smallest_pictures(student, check):
    """classify_slash works on 2x2 and 2xN pictures"""
    check_all(student, check, [*all_strokes(2, 2, (2,)), *all_strokes(2, 7, (2,))])


@pytest.mark.points(2)
def test_eight_bit_pictures(student, check):
    """classify_slash works when strokes are 255, as in a saved 8-bit image"""
    check_all(student, check, all_strokes(6, 6, (2, 5), value=255))


def test_long_strokes_in_larger_pictures(student, check):
    """classify_slash finds long strokes in a 12x15 picture"""
    cases = list(all_strokes(12, 15, (7, 12)))
    check_all(student, check, cases[::5])
