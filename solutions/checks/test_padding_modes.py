"""Hidden checks: the four border modes equal cv2.copyMakeBorder; same_size_filter keeps the size."""

import cv2
import numpy as np
import pytest

from grader.checks import Mistake, _

pytestmark = pytest.mark.exercise("padding_modes")

BORDERS = {
    "constant": cv2.BORDER_CONSTANT,
    "replicate": cv2.BORDER_REPLICATE,
    "reflect": cv2.BORDER_REFLECT,
    "reflect_101": cv2.BORDER_REFLECT_101,
}
LOOKS = {
    "constant": _("zeros (constant)"),
    "replicate": _("the edge pixel repeated (replicate)"),
    "reflect": _("a mirror image that repeats the edge pixel (reflect)"),
    "reflect_101": _(
        "a mirror image that does not repeat the edge pixel (reflect_101)"
    ),
}
REFLECT_CONFUSED = _(
    "np.pad's 'reflect' is OpenCV's reflect-101: its mirror does not repeat the edge pixel (dcb|abcd|cba). "
    "OpenCV's reflect does repeat it (cba|abcd|dcb), and numpy calls that 'symmetric'. Check which numpy mode "
    "you gave for '{mode}'."
)


def expected_pad(img, p, mode):
    return cv2.copyMakeBorder(img, p, p, p, p, BORDERS[mode], value=0)


def pad_mistakes(img, p, mode):
    flat = ((p, p), (p, p)) + ((0, 0),) * (img.ndim - 2)
    mistakes = [
        Mistake(
            _(
                "The colour axis was padded too: pad only height and width, e.g. with the pad widths "
                "((p, p), (p, p), (0, 0))."
            ),
            when=lambda got: (
                img.ndim == 3
                and got.ndim == 3
                and got.shape[2] == img.shape[2] + 2 * p
                and p > 0
            ),
        ),
        Mistake(
            _(
                "Padding went on one side only: add p rows at the top and at the bottom, and p columns on the left "
                "and on the right."
            ),
            when=lambda got: (
                p > 0 and got.shape[:2] == (img.shape[0] + p, img.shape[1] + p)
            ),
        ),
        Mistake(
            _(
                "The dtype changed: the padded image keeps the input's dtype ({dtype})."
            ).format(dtype=img.dtype),
            when=lambda got: got.dtype != img.dtype,
        ),
    ]
    if mode == "reflect":
        mistakes.append(
            Mistake(
                REFLECT_CONFUSED.format(mode=mode),
                answer=lambda: np.pad(img, flat, "reflect"),
            )
        )
    if mode == "reflect_101":
        mistakes.append(
            Mistake(
                REFLECT_CONFUSED.format(mode=mode),
                answer=lambda: np.pad(img, flat, "symmetric"),
            )
        )
    for other in BORDERS:
        if other != mode:
            hint = _(
                "Beyond the edge you put {got}; mode '{mode}' asks for {wanted}."
            ).format(got=LOOKS[other], mode=mode, wanted=LOOKS[mode])
            mistakes.append(
                Mistake(hint, answer=lambda other=other: expected_pad(img, p, other))
            )
    return mistakes


IMAGES = {
    "row 1..6 (1x6)": lambda images: np.arange(1, 7, dtype=np.uint8).reshape(1, 6),
    "gray 7x5": lambda images: images.gradient(7, 5),
    "camera photo": lambda images: images.camera,
    "colour 5x6x3": lambda images: images.noise(5, 6, 3, seed=13),
    "float32 4x7": lambda images: images.noise(4, 7, seed=14, dtype=np.float32),
}
PADS = {
    "row 1..6 (1x6)": 3,
    "gray 7x5": 2,
    "camera photo": 4,
    "colour 5x6x3": 2,
    "float32 4x7": 1,
}


@pytest.mark.parametrize("mode", list(BORDERS))
@pytest.mark.parametrize("name", list(IMAGES))
def test_pad_equals_copymakeborder(student, check, images, name, mode):
    """pad(img, p, mode) equals cv2.copyMakeBorder with the matching border"""
    img, p = IMAGES[name](images), PADS[name]
    got = student.pad(img, p, mode)
    check.array(got, expected_pad(img, p, mode), mistakes=pad_mistakes(img, p, mode))


def test_pad_zero_keeps_the_image(student, check, images):
    """pad(img, 0, mode) returns the image as it is"""
    img = images.gradient(3, 4)
    check.array(student.pad(img, 0, "reflect"), img.copy())


def test_pad_refuses_unknown_modes(student, check, images):
    """pad refuses a mode it does not know with ValueError"""
    hint = _(
        "A mode that is not one of 'constant', 'replicate', 'reflect', 'reflect_101' is a mistake of the "
        "caller: raise ValueError, naming the mode you were given."
    )
    with check.raises("ValueError", hint=hint):
        student.pad(images.gradient(3, 4), 1, "wrap")


def test_pad_leaves_the_input_alone(student, check, images):
    """pad does not modify the caller's image"""
    student.pad(images.noise(5, 6, 3, seed=15), 2, "reflect_101")
    check.unchanged()


_rng = np.random.default_rng(77)
KERNELS = {
    "3x3": _rng.integers(-3, 4, (3, 3)).astype(np.float32),
    "5x5": (_rng.integers(-3, 4, (5, 5)) / 7).astype(np.float32),
    "3x5": _rng.integers(-2, 3, (3, 5)).astype(np.float32),
    "1x3": np.array([[1, 0, -1]], np.float32),
}


def filter_mistakes(img, kernel):
    kh, kw = kernel.shape
    height, width = img.shape[:2]
    p = max(kh, kw) // 2

    def filtered(laid=kernel, border=cv2.BORDER_REFLECT_101):
        return cv2.filter2D(img, cv2.CV_32F, laid, borderType=border)

    return [
        Mistake(
            _(
                "The result is smaller than the image: a valid correlation of the unpadded image. Pad first, by "
                "kh//2 rows and kw//2 columns on each side."
            ),
            when=lambda got: got.shape[:2] == (height - kh + 1, width - kw + 1),
        ),
        Mistake(
            _(
                "The result is larger than the image: a {kh}x{kw} kernel needs {rows} rows and {cols} columns of "
                "padding on each side, not {p} of each. Pad by the larger one and start the valid correlation "
                "{skip_rows} rows and {skip_cols} columns in, or pad each axis on its own."
            ).format(
                kh=kh,
                kw=kw,
                rows=kh // 2,
                cols=kw // 2,
                p=p,
                skip_rows=p - kh // 2,
                skip_cols=p - kw // 2,
            ),
            when=lambda got: (
                kh != kw
                and got.shape[:2] == (height + 2 * p - kh + 1, width + 2 * p - kw + 1)
            ),
        ),
        Mistake(
            _(
                "Return float32 sums, neither rounded nor clipped: that is what cv2.filter2D(img, cv2.CV_32F, "
                "kernel) gives."
            ),
            when=lambda got: got.dtype != np.float32,
        ),
        Mistake(
            _(
                "The kernel was turned by 180 degrees (convolution): correlation lays it on the image as it is."
            ),
            when=lambda got: (
                not np.allclose(kernel, kernel[::-1, ::-1])
                and np.allclose(got, filtered(kernel[::-1, ::-1]), atol=1e-3)
            ),
        ),
        Mistake(
            _(
                "Pixels near the border are wrong: you padded with zeros. Pad with pad(img, p, 'reflect_101')."
            ),
            answer=lambda: filtered(border=cv2.BORDER_CONSTANT),
            atol=1e-3,
        ),
        Mistake(
            _(
                "Pixels near the border are wrong: you padded with OpenCV's reflect, which repeats the edge pixel. "
                "Pad with pad(img, p, 'reflect_101')."
            ),
            answer=lambda: filtered(border=cv2.BORDER_REFLECT),
            atol=1e-3,
        ),
    ]


FILTER_CASES = {
    "camera photo, 3x3": (lambda images: images.camera, "3x3"),
    "colour photo, 5x5": (lambda images: images.coffee, "5x5"),
    "gray 7x5, 3x5": (lambda images: images.gradient(7, 5), "3x5"),
    "colour 6x8x3, 3x5": (lambda images: images.noise(6, 8, 3, seed=16), "3x5"),
    "one row 1x9, 1x3": (lambda images: images.gradient(1, 9), "1x3"),
    "float32 5x6, 5x5": (
        lambda images: images.noise(5, 6, seed=17, dtype=np.float32),
        "5x5",
    ),
}


@pytest.mark.points(2)
@pytest.mark.parametrize("case", list(FILTER_CASES))
def test_same_size_filter_equals_filter2d(student, check, images, case):
    """same_size_filter(img, kernel) equals cv2.filter2D(img, cv2.CV_32F, kernel)"""
    make, name = FILTER_CASES[case]
    img, kernel = make(images), KERNELS[name]
    got = student.same_size_filter(img, kernel)
    expected = cv2.filter2D(img, cv2.CV_32F, kernel)
    check.array(got, expected, atol=1e-3, mistakes=filter_mistakes(img, kernel))
