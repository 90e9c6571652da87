"""Hidden checks: a convolutional layer (valid correlation, ReLU, 2x2 max pooling) and the stroke classifier."""

import numpy as np
import pytest
from numpy.lib.stride_tricks import sliding_window_view

from grader.checks import Mistake, _

pytestmark = pytest.mark.exercise("conv_layer")

SLASH = np.array([[0, 1], [1, 0]], np.float32)
BACKSLASH = np.array([[1, 0], [0, 1]], np.float32)
K1 = np.array([[-1, -1, -1], [0, 0, 0], [1, 1, 1]], np.float32)
_rng = np.random.default_rng(99)


def responses(img, kernels):
    """Valid correlation with every kernel, in float64: (n, H - kh + 1, W - kw + 1)."""
    windows = sliding_window_view(np.asarray(img, np.float64), kernels.shape[1:])
    return np.einsum("ijkl,nkl->nij", windows, kernels.astype(np.float64))


def pool(maps, reduce=np.max):
    n, h, w = maps.shape
    return reduce(
        maps[:, : h // 2 * 2, : w // 2 * 2].reshape(n, h // 2, 2, w // 2, 2),
        axis=(2, 4),
    )


def layer(img, kernels):
    return pool(np.maximum(responses(img, kernels), 0)).astype(np.float32)


def layer_mistakes(img, kernels, expected):
    n, kh, kw = kernels.shape
    height, width = img.shape
    rows, cols = height - kh + 1, width - kw + 1

    def near(make_answer):
        def matches(got):
            answer = make_answer().astype(np.float32)
            return not np.allclose(answer, expected, atol=1e-3) and np.allclose(
                got, answer, atol=1e-3
            )

        return matches

    return [
        Mistake(
            _(
                "The maps were not pooled: finish with 2x2 max pooling, which halves each side."
            ),
            when=lambda got: got.shape == (n, rows, cols),
        ),
        Mistake(
            _(
                "Pooling kept a last row or column that does not fill a square: the rule is floor, so a {rows}x{cols} "
                "map pools to {pooled_rows}x{pooled_cols}."
            ).format(
                rows=rows, cols=cols, pooled_rows=rows // 2, pooled_cols=cols // 2
            ),
            when=lambda got: (
                (rows % 2 or cols % 2)
                and got.shape == (n, -(-rows // 2), -(-cols // 2))
            ),
        ),
        Mistake(
            _(
                "The maps keep the picture's size: the correlation must be valid, without padding, so each map is "
                "{rows}x{cols} before pooling."
            ).format(rows=rows, cols=cols),
            when=lambda got: (
                got.shape == (n, height // 2, width // 2) and (kh > 1 or kw > 1)
            ),
        ),
        Mistake(
            _(
                "The kernel axis is last: return shape (kernels, height, width), one map after another."
            ),
            when=lambda got: n > 1 and got.shape == (rows // 2, cols // 2, n),
        ),
        Mistake(_("Return float32 maps."), when=lambda got: got.dtype != np.float32),
        Mistake(
            _(
                "Negative responses survived: apply ReLU (np.maximum(maps, 0)) before pooling."
            ),
            when=near(lambda: pool(responses(img, kernels))),
        ),
        Mistake(
            _(
                "The kernels were turned by 180 degrees (convolution); a layer correlates: it lays each kernel on "
                "the picture as it is."
            ),
            when=near(
                lambda: pool(np.maximum(responses(img, kernels[:, ::-1, ::-1]), 0))
            ),
        ),
        Mistake(
            _(
                "This is average pooling: the layer keeps the largest value of every 2x2 square."
            ),
            when=near(lambda: pool(np.maximum(responses(img, kernels), 0), np.mean)),
        ),
    ]


LAYERS = {
    "camera photo, K1 and K1.T": (lambda images: images.camera, np.stack([K1, K1.T])),
    "gray 7x5, slash kernels": (
        lambda images: images.gradient(7, 5),
        np.stack([SLASH, BACKSLASH]),
    ),
    "noise 28x28, eight 5x5 kernels": (
        lambda images: images.noise(28, 28, seed=28),
        _rng.normal(size=(8, 5, 5)),
    ),
    "checkerboard 9x12, one 3x3 kernel": (
        lambda images: images.checkerboard(9, 12),
        _rng.normal(size=(1, 3, 3)),
    ),
    "float32 6x9, three 2x3 kernels": (
        lambda images: images.noise(6, 9, seed=29, dtype=np.float32),
        _rng.normal(size=(3, 2, 3)),
    ),
}


@pytest.mark.points(2)
@pytest.mark.parametrize("case", list(LAYERS))
def test_conv_layer(student, check, images, case):
    """conv_layer: valid correlation per kernel, ReLU, 2x2 max pooling, as (n, H', W') float32"""
    make, kernels = LAYERS[case]
    img = make(images)
    expected = layer(img, kernels)
    got = student.conv_layer(img, kernels)
    check.array(
        got, expected, atol=1e-3, mistakes=layer_mistakes(img, kernels, expected)
    )


def test_conv_layer_leaves_the_input_alone(student, check, images):
    """conv_layer does not modify the caller's picture or kernels"""
    student.conv_layer(images.gradient(7, 5), np.stack([SLASH, BACKSLASH]))
    check.unchanged()


# The stroke classifier: every answer first, then the hint that fits all the wrong ones.


def stroke(height, width, row, col, length, kind, value=1):
    """A picture with one stroke; (row, col) is its left end; kind '/', '\\', '-' or '|'."""
    img = np.zeros((height, width), np.uint8)
    steps = {"/": (-1, 1), "\\": (1, 1), "-": (0, 1), "|": (1, 0)}[kind]
    for i in range(length):
        img[row + steps[0] * i, col + steps[1] * i] = value
    return img


def diagonal_strokes(height, width, lengths, value=1):
    for kind in ("/", "\\"):
        for length in lengths:
            rows = (
                range(length - 1, height) if kind == "/" else range(height - length + 1)
            )
            for row in rows:
                for col in range(width - length + 1):
                    yield stroke(height, width, row, col, length, kind, value), kind


def no_strokes(height, width):
    yield np.zeros((height, width), np.uint8), "none"
    for row in range(height):
        for col in range(0, width, 2):
            yield stroke(height, width, row, col, 1, "-"), "none"
    yield stroke(height, width, height // 2, 0, width, "-"), "none"
    yield stroke(height, width, 0, width // 2, height, "|"), "none"


def diagonal_pairs(img, kind):
    """Where the stroke's kernel finds both pixels: positions in the valid map."""
    kernel = SLASH if kind == "/" else BACKSLASH
    maps = responses((img > 0).astype(np.float32), kernel[None])[0]
    return maps.shape, np.argwhere(maps >= 2)


def lost_by_pooling(img, kind, got):
    """Every diagonal pair lies in a last map row or column that floor pooling drops."""
    if kind == "none" or got != "none":
        return False
    (rows, cols), pairs = diagonal_pairs(img, kind)
    return len(pairs) > 0 and all(
        r >= rows // 2 * 2 or c >= cols // 2 * 2 for r, c in pairs
    )


HINTS = (
    (
        lambda img, kind, got: got not in ("/", "\\", "none"),
        _(
            "Return exactly one of the strings '/', '\\' (a backslash, written '\\\\' in Python) and 'none'."
        ),
    ),
    (
        lambda img, kind, got: kind == "none",
        _(
            "Your wrong answers are all pictures without a diagonal stroke: when neither kernel finds two diagonal "
            "neighbours (no map reaches 2), answer 'none'."
        ),
    ),
    (
        lambda img, kind, got: img.max() > 1 and kind != "none",
        _(
            "Your wrong answers are all on pictures whose strokes are 255: a map then holds 510, not 2. Turn the "
            "picture into 0 and 1 first (img > 0)."
        ),
    ),
    (
        lost_by_pooling,
        _(
            "Your wrong answers are all strokes at the bottom or right edge: 2x2 pooling with the floor rule drops the "
            "last row or column of an odd-sized map, and the stroke's response with it. Decide from the maps before "
            "pooling."
        ),
    ),
)


def describe(img, kind):
    if kind == "none":
        return _("{height}x{width} picture without a diagonal stroke").format(
            height=img.shape[0], width=img.shape[1]
        )
    return _("{height}x{width} picture with a {length}-pixel '{kind}'").format(
        height=img.shape[0],
        width=img.shape[1],
        length=int(np.count_nonzero(img)),
        kind=kind,
    )


def check_all(student, check, cases):
    cases = list(cases)
    answers = [student.classify_stroke(img) for img, _kind in cases]
    wrong = [
        (img, kind, got)
        for (img, kind), got in zip(cases, answers, strict=True)
        if got != kind or type(got) is not str
    ]
    if not wrong:
        return
    hints = [
        text
        for test, text in HINTS
        if all(test(img, kind, got) for img, kind, got in wrong)
    ]
    img, kind, got = wrong[0]
    check.equal(
        got,
        kind,
        hint=hints[0] if hints else "",
        pictures=[(describe(img, kind), (img > 0).astype(np.uint8) * 255)],
        what=_(
            "{wrong} of {total} pictures were classified wrong; the first: classify_stroke({picture})"
        ).format(wrong=len(wrong), total=len(cases), picture=describe(img, kind)),
    )


@pytest.mark.points(2)
def test_strokes_anywhere_in_small_pictures(student, check):
    """classify_stroke finds 2- and 3-pixel strokes at every position of 4x4 and 6x7 pictures"""
    check_all(
        student,
        check,
        [*diagonal_strokes(4, 4, (2, 3)), *diagonal_strokes(6, 7, (2, 3))],
    )


@pytest.mark.points(2)
def test_pictures_without_a_stroke(student, check):
    """classify_stroke says 'none' for empty pictures, single dots and straight lines"""
    check_all(student, check, [*no_strokes(5, 6), *no_strokes(4, 4)])


def test_eight_bit_pictures(student, check):
    """classify_stroke works when strokes are 255, as in a saved 8-bit picture"""
    check_all(
        student,
        check,
        [*diagonal_strokes(5, 5, (2, 4), value=255), *no_strokes(3, 4)][::2],
    )


def test_long_strokes(student, check):
    """classify_stroke finds long strokes in a 10x13 picture"""
    check_all(student, check, list(diagonal_strokes(10, 13, (6, 10)))[::3])
