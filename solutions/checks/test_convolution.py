"""Hidden checks: correlate2d and convolve2d equal cv2.filter2D, written without OpenCV.

For uint8 images the exact comparisons use kernels whose sums never fall near
a half (integer weights, or integers divided by 7 or 9): filter2D adds in
float32, the student perhaps in float64, and only at a half could the two
round apart. Kernels with weights like 0.1 are compared within 1.
"""

import cv2
import numpy as np
import pytest

from grader.checks import Mistake, _

pytestmark = pytest.mark.exercise("convolution")

_rng = np.random.default_rng(2024)
BOX3 = np.ones((3, 3), np.float32) / 9
K1 = np.array([[-1, -1, -1], [0, 0, 0], [1, 1, 1]], np.float32)
DIAGONAL = np.array([[0, 1, 2], [-1, 0, 1], [-2, -1, 0]], np.float32)
SHARPEN = np.array(
    [[-0.1, -0.1, -0.1], [-0.1, 2, -0.1], [-0.1, -0.1, -0.1]], np.float32
)
SEVENTHS_3X3 = (_rng.integers(-3, 5, (3, 3)) / 7).astype(np.float32)
SEVENTHS_3X5 = (_rng.integers(-3, 5, (3, 5)) / 7).astype(np.float32)
SEVENTHS_5X5 = (_rng.integers(-2, 4, (5, 5)) / 7).astype(np.float32)
NINTHS_7X7 = (_rng.integers(-1, 3, (7, 7)) / 9).astype(np.float32)
NORMAL_3X3 = _rng.normal(size=(3, 3)).astype(np.float32)
NORMAL_5X5 = _rng.normal(size=(5, 5)).astype(np.float32)
COUNTING = np.arange(1, 10).reshape(
    3, 3
)  # whole numbers, int64: the kernel's dtype is the student's affair

NOT_TURNED = _(
    "The kernel was not turned: convolution turns it by 180 degrees (kernel[::-1, ::-1]) before laying it on the "
    "image. Without the turn you computed correlation, which is what filter2D does."
)
TURNED = _(
    "The kernel was turned by 180 degrees: that is convolution. filter2D, and correlate2d, lay the kernel on the "
    "image as it is: kernel[0, 0] meets the neighbour above and to the left. Remove the flip."
)
HALF_TURNED = _(
    "The kernel was flipped along one axis only: rows or columns are in the wrong order. Check which kernel "
    "element meets which neighbour."
)


def single_pixel(size=7):
    img = np.zeros((size, size), np.float32)
    img[size // 2, size // 2] = 1
    return img


def expected_filter(img, laid, border=cv2.BORDER_DEFAULT):
    return cv2.filter2D(img, -1, np.asarray(laid, np.float32), borderType=border)


def exact_sums(img, laid):
    """The sums before rounding and clipping (float32, reflect-101)."""
    return cv2.filter2D(img.astype(np.float32), -1, np.asarray(laid, np.float32))


def share(mask):
    return float(mask.mean()) if mask.size else 1.0


def wrapped(got, expected, exact):
    """Right (within 1) where the sum fits in 0..255; wrong somewhere it does not."""
    outside = (exact < 0) | (exact > 255)  # at 255.5 rounding may already wrap
    close = np.abs(got.astype(np.int32) - expected.astype(np.int32)) <= 1
    return (
        bool(outside.any())
        and bool(close[~outside].all())
        and not bool(close[outside].all())
    )


def truncated(got, expected, exact):
    """Cut-off sums: got is the floor of the sum wherever cutting off and rounding differ.

    Near a whole number a float64 sum may fall just below it (51.999...), so
    either floor is taken as a cut-off there.
    """
    low = np.clip(np.floor(exact - 1e-3), 0, 255)
    high = np.clip(np.floor(exact + 1e-3), 0, 255)
    differs = (low == high) & (low != expected)
    fits = (got >= low) & (got <= high)
    return (
        bool(differs.any())
        and share(got[differs] == low[differs]) >= 0.9
        and share(fits) >= 0.99
    )


def wrong_only_near_border(got, expected, kernel_shape, atol):
    """Every wrong pixel lies within the kernel's reach of the edge."""
    wrong = np.abs(got.astype(np.float64) - expected.astype(np.float64)) > atol
    if wrong.ndim == 3:
        wrong = wrong.any(axis=2)
    reach_y, reach_x = kernel_shape[0] // 2, kernel_shape[1] // 2
    inner = wrong[
        reach_y : wrong.shape[0] - reach_y, reach_x : wrong.shape[1] - reach_x
    ]
    return bool(wrong.any()) and not inner.any()


def close(got, answer, atol):
    return got.shape == answer.shape and bool(
        np.all(np.abs(got.astype(np.float64) - answer.astype(np.float64)) <= atol)
    )


def answer_unlike_expected(hint, make_answer, expected, atol):
    """A known wrong answer, named only where it differs from the right one (a symmetric kernel's turn does not)."""

    def matches(got):
        answer = make_answer()
        return not close(answer, expected, atol) and close(got, answer, atol)

    return Mistake(hint, when=matches)


def filter_mistakes(img, laid, turn_hint):
    """Known wrong answers for filtering ``img`` with the kernel ``laid`` as filter2D lays it."""
    laid = np.asarray(laid, np.float32)
    kh, kw = laid.shape
    height, width = img.shape[:2]
    expected = expected_filter(img, laid)
    tolerance = 1 if img.dtype == np.uint8 else 1e-3
    eight_bit = img.dtype == np.uint8
    exact = exact_sums(img, laid) if eight_bit else None

    def unlike(hint, make_answer):
        return answer_unlike_expected(hint, make_answer, expected, tolerance)

    return [
        Mistake(
            _(
                "The result is smaller than the image by {rows} rows and {cols} columns: the kernel only visited "
                "positions where it lies wholly on the image. Pad first, by {pad_rows} rows and {pad_cols} columns "
                "on each side, with reflect-101, so the result keeps the image's size."
            ).format(rows=kh - 1, cols=kw - 1, pad_rows=kh // 2, pad_cols=kw // 2),
            when=lambda got: (
                got.shape[:2] == (height - kh + 1, width - kw + 1)
                and (kh > 1 or kw > 1)
            ),
        ),
        Mistake(
            _(
                "Return the input's dtype: a uint8 image gives uint8 (round, clip to 0..255, then "
                ".astype(np.uint8)); a float32 image gives float32 sums, neither rounded nor clipped."
            ),
            when=lambda got: got.dtype != img.dtype,
        ),
        unlike(turn_hint, lambda: expected_filter(img, laid[::-1, ::-1])),
        unlike(HALF_TURNED, lambda: expected_filter(img, laid[::-1])),
        unlike(HALF_TURNED, lambda: expected_filter(img, laid[:, ::-1])),
        unlike(
            _(
                "Pixels near the border are wrong: beyond the edge you used zeros. filter2D reflects the image "
                "there without repeating the edge pixel (reflect-101: dcb|abcd|cba), which is np.pad's mode "
                "'reflect'."
            ),
            lambda: expected_filter(img, laid, cv2.BORDER_CONSTANT),
        ),
        unlike(
            _(
                "Pixels near the border are wrong: beyond the edge you repeated the edge pixel (replicate, np.pad's "
                "'edge'). filter2D reflects without repeating it (reflect-101: dcb|abcd|cba), np.pad's 'reflect'."
            ),
            lambda: expected_filter(img, laid, cv2.BORDER_REPLICATE),
        ),
        unlike(
            _(
                "Pixels near the border are wrong: your mirror repeats the edge pixel (np.pad's 'symmetric', "
                "OpenCV's REFLECT: cba|abcd|dcb). filter2D's default does not (reflect-101, np.pad's 'reflect')."
            ),
            lambda: expected_filter(img, laid, cv2.BORDER_REFLECT),
        ),
        Mistake(
            _(
                "Sums below 0 or above 255 wrapped around instead of stopping at 0 and 255: converting to uint8 "
                "does not clip. Clip to 0..255 (np.clip) before .astype(np.uint8)."
            ),
            when=lambda got: eight_bit and wrapped(got, expected, exact),
        ),
        Mistake(
            _(
                "Fractions were cut off instead of rounded: .astype(np.uint8) drops them (12.8 becomes 12). Round "
                "to the nearest whole number with np.round first, as filter2D does."
            ),
            when=lambda got: eight_bit and truncated(got, expected, exact),
        ),
        Mistake(
            _(
                "Only pixels near the border are wrong: check what you put beyond the edge. filter2D uses "
                "reflect-101 (dcb|abcd|cba, np.pad's 'reflect'), padding kh//2 rows and kw//2 columns."
            ),
            when=lambda got: wrong_only_near_border(
                got, expected, laid.shape, tolerance
            ),
        ),
    ]


CASES = {
    "camera photo, 3x3 box": (lambda images: images.camera, BOX3, 0),
    "colour photo, K1 edge kernel": (lambda images: images.chelsea, K1, 0),
    "colour photo, 5x5 kernel": (lambda images: images.coffee, SEVENTHS_5X5, 0),
    "gray 7x5, 5x5 kernel": (lambda images: images.gradient(7, 5), SEVENTHS_5X5, 0),
    "colour 6x8x3, 3x5 kernel": (
        lambda images: images.noise(6, 8, 3, seed=8),
        SEVENTHS_3X5,
        0,
    ),
    "checkerboard 9x12, diagonal kernel": (
        lambda images: images.checkerboard(9, 12),
        DIAGONAL,
        0,
    ),
    "one row 1x9, 3x3 kernel": (lambda images: images.gradient(1, 9), SEVENTHS_3X3, 0),
    "noise 9x9, 7x7 kernel": (lambda images: images.noise(9, 9, seed=9), NINTHS_7X7, 0),
    "single bright pixel, float32": (lambda images: single_pixel(), COUNTING, 1e-5),
    "float32 noise 7x5, 3x3 kernel": (
        lambda images: images.noise(7, 5, seed=10, dtype=np.float32),
        NORMAL_3X3,
        1e-4,
    ),
    "float32 colour 5x6x3, 5x5 kernel": (
        lambda images: images.noise(5, 6, 3, seed=11, dtype=np.float32),
        NORMAL_5X5,
        1e-4,
    ),
    "camera photo, lesson's sharpening": (lambda images: images.camera, SHARPEN, 1),
}

PHOTOS = {
    "camera photo, 3x3 box",
    "colour photo, K1 edge kernel",
    "colour photo, 5x5 kernel",
}


def params(names):
    return [
        pytest.param(name, marks=pytest.mark.points(2 if name in PHOTOS else 1))
        for name in names
    ]


@pytest.mark.parametrize("case", params(CASES))
def test_correlate2d_equals_filter2d(student, check, images, case):
    """correlate2d(img, kernel) equals cv2.filter2D(img, -1, kernel)"""
    make, kernel, atol = CASES[case]
    img = make(images)
    got = student.correlate2d(img, kernel)
    check.array(
        got,
        expected_filter(img, kernel),
        atol=atol,
        mistakes=filter_mistakes(img, kernel, TURNED),
    )


CONVOLVE = [
    "colour photo, K1 edge kernel",
    "colour photo, 5x5 kernel",
    "gray 7x5, 5x5 kernel",
    "colour 6x8x3, 3x5 kernel",
    "one row 1x9, 3x3 kernel",
    "single bright pixel, float32",
    "float32 colour 5x6x3, 5x5 kernel",
]


@pytest.mark.parametrize("case", params(CONVOLVE))
def test_convolve2d_turns_the_kernel(student, check, images, case):
    """convolve2d(img, kernel) equals cv2.filter2D with the kernel turned by 180 degrees"""
    make, kernel, atol = CASES[case]
    img = make(images)
    turned = np.asarray(kernel, np.float32)[::-1, ::-1]
    got = student.convolve2d(img, kernel)
    check.array(
        got,
        expected_filter(img, turned),
        atol=atol,
        mistakes=filter_mistakes(img, turned, NOT_TURNED),
    )


@pytest.mark.parametrize("name", ["correlate2d", "convolve2d"])
def test_leaves_the_input_alone(student, check, images, name):
    """correlate2d and convolve2d do not modify the caller's image or kernel"""
    getattr(student, name)(images.noise(6, 8, 3, seed=12), SEVENTHS_3X5)
    check.unchanged()
