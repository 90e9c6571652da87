"""Hidden checks: the lesson's kernels, graded by what they do to pictures; the sums quiz (answer key)."""

import cv2
import numpy as np
import pytest

from grader.checks import Mistake, _

pytestmark = pytest.mark.exercise("lesson_kernels")


def _sharpening():
    kernel = np.full((3, 3), -0.1, np.float32)
    kernel[1, 1] = 2
    return kernel


def _identity():
    kernel = np.zeros((3, 3), np.float32)
    kernel[1, 1] = 1
    return kernel


KERNELS = {
    "smoothing": np.full((3, 3), 0.05, np.float32),
    "sharpening": _sharpening(),
    "brightening": np.array(
        [[-0.1, 0.2, -0.1], [0.2, 3, 0.2], [-0.1, 0.2, -0.1]], np.float32
    ),
    "darkening": np.array(
        [[-0.1, 0.1, -0.1], [0.1, 0.5, 0.1], [-0.1, 0.1, -0.1]], np.float32
    ),
    "identity": _identity(),
}
SUMS = {
    name: round(float(kernel.sum()), 4) for name, kernel in KERNELS.items()
}  # the quiz's answer key

FORMULA = {
    "smoothing": np.full((3, 3), 0.1, np.float32),
    "sharpening": np.abs(_sharpening()),
}
FORMULA_HINT = {
    "smoothing": _(
        "That is the formula in the notebook's text, 0.1 everywhere. The pictures came from its code, "
        "0.05 * np.ones((3, 3)): use the code's weights."
    ),
    "sharpening": _(
        "That is the formula in the notebook's text, +0.1 around the centre. Its code puts -0.1 around a centre "
        "of 2: use the code's weights."
    ),
}
INTEGER_DIVISION = _(
    "Some weights that should be fractions became 0: integer division (1 // 20) or an integer array "
    "(np.array(..., int), or writing into np.zeros(..., int)) drops the fractions. Divide with / and use float "
    "arrays."
)


def read_kernel(student, check, name):
    """The student's kernel ``name`` as a float32 3x3 array, or a failed check that says why not."""
    kernels = student.lesson_kernels()
    if not isinstance(kernels, dict):
        check.fail(
            _(
                "returned {type}; expected a dict from kernel names to 3x3 arrays."
            ).format(type=type(kernels).__name__)
        )
    if name not in kernels:
        check.fail(_("has no kernel named {name!r}.").format(name=name))
    try:
        kernel = np.asarray(kernels[name], dtype=np.float32)
    except (TypeError, ValueError):
        check.fail(
            _("gave for {name!r} something that is not an array of numbers.").format(
                name=name
            )
        )
    if kernel.shape != (3, 3) or not np.all(np.isfinite(kernel)):
        check.fail(
            _(
                "gave for {name!r} an array of shape {shape}; expected a 3x3 kernel of finite numbers."
            ).format(name=name, shape=kernel.shape)
        )
    return kernel


def kernel_mistakes(name, kernel):
    right = KERNELS[name]
    mistakes = []
    if name in FORMULA:
        formula = FORMULA[name]
        mistakes.append(
            Mistake(FORMULA_HINT[name], when=lambda got: np.allclose(kernel, formula))
        )
    if not np.array_equal(right, np.trunc(right)):
        mistakes.append(
            Mistake(
                INTEGER_DIVISION,
                when=lambda got: np.array_equal(kernel, np.trunc(right)),
            )
        )
    return mistakes


PICTURES = {
    "camera photo": (_("the camera photo"), lambda images: images.camera),
    "colour photo": (_("a colour photo"), lambda images: images.chelsea),
    "single pixel": (
        _("a single bright pixel (float32)"),
        lambda images: np.pad(np.ones((1, 1), np.float32), 2),
    ),
}


@pytest.mark.parametrize("picture", list(PICTURES))
@pytest.mark.parametrize("name", list(KERNELS))
def test_kernel_does_what_the_lessons_code_does(student, check, images, name, picture):
    """the kernel has the effect of the lesson's code on a picture"""
    kernel = read_kernel(student, check, name)
    label, make = PICTURES[picture]
    img = make(images)
    eight_bit = img.dtype == np.uint8
    check.array(
        cv2.filter2D(img, -1, kernel),
        cv2.filter2D(img, -1, KERNELS[name]),
        atol=1 if eight_bit else 1e-4,
        what=_("cv2.filter2D({picture}, -1, your {name} kernel)").format(
            picture=label, name=name
        ),
        inputs=[img],
        mistakes=kernel_mistakes(name, kernel),
    )


def as_number(value):
    """A number that came back as a 0-d numpy array (np.float32(0.45)) is taken as the number."""
    if type(value) is np.ndarray and value.ndim == 0 and value.dtype.kind in "iuf":
        return float(value)
    return value


WHY = {
    "smoothing": _(
        "Nine weights of 0.05 add up to 0.45: the picture is blurred and gets less than half as bright."
    ),
    "sharpening": _(
        "2 in the centre, eight times -0.1 around it: 2 - 0.8 = 1.2, so it sharpens and brightens a "
        "little."
    ),
    "brightening": _(
        "3 + 4 x 0.2 - 4 x 0.1 = 3.4: everything gets more than three times brighter."
    ),
    "darkening": _(
        "0.5 + 4 x 0.1 - 4 x 0.1 = 0.5: the picture keeps its shapes at half the brightness."
    ),
    "identity": _("A single 1: the sum is 1, and every pixel stays what it was."),
}
FORMULA_SUM = {"smoothing": 0.9, "sharpening": 2.8}


@pytest.mark.parametrize("name", list(KERNELS))
def test_kernel_sums_quiz(student, check, name):
    """kernel_sums knows what each kernel's weights add up to"""
    sums = student.kernel_sums()
    if not isinstance(sums, dict):
        check.fail(
            _("returned {type}; expected a dict from kernel names to numbers.").format(
                type=type(sums).__name__
            )
        )
    got = as_number(sums.get(name))
    mistakes = [
        Mistake(
            _("There is no answer for {name!r}.").format(name=name),
            when=lambda got: got is None,
        )
    ]
    if name in FORMULA_SUM:
        mistakes.append(
            Mistake(
                FORMULA_HINT[name],
                when=lambda got: (
                    isinstance(got, (int, float))
                    and abs(got - FORMULA_SUM[name]) < 1e-3
                ),
            )
        )
    if (
        isinstance(got, (int, float))
        and not isinstance(got, bool)
        and abs(got - SUMS[name]) <= 1e-3
    ):
        return
    check.equal(
        got,
        SUMS[name],
        hint=WHY[name],
        mistakes=mistakes,
        what=_("kernel_sums()[{name!r}]").format(name=name),
        reveal=False,
    )
