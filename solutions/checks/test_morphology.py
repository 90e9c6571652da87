"""Hidden checks: erode and dilate equal cv2.erode and cv2.dilate, written without OpenCV.

OpenCV's default border for both leaves pixels beyond the edge out (it fills
them with a value that never wins), which the expected values use.
"""

import cv2
import numpy as np
import pytest

from grader.checks import Mistake, _

pytestmark = pytest.mark.exercise("morphology")

DIAMOND = np.array(
    [
        [0, 0, 1, 0, 0],
        [0, 1, 1, 1, 0],
        [1, 1, 1, 1, 1],
        [0, 1, 1, 1, 0],
        [0, 0, 1, 0, 0],
    ],
    np.uint8,
)
CROSS = np.array([[0, 1, 0], [1, 1, 1], [0, 1, 0]], np.uint8)
SQUARE = np.ones((3, 3), np.uint8)
LOPSIDED = np.array(
    [[0, 1, 0], [0, 1, 1], [0, 0, 0]], np.uint8
)  # not symmetric: shows a turned element
ROW = np.array([[1, 1, 0]], np.uint8)

OPERATIONS = {"erode": cv2.erode, "dilate": cv2.dilate}
OTHER = {"erode": "dilate", "dilate": "erode"}
SWAPPED = {
    "erode": _(
        "This is dilation: the largest value of each neighbourhood. Erosion keeps the smallest."
    ),
    "dilate": _(
        "This is erosion: the smallest value of each neighbourhood. Dilation keeps the largest."
    ),
}
EDGE_FILLED = {
    "erode": _(
        "Pixels near the border are too dark: beyond the edge you put 0, and 0 wins every minimum. cv2.erode leaves "
        "those pixels out; pad with a value that never wins a minimum (255 for uint8), or skip them."
    ),
    "dilate": _(
        "Pixels near the border are too bright: beyond the edge you put 255, and 255 wins every maximum. "
        "cv2.dilate leaves those pixels out; pad with a value that never wins a maximum (0 for uint8), or skip them."
    ),
}


def single_pixel(value, background, size=9):
    img = np.full((size, size), background, np.uint8)
    img[size // 2, size // 2] = value
    return img


def morphology_mistakes(name, img, element):
    operation = OPERATIONS[name]
    expected = operation(img, element)
    fill = 0 if name == "erode" else 255

    def unlike(hint, make_answer):
        def matches(got):
            answer = make_answer()
            return not np.array_equal(answer, expected) and np.array_equal(got, answer)

        return Mistake(hint, when=matches)

    return [
        Mistake(
            _("Return uint8, like the input."), when=lambda got: got.dtype != np.uint8
        ),
        unlike(SWAPPED[name], lambda: OPERATIONS[OTHER[name]](img, element)),
        unlike(
            EDGE_FILLED[name],
            lambda: operation(
                img, element, borderType=cv2.BORDER_CONSTANT, borderValue=fill
            ),
        ),
        unlike(
            _(
                "The element's zeros were used too: only the positions where the element holds 1 belong to the "
                "neighbourhood (the lesson's element is a diamond, not a square)."
            ),
            lambda: operation(img, np.ones_like(element)),
        ),
        unlike(
            _(
                "The element was turned by 180 degrees: element[i, j] takes in the pixel i - eh//2 rows and "
                "j - ew//2 columns away from the centre, as it is."
            ),
            lambda: operation(img, np.ascontiguousarray(element[::-1, ::-1])),
        ),
    ]


CASES = {
    "camera photo, lesson's diamond": (lambda images: images.camera, DIAMOND),
    "colour photo, lesson's diamond": (lambda images: images.chelsea, DIAMOND),
    "gray 7x5, lesson's diamond": (lambda images: images.gradient(7, 5), DIAMOND),
    "checkerboard 9x12, cross": (lambda images: images.checkerboard(9, 12), CROSS),
    "one row 1x9, lesson's diamond": (
        lambda images: images.noise(1, 9, seed=18),
        DIAMOND,
    ),
    "colour noise 6x8x3, 3x3 square": (
        lambda images: images.noise(6, 8, 3, seed=19),
        SQUARE,
    ),
    "noise 7x7, lopsided element": (
        lambda images: images.noise(7, 7, seed=20),
        LOPSIDED,
    ),
    "noise 5x6, 1x3 element": (lambda images: images.noise(5, 6, seed=21), ROW),
}
PHOTOS = {"camera photo, lesson's diamond", "colour photo, lesson's diamond"}
PARAMS = [
    pytest.param(case, marks=pytest.mark.points(2 if case in PHOTOS else 1))
    for case in CASES
]


@pytest.mark.parametrize("case", PARAMS)
def test_erode_equals_cv2(student, check, images, case):
    """erode(img, element) equals cv2.erode: the minimum over the element, borders left out"""
    make, element = CASES[case]
    img = make(images)
    got = student.erode(img, element)
    check.array(
        got,
        cv2.erode(img, element),
        mistakes=morphology_mistakes("erode", img, element),
    )


@pytest.mark.parametrize("case", PARAMS)
def test_dilate_equals_cv2(student, check, images, case):
    """dilate(img, element) equals cv2.dilate: the maximum over the element, borders left out"""
    make, element = CASES[case]
    img = make(images)
    got = student.dilate(img, element)
    check.array(
        got,
        cv2.dilate(img, element),
        mistakes=morphology_mistakes("dilate", img, element),
    )


def test_dilation_grows_a_bright_dot_into_a_diamond(student, check):
    """dilate(single bright pixel, lesson's diamond) draws the diamond"""
    img = single_pixel(200, 0)
    got = student.dilate(img, DIAMOND)
    check.array(
        got,
        cv2.dilate(img, DIAMOND),
        mistakes=morphology_mistakes("dilate", img, DIAMOND),
    )


def test_erosion_grows_a_dark_dot_into_a_diamond(student, check):
    """erode(single dark pixel, lesson's diamond) draws the diamond in black"""
    img = single_pixel(0, 200)
    got = student.erode(img, DIAMOND)
    check.array(
        got,
        cv2.erode(img, DIAMOND),
        mistakes=morphology_mistakes("erode", img, DIAMOND),
    )


@pytest.mark.parametrize("name", ["erode", "dilate"])
def test_leaves_the_input_alone(student, check, images, name):
    """erode and dilate do not modify the caller's image"""
    getattr(student, name)(images.noise(6, 8, 3, seed=22), DIAMOND)
    check.unchanged()
