"""Public checks: the averaging kernel and the box blur."""

import cv2
import numpy as np
import pytest

from grader.checks import Mistake, _

pytestmark = pytest.mark.exercise("averaging")

KERNEL_MISTAKES = [
    Mistake(
        _("Every weight is 1: divide by k*k = {n}, so the weights sum to 1 and the brightness stays.").format(n=9),
        when=lambda got: got.shape == (3, 3) and np.allclose(got, 1),
    ),
    Mistake(
        _("Every weight is 0: integer division (`1 // 9`, or `//` on an integer array) rounds 1/{n} down to 0. Divide floats.").format(n=9),
        when=lambda got: got.shape == (3, 3) and not np.any(got),
    ),
    Mistake(
        _("The weights are right but the dtype is not: make the kernel float32, e.g. `np.ones((k, k), np.float32) / (k * k)`."),
        when=lambda got: got.dtype != np.float32 and np.allclose(got, 1 / 9),
    ),
]


def test_three_by_three_kernel(student, check):
    """averaging_kernel(3) is 3x3 float32, every weight 1/9"""
    check.array(student.averaging_kernel(3), np.full((3, 3), 1 / 9, np.float32), atol=1e-6, mistakes=KERNEL_MISTAKES)


def test_box_blur_on_a_gradient(student, check, images):
    """box_blur equals cv2.blur on a small gradient"""
    img = images.gradient(6, 8)
    too_bright = Mistake(
        _("The result is far too bright: the kernel's weights sum to more than 1. Divide the ones by k*k."),
        answer=lambda: cv2.filter2D(img, -1, np.ones((3, 3), np.float32)),
    )
    check.array(student.box_blur(img), cv2.blur(img, (3, 3)), atol=1, mistakes=[too_bright])
