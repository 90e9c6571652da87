"""Public checks: zero padding."""

import numpy as np
import pytest

from grader.checks import Mistake, _

pytestmark = pytest.mark.exercise("padding")


def mistakes(img, p):
    return [
        Mistake(
            _("Padding went on one side only: add p rows at the top and at the bottom, and p columns on the left and on the right."),
            when=lambda got: got.shape[:2] == (img.shape[0] + p, img.shape[1] + p),
        ),
        Mistake(
            _("All 2p rows and columns went on one side: put p before the image and p after it."),
            when=lambda got: got.shape == np.pad(img, p).shape
            and (np.array_equal(got[: img.shape[0], : img.shape[1]], img) or np.array_equal(got[2 * p :, 2 * p :], img)),
        ),
        Mistake(
            _("The new array has another dtype: np.zeros makes float64 unless you pass dtype=img.dtype."),
            when=lambda got: got.dtype != img.dtype,
        ),
    ]


def test_small_gray_image(student, check):
    """pad_zero(2x3 image, 1) adds a frame of zeros"""
    img = np.arange(1, 7, dtype=np.uint8).reshape(2, 3)
    check.array(student.pad_zero(img, 1), np.pad(img, 1), mistakes=mistakes(img, 1))


def test_gray_image_padded_by_two(student, check, images):
    """pad_zero(5x7 gradient, 2) keeps the dtype and pads every side"""
    img = images.gradient(5, 7)
    check.array(student.pad_zero(img, 2), np.pad(img, 2), mistakes=mistakes(img, 2))
