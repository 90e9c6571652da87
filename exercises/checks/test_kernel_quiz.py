"""Public checks: the quiz's answers have the right form; the mystery kernel fits the given pair."""

from pathlib import Path

import cv2
import numpy as np
import pytest

from grader.checks import _

pytestmark = pytest.mark.exercise("kernel_quiz")

DATA = Path(__file__).resolve().parent.parent / "data"
KERNEL_NAMES = tuple("ABCDEFGHI")
EFFECTS = (
    "blur", "blur_and_darken", "sharpen", "brighten", "darken",
    "identity", "horizontal_edges", "vertical_edges", "diagonal_edges",
)


def test_every_kernel_gets_an_effect_from_the_list(student, check):
    """kernel_effects names every kernel, with effects from EFFECTS"""
    effects = student.kernel_effects()
    if not isinstance(effects, dict):
        check.fail(_("returned {type}; expected a dict.").format(type=type(effects).__name__))
    missing = [name for name in KERNEL_NAMES if name not in effects]
    unknown = sorted({str(value) for value in effects.values()} - set(EFFECTS))
    if missing:
        check.fail(_("has no answer for kernels {names}.").format(names=", ".join(missing)))
    if unknown:
        check.fail(_("uses effects that are not in EFFECTS: {names}.").format(names=", ".join(unknown)))


def test_mystery_kernel_turns_before_into_after(student, check):
    """cv2.filter2D(before, -1, mystery_kernel()) gives after"""
    before = cv2.imread(str(DATA / "mystery_before.png"), cv2.IMREAD_GRAYSCALE)
    after = cv2.imread(str(DATA / "mystery_after.png"), cv2.IMREAD_GRAYSCALE)
    kernel = student.mystery_kernel()
    try:
        kernel = np.asarray(kernel, dtype=np.float32)
    except (TypeError, ValueError):
        check.fail(_("returned something that is not an array of numbers."))
    if kernel.shape != (3, 3):
        check.fail(_("returned shape {shape}; expected (3, 3).").format(shape=kernel.shape))
    check.array(cv2.filter2D(before, -1, kernel), after, atol=1, what=_("cv2.filter2D(before, -1, your kernel)"), inputs=[before])
