"""Hidden checks: shift and rotation matrices for cv2.warpAffine, and the shift itself.

A matrix is graded by its numbers (any float dtype: warpAffine takes
float32 and float64) and by what warpAffine does with it.
"""

import cv2
import numpy as np
import pytest

from grader.checks import Mistake, _

pytestmark = pytest.mark.exercise("geometry")

XY_SWAPPED = _(
    "x and y are swapped: x counts columns (to the right) and y counts rows (down). In the matrix, dx goes in "
    "the first row and dy in the second: [[1, 0, dx], [0, 1, dy]]."
)


def read_matrix(check, got):
    """The student's matrix as float64, or a failed check that says why it is not one warpAffine takes."""
    if type(got) is not np.ndarray or got.shape != (2, 3):
        check.array(got, np.zeros((2, 3)))
    if got.dtype.kind != "f":
        check.fail(
            _("returned a matrix of dtype {dtype}.").format(dtype=got.dtype),
            _(
                "cv2.warpAffine takes a float matrix: build it as float32 or float64, e.g. np.float32([[...]])."
            ),
        )
    return got.astype(np.float64)


SHIFTS = [(100, 50), (-7, 12), (0, 0), (3.5, -2.25)]


@pytest.mark.parametrize(
    "dx, dy", SHIFTS, ids=[f"dx={dx}, dy={dy}" for dx, dy in SHIFTS]
)
def test_shift_matrix(student, check, dx, dy):
    """shift_matrix(dx, dy) is [[1, 0, dx], [0, 1, dy]]"""
    got = read_matrix(check, student.shift_matrix(dx, dy))
    expected = np.array([[1, 0, dx], [0, 1, dy]], np.float64)
    mistakes = [
        Mistake(
            XY_SWAPPED,
            when=lambda got: (
                dx != dy and np.allclose(got, [[1, 0, dy], [0, 1, dx]], atol=1e-6)
            ),
        ),
        Mistake(
            _(
                "The shift goes the wrong way: the matrix holds how far the picture moves, +dx to the right and "
                "+dy down."
            ),
            answer=np.array([[1, 0, -dx], [0, 1, -dy]], np.float64),
            atol=1e-6,
        ),
    ]
    check.array(got, expected, atol=1e-6, mistakes=mistakes)


ROTATIONS = [
    (30, (40.0, 20.0)),
    (-45, (59.5, 39.5)),
    (90, (3, 2)),
    (0, (10, 5)),
    (180, (0, 0)),
    (12.5, (7, 30)),
]


def rotation_mistakes(angle, center, matrix):
    """Known wrong rotation matrices, tested on the student's ``matrix`` (float64)."""
    x, y = float(center[0]), float(center[1])
    expected = cv2.getRotationMatrix2D((x, y), angle, 1.0)
    radians_taken_as_degrees = [
        [np.cos(angle), np.sin(angle)],
        [-np.sin(angle), np.cos(angle)],
    ]

    def like(other):
        return np.allclose(matrix, other, atol=1e-4)

    return [
        Mistake(
            _(
                "The centre's x and y are swapped: center is (x, y), that is (column, row), not (row, column)."
            ),
            when=lambda _got: (
                x != y and like(cv2.getRotationMatrix2D((y, x), angle, 1.0))
            ),
        ),
        Mistake(
            _(
                "The picture turns the other way: in OpenCV a positive angle turns counter-clockwise as the picture "
                "is shown, with rows going down. Check the signs of the sines."
            ),
            when=lambda _got: (
                angle % 180 != 0 and like(cv2.getRotationMatrix2D((x, y), -angle, 1.0))
            ),
        ),
        Mistake(
            _(
                "The angle was taken as radians: np.cos and np.sin take radians, so convert the degrees with "
                "np.radians first."
            ),
            when=lambda _got: (
                angle != 0
                and np.allclose(matrix[:, :2], radians_taken_as_degrees, atol=1e-4)
            ),
        ),
        Mistake(
            _(
                "The rotation part is right but the picture turns about the top-left corner: the third column must "
                "move the centre back to where it was."
            ),
            when=lambda _got: (
                (x, y) != (0, 0)
                and np.allclose(matrix[:, :2], expected[:, :2], atol=1e-4)
                and np.allclose(matrix[:, 2], 0, atol=1e-4)
            ),
        ),
    ]


@pytest.mark.parametrize(
    "angle, center",
    ROTATIONS,
    ids=[f"{angle} degrees about {center}" for angle, center in ROTATIONS],
)
def test_rotation_matrix_equals_opencv(student, check, angle, center):
    """rotation_matrix(angle, center) equals cv2.getRotationMatrix2D(center, angle, 1.0)"""
    got = read_matrix(check, student.rotation_matrix(angle, center))
    expected = cv2.getRotationMatrix2D(tuple(float(c) for c in center), angle, 1.0)
    check.array(
        got, expected, atol=1e-4, mistakes=rotation_mistakes(angle, center, got)
    )


def test_rotation_matrix_turns_a_photo(student, check, images):
    """cv2.warpAffine with rotation_matrix(30, centre) turns the photo like OpenCV's matrix"""
    img = images.chelsea
    height, width = img.shape[:2]
    center = ((width - 1) / 2, (height - 1) / 2)
    got = read_matrix(check, student.rotation_matrix(30, center))
    expected = cv2.warpAffine(
        img, cv2.getRotationMatrix2D(center, 30, 1.0), (width, height)
    )
    check.array(
        cv2.warpAffine(img, got, (width, height)),
        expected,
        atol=1,
        what=_(
            "cv2.warpAffine(colour photo, your rotation_matrix(30, centre), (width, height))"
        ),
        inputs=[img],
        mistakes=rotation_mistakes(30, center, got),
    )


def shift_mistakes(img, dx, dy, expected):
    height, width = img.shape[:2]

    def moved(mx, my):
        return cv2.warpAffine(
            img, np.float32([[1, 0, mx], [0, 1, my]]), (width, height)
        )

    return [
        Mistake(
            _(
                "The result has {rows} rows and {cols} columns, the image's height and width swapped: cv2.warpAffine "
                "takes its size as (width, height), that is (img.shape[1], img.shape[0])."
            ).format(rows=width, cols=height),
            when=lambda got: height != width and got.shape[:2] == (width, height),
        ),
        Mistake(
            XY_SWAPPED, when=lambda got: dx != dy and np.array_equal(got, moved(dy, dx))
        ),
        Mistake(
            _(
                "The shift goes the wrong way: +dx moves the picture to the right and +dy moves it down."
            ),
            when=lambda got: (
                (dx, dy) != (0, 0) and np.array_equal(got, moved(-dx, -dy))
            ),
        ),
        Mistake(
            _(
                "Pixels pushed over one edge came back in at the other (np.roll wraps around). They should "
                "disappear, and the uncovered part should be 0."
            ),
            answer=lambda: np.roll(img, (dy, dx), axis=(0, 1)),
        ),
        Mistake(
            _("Return uint8, like the input."), when=lambda got: got.dtype != np.uint8
        ),
    ]


SHIFT_CASES = {
    "camera photo, 10 right 5 down": (lambda images: images.camera, 10, 5),
    "colour photo, 7 left 12 down": (lambda images: images.chelsea, -7, 12),
    "colour photo, 20 right 3 up": (lambda images: images.coffee, 20, -3),
    "gray 7x5, 2 right 1 up": (lambda images: images.gradient(7, 5), 2, -1),
    "gray 7x5, beyond the picture": (lambda images: images.gradient(7, 5), 9, 0),
    "one row 1x9, 3 left": (lambda images: images.gradient(1, 9), -3, 0),
    "colour 6x8x3, no shift": (lambda images: images.noise(6, 8, 3, seed=23), 0, 0),
}
PHOTOS = {
    "camera photo, 10 right 5 down",
    "colour photo, 7 left 12 down",
    "colour photo, 20 right 3 up",
}


@pytest.mark.parametrize(
    "case",
    [
        pytest.param(c, marks=pytest.mark.points(2 if c in PHOTOS else 1))
        for c in SHIFT_CASES
    ],
)
def test_shift_moves_the_picture(student, check, images, case):
    """shift(img, dx, dy) equals cv2.warpAffine with [[1, 0, dx], [0, 1, dy]]; uncovered pixels are 0"""
    make, dx, dy = SHIFT_CASES[case]
    img = make(images)
    height, width = img.shape[:2]
    expected = cv2.warpAffine(
        img, np.float32([[1, 0, dx], [0, 1, dy]]), (width, height)
    )
    got = student.shift(img, dx, dy)
    check.array(got, expected, mistakes=shift_mistakes(img, dx, dy, expected))


def test_shift_leaves_the_input_alone(student, check, images):
    """shift does not modify the caller's image"""
    student.shift(images.coffee, 5, 5)
    check.unchanged()
