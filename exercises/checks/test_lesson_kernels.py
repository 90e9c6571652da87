"""Public checks: every kernel is there and 3x3; the identity kernel changes nothing."""

import cv2
import numpy as np
import pytest

from grader.checks import _

pytestmark = pytest.mark.exercise("lesson_kernels")

NAMES = ("smoothing", "sharpening", "brightening", "darkening", "identity")


def test_every_kernel_is_a_3x3_array(student, check):
    """lesson_kernels names five 3x3 kernels"""
    kernels = student.lesson_kernels()
    if not isinstance(kernels, dict):
        check.fail(_("returned {type}; expected a dict.").format(type=type(kernels).__name__))
    missing = [name for name in NAMES if name not in kernels]
    if missing:
        check.fail(_("has no kernels named {names}.").format(names=", ".join(missing)))
    wrong = [name for name in NAMES if np.shape(kernels[name]) != (3, 3)]
    if wrong:
        check.fail(_("gives kernels that are not 3x3: {names}.").format(names=", ".join(wrong)))


def test_identity_changes_nothing(student, check, images):
    """cv2.filter2D(img, -1, identity) gives the picture back"""
    kernels = student.lesson_kernels()
    if not isinstance(kernels, dict) or np.shape(kernels.get("identity")) != (3, 3):
        check.fail(_("should give a 3x3 kernel named 'identity'."))
    kernel = np.asarray(kernels["identity"], np.float32)
    img = images.gradient(6, 8)
    check.array(cv2.filter2D(img, -1, kernel), img, what=_("cv2.filter2D(img, -1, your identity kernel)"))


def test_every_kernel_has_a_sum(student, check):
    """kernel_sums gives a number for every kernel"""
    sums = student.kernel_sums()
    if not isinstance(sums, dict) or any(name not in sums for name in NAMES):
        check.fail(_("should give a dict with a number for each of {names}.").format(names=", ".join(NAMES)))
