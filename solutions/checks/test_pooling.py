"""Hidden checks: max and average pooling over non-overlapping squares, floor rule at the edges."""

import numpy as np
import pytest
from numpy.lib.stride_tricks import sliding_window_view

from grader.checks import Mistake, _

pytestmark = pytest.mark.exercise("pooling")

REDUCE = {"max_pool": np.max, "avg_pool": np.mean}


def windows(img, size, step):
    """Every size x size window, one every ``step`` pixels: (rows, cols, [C,] size, size)."""
    view = sliding_window_view(img, (size, size), axis=(0, 1))
    return view[::step, ::step]


def pooled(img, size, name, step=None):
    values = REDUCE[name](windows(img, size, step or size), axis=(-2, -1))
    return values.astype(img.dtype) if name == "max_pool" else values.astype(np.float64)


def pool_mistakes(img, size, name):
    height, width = img.shape[:2]
    other = "avg_pool" if name == "max_pool" else "max_pool"
    return [
        Mistake(
            _(
                "The windows overlap: each window should start {size} pixels after the previous one (the step "
                "equals the window's side), so that every pixel falls in exactly one square."
            ).format(size=size),
            when=lambda got: (
                size > 1 and got.shape[:2] == (height - size + 1, width - size + 1)
            ),
        ),
        Mistake(
            _(
                "The last squares that do not fit were kept (or padded): the rule is floor: drop the rows and "
                "columns left over, so a {height}x{width} picture pooled by {size} gives {rows}x{cols}."
            ).format(
                height=height,
                width=width,
                size=size,
                rows=height // size,
                cols=width // size,
            ),
            when=lambda got: got.shape[:2] == (-(-height // size), -(-width // size)),
        ),
        Mistake(
            _(
                "The colour axis was pooled too: pool rows and columns only, each channel on its own."
            ),
            when=lambda got: (
                img.ndim == 3 and got.ndim == 3 and got.shape[2] != img.shape[2]
            ),
        ),
        Mistake(
            _("Height and width are swapped: an image's shape is (rows, columns)."),
            when=lambda got: (
                height // size != width // size
                and got.shape[:2] == (width // size, height // size)
            ),
        ),
        Mistake(
            _(
                "This is {other}: check which of max and mean each function takes."
            ).format(other=other),
            when=lambda got: (
                np.allclose(got, pooled(img, size, other))
                and not np.allclose(pooled(img, size, other), pooled(img, size, name))
            ),
        ),
        Mistake(
            _(
                "max_pool keeps the input's dtype ({dtype}): the largest value of a square is one of its pixels."
            ).format(dtype=img.dtype),
            when=lambda got: name == "max_pool" and got.dtype != img.dtype,
        ),
        Mistake(
            _(
                "The means were rounded to whole numbers: return them as float64, as .mean() gives them."
            ),
            when=lambda got: name == "avg_pool" and got.dtype.kind != "f",
        ),
    ]


CASES = {
    "5x5 ramp, size 2": (lambda images: np.arange(25, dtype=np.uint8).reshape(5, 5), 2),
    "gray 7x5, size 2": (lambda images: images.gradient(7, 5), 2),
    "camera photo, size 2": (lambda images: images.camera, 2),
    "colour photo, size 3": (lambda images: images.chelsea, 3),
    "colour 7x5x3, size 2": (lambda images: images.noise(7, 5, 3, seed=24), 2),
    "2x9 picture, size 2": (lambda images: images.noise(2, 9, seed=25), 2),
    "float32 7x9 with negatives, size 2": (
        lambda images: images.noise(7, 9, seed=26, dtype=np.float32) - np.float32(0.5),
        2,
    ),
    "gray 6x8, size 1": (lambda images: images.gradient(6, 8), 1),
}
PHOTOS = {"camera photo, size 2", "colour photo, size 3"}
PARAMS = [
    pytest.param(case, marks=pytest.mark.points(2 if case in PHOTOS else 1))
    for case in CASES
]


@pytest.mark.parametrize("case", PARAMS)
@pytest.mark.parametrize("name", ["max_pool", "avg_pool"])
def test_pooling(student, check, images, name, case):
    """pooling takes one value per square, dropping what does not fill a square"""
    make, size = CASES[case]
    img = make(images)
    got = getattr(student, name)(img, size)
    atol = 0 if name == "max_pool" else 1e-6
    check.array(
        got, pooled(img, size, name), atol=atol, mistakes=pool_mistakes(img, size, name)
    )


@pytest.mark.parametrize("name", ["max_pool", "avg_pool"])
def test_size_two_is_the_default(student, check, images, name):
    """max_pool(img) and avg_pool(img) pool by 2 when no size is given"""
    img = images.gradient(7, 5)
    check.array(
        getattr(student, name)(img),
        pooled(img, 2, name),
        atol=1e-6,
        mistakes=pool_mistakes(img, 2, name),
    )


@pytest.mark.parametrize("name", ["max_pool", "avg_pool"])
def test_leaves_the_input_alone(student, check, images, name):
    """pooling does not modify the caller's image"""
    getattr(student, name)(images.noise(7, 5, 3, seed=27), 2)
    check.unchanged()
