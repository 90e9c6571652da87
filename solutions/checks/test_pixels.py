"""Hidden checks: brightness and contrast, saturating on every channel.

Expected values come from numpy, never from cv2.add or cv2.multiply: OpenCV
before 4.10 applies a bare number to the first channel only, and the verdict
must not depend on the grader's OpenCV. The numbers avoid exact halves
(x.5), where rounding conventions differ.
"""

import numpy as np
import pytest

from grader.checks import Mistake, _
from grader.errors import StudentException

pytestmark = pytest.mark.exercise("pixels")

WRAPPED = _(
    "Pixels that should stop at 255 (or at 0) wrapped around: uint8 arithmetic counts modulo 256, so 250 + 10 "
    "gives 4, and clipping afterwards is too late. Compute in a wider type (img.astype(np.int16) or float), clip "
    "to 0..255, then convert back. In a loop over pixels the same happens under NumPy 2, where a uint8 pixel "
    "plus 10 stays uint8: convert the pixel with int() first."
)
FIRST_CHANNEL = _(
    "Only the first (blue) channel is right: OpenCV releases before 4.10 apply a bare number to channel 0 only "
    "(cv2.add(img, 50), cv2.multiply(img, 2)). Compute with numpy, which treats every channel alike."
)
TRUNCATED = _(
    "Fractions were cut off instead of rounded: astype(np.uint8) drops them, so 20.7 becomes 20. Round to the "
    "nearest whole number (np.round) before converting."
)
NOT_UINT8 = _(
    "Return a uint8 image, like the input: round, clip to 0..255, then convert with .astype(np.uint8)."
)
OVERFLOW = _(
    "NumPy 2 refuses to mix uint8 with a number outside 0..255, as in np.uint8(10) + (-20) or img + 300. Convert "
    "the pixel or the image to a wider type first: int(pixel), img.astype(np.int16) or img.astype(float)."
)


def saturated(exact):
    return np.clip(np.round(exact), 0, 255).astype(np.uint8)


def wrapped(got, expected, exact):
    """Right wherever the exact result fits in 0..255, wrong somewhere it does not."""
    outside = (exact < 0) | (exact > 255)
    return (
        got.shape == expected.shape
        and bool(outside.any())
        and np.array_equal(got[~outside], expected[~outside])
        and not np.array_equal(got[outside], expected[outside])
    )


def first_channel_only(got, expected, img):
    """Channel 0 right; the others untouched (old cv2.add) or zero (old cv2.multiply)."""
    if (
        img.ndim != 3
        or got.shape != img.shape
        or np.array_equal(expected[..., 1:], img[..., 1:])
    ):
        return False
    rest = got[..., 1:]
    return np.array_equal(got[..., 0], expected[..., 0]) and (
        np.array_equal(rest, img[..., 1:]) or not rest.any()
    )


def mistakes(img, exact, expected):
    return [
        Mistake(NOT_UINT8, when=lambda got: got.dtype != np.uint8),
        Mistake(WRAPPED, when=lambda got: wrapped(got, expected, exact)),
        Mistake(FIRST_CHANNEL, when=lambda got: first_channel_only(got, expected, img)),
        Mistake(TRUNCATED, answer=lambda: np.clip(exact, 0, 255).astype(np.uint8)),
    ]


def call(function, img, number):
    """Call the student's function; name the NumPy 2 overflow if that is what it raised."""
    try:
        return function(img, number)
    except StudentException as exc:
        if exc.kind == "OverflowError":
            exc.hint = OVERFLOW
        raise


BRIGHTEN = {
    "camera photo + 100": (lambda images: images.camera, 100),
    "colour photo + 50": (lambda images: images.chelsea, 50),
    "colour photo - 60": (lambda images: images.coffee, -60),
    "gray 7x5 + 20.7": (lambda images: images.gradient(7, 5), 20.7),
    "colour 6x8x3 - 30.3": (lambda images: images.noise(6, 8, 3, seed=4), -30.3),
    "one row 1x9 + 0": (lambda images: images.gradient(1, 9), 0),
    "checkerboard + 300": (lambda images: images.checkerboard(6, 8), 300),
}

CONTRAST = {
    "camera photo x 2": (lambda images: images.camera, 2),
    "colour photo x 1.4": (lambda images: images.chelsea, 1.4),
    "colour photo x 0.6": (lambda images: images.coffee, 0.6),
    "gray 7x5 x 2.2": (lambda images: images.gradient(7, 5), 2.2),
    "colour 6x8x3 x -1": (lambda images: images.noise(6, 8, 3, seed=5), -1),
    "one row 1x9 x 1": (lambda images: images.gradient(1, 9), 1),
    "checkerboard x 0": (lambda images: images.checkerboard(6, 8), 0),
}


@pytest.mark.points(2)
@pytest.mark.parametrize("case", list(BRIGHTEN))
def test_brighten_saturates(student, check, images, case):
    """brighten adds to every channel, rounds, and stops at 0 and 255"""
    make, value = BRIGHTEN[case]
    img = make(images)
    exact = img.astype(np.float64) + value
    got = call(student.brighten, img, value)
    check.array(got, saturated(exact), mistakes=mistakes(img, exact, saturated(exact)))


@pytest.mark.points(2)
@pytest.mark.parametrize("case", list(CONTRAST))
def test_contrast_saturates(student, check, images, case):
    """contrast multiplies every channel, rounds, and stops at 0 and 255"""
    make, factor = CONTRAST[case]
    img = make(images)
    exact = img.astype(np.float64) * factor
    got = call(student.contrast, img, factor)
    check.array(got, saturated(exact), mistakes=mistakes(img, exact, saturated(exact)))


@pytest.mark.parametrize("name", ["brighten", "contrast"])
def test_leaves_the_input_alone(student, check, images, name):
    """brighten and contrast do not modify the caller's image"""
    call(getattr(student, name), images.chelsea, 1.4)
    check.unchanged()
