"""Hidden checks: zero padding."""

import numpy as np
import pytest

from grader.checks import Mistake, _

pytestmark = pytest.mark.exercise("padding")


def padding_mistakes(img, p):
    flat = ((p, p), (p, p)) + ((0, 0),) * (img.ndim - 2)
    return [
        Mistake(
            _("Padding went on one side only: add p rows at the top and at the bottom, and p columns on the left and on the right."),
            when=lambda got: got.shape[:2] == (img.shape[0] + p, img.shape[1] + p) and p > 0,
        ),
        Mistake(
            _("All 2p rows and columns went on one side: put p before the image and p after it."),
            when=lambda got: p > 0 and got.shape == np.pad(img, flat).shape and any(
                np.array_equal(got, np.pad(img, shift)) for shift in _shifted(img, p)
            ),
        ),
        Mistake(
            _("The colour axis was padded too: pad only height and width, e.g. np.pad(img, ((p, p), (p, p), (0, 0)))."),
            when=lambda got: img.ndim == 3 and got.ndim == 3 and got.shape[2] == img.shape[2] + 2 * p and p > 0,
        ),
        Mistake(
            _("Height and width are swapped: an image's shape is (rows, columns), that is (height, width)."),
            when=lambda got: img.shape[0] != img.shape[1] and got.shape[:2] == (img.shape[1] + 2 * p, img.shape[0] + 2 * p),
        ),
        Mistake(
            _("The new array has another dtype: np.zeros makes float64 unless you pass dtype=img.dtype."),
            when=lambda got: got.dtype != img.dtype,
        ),
        Mistake(
            _("The border repeats the edge pixels (replicate padding); zero padding fills it with 0."),
            answer=lambda: np.pad(img, flat, mode="edge"),
        ),
    ]


def _shifted(img, p):
    rest = ((0, 0),) * (img.ndim - 2)
    return [((2 * p, 0), (2 * p, 0)) + rest, ((0, 2 * p), (0, 2 * p)) + rest]


def expected(img, p):
    return np.pad(img, ((p, p), (p, p)) + ((0, 0),) * (img.ndim - 2), mode="constant")


CASES = {
    "gray 5x7, p=2": (lambda images: images.gradient(5, 7), 2),
    "camera photo, p=3": (lambda images: images.camera, 3),
    "colour photo, p=1": (lambda images: images.chelsea, 1),
    "colour 4x6x3, p=2": (lambda images: images.noise(4, 6, 3, seed=1), 2),
    "one row 1x9, p=2": (lambda images: images.gradient(1, 9), 2),
    "float32 7x5, p=1": (lambda images: images.noise(7, 5, seed=2, dtype=np.float32), 1),
    "p=0 keeps the image": (lambda images: images.gradient(3, 4), 0),
}


@pytest.mark.points(2)
@pytest.mark.parametrize("case", list(CASES))
def test_pads_every_side_with_zeros(student, check, images, case):
    """pad_zero adds p zero rows and columns on every side, keeping the dtype"""
    make, p = CASES[case]
    img = make(images)
    got = student.pad_zero(img, p)
    check.array(got, expected(img, p), mistakes=padding_mistakes(img, p))


@pytest.mark.parametrize("case", ["camera photo, p=3", "colour 4x6x3, p=2"])
def test_leaves_the_input_alone(student, check, images, case):
    """pad_zero pads correctly without modifying the caller's image"""
    make, p = CASES[case]
    img = make(images)
    got = student.pad_zero(img, p)
    check.unchanged()
    check.array(got, expected(img, p), mistakes=padding_mistakes(img, p))
