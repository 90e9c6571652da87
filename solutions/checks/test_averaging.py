"""Hidden checks: the averaging kernel and the box blur."""

import cv2
import numpy as np
import pytest

from grader.checks import Mistake, _

pytestmark = pytest.mark.exercise("averaging")


def kernel_mistakes(k):
    weight = 1.0 / (k * k)
    return [
        Mistake(
            _("Every weight is 1: divide by k*k = {n}, so the weights sum to 1 and the brightness stays.").format(n=k * k),
            when=lambda got: k > 1 and got.shape == (k, k) and np.allclose(got, 1),
        ),
        Mistake(
            _("Every weight is 0: integer division (`1 // 9`, or `//` on an integer array) rounds 1/{n} down to 0. Divide floats.").format(n=k * k),
            when=lambda got: got.shape == (k, k) and not np.any(got),
        ),
        Mistake(
            _("The weights are right but the dtype is not: make the kernel float32, e.g. `np.ones((k, k), np.float32) / (k * k)`."),
            when=lambda got: got.dtype != np.float32 and got.shape == (k, k) and np.allclose(got, weight),
        ),
        Mistake(
            _("The kernel ignores k: it should be k x k, not always 3 x 3."),
            when=lambda got: k != 3 and got.shape == (3, 3),
        ),
    ]


@pytest.mark.parametrize("k", [1, 3, 5, 9])
def test_kernel_has_equal_weights(student, check, k):
    """averaging_kernel(k) is a k x k float32 kernel of 1/k²"""
    got = student.averaging_kernel(k)
    check.array(got, np.full((k, k), 1.0 / (k * k), np.float32), atol=1e-6, mistakes=kernel_mistakes(k))


def test_default_size_is_three(student, check):
    """averaging_kernel() without an argument is the 3x3 kernel"""
    got = student.averaging_kernel()
    check.array(got, np.full((3, 3), 1.0 / 9, np.float32), atol=1e-6, mistakes=kernel_mistakes(3))


@pytest.mark.parametrize("k", [0, 2, 4, -3])
def test_kernel_without_centre_is_refused(student, check, k):
    """averaging_kernel refuses sizes without a centre with ValueError"""
    with check.raises("ValueError", hint=_("A kernel needs a centre pixel: check that k is odd and at least 1, and raise ValueError otherwise.")):
        student.averaging_kernel(k)


def blur_mistakes(img, k):
    return [
        Mistake(
            _("The result is far too bright: the kernel's weights sum to more than 1. Divide the ones by k*k."),
            answer=lambda: cv2.filter2D(img, -1, np.ones((k, k), np.float32)),
        ),
        Mistake(
            _("The edges are darker than expected: pixels beyond the border were taken as 0. Keep OpenCV's default border (reflect-101)."),
            answer=lambda: cv2.blur(img, (k, k), borderType=cv2.BORDER_CONSTANT),
            atol=1,
        ),
        Mistake(
            _("Return the image as uint8, as cv2.filter2D(img, -1, kernel) does: ddepth -1 keeps the input's type."),
            when=lambda got: got.dtype != np.uint8,
        ),
    ]


PHOTOS = {"camera": lambda images: images.camera, "chelsea": lambda images: images.chelsea}
SYNTHETIC = {
    "gradient 7x5": lambda images: images.gradient(7, 5),
    "checkerboard 9x12": lambda images: images.checkerboard(9, 12),
    "noise 6x8x3": lambda images: images.noise(6, 8, 3, seed=3),
}


@pytest.mark.points(2)
@pytest.mark.parametrize("name", sorted(PHOTOS))
def test_box_blur_matches_opencv_on_photos(student, check, images, name):
    """box_blur(photo) equals cv2.blur on a real photograph"""
    img = PHOTOS[name](images)
    got = student.box_blur(img)
    check.array(got, cv2.blur(img, (3, 3)), atol=1, mistakes=blur_mistakes(img, 3))
    check.unchanged()


@pytest.mark.parametrize("name", sorted(SYNTHETIC))
@pytest.mark.parametrize("k", [3, 5])
def test_box_blur_matches_opencv_on_patterns(student, check, images, name, k):
    """box_blur(img, k) equals cv2.blur on a synthetic pattern"""
    img = SYNTHETIC[name](images)
    got = student.box_blur(img, k)
    check.array(got, cv2.blur(img, (k, k)), atol=1, mistakes=blur_mistakes(img, k))
