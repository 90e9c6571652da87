"""Hidden checks: the kernel quiz (answer key) and the mystery kernel."""

import cv2
import numpy as np
import pytest

from grader.checks import Mistake, _

pytestmark = pytest.mark.exercise("kernel_quiz")

ANSWERS = {
    "A": "horizontal_edges",
    "B": "blur_and_darken",
    "C": "identity",
    "D": "sharpen",
    "E": "diagonal_edges",
    "F": "blur",
    "G": "darken",
    "H": "vertical_edges",
    "I": "brighten",
}

WHY = {
    "A": _("A subtracts the row above from the row below: it answers where brightness changes from top to bottom, "
           "which is along a horizontal edge. (The original notebook mixes up A and its transpose.)"),
    "B": _("Add up B's weights: 9 x 0.05 = 0.45. It averages like a blur, and the result is less than half as bright."),
    "C": _("C has a single 1 in the centre: every pixel stays what it was."),
    "D": _("Add up D's weights: 2 - 8 x 0.1 = 1.2. The centre is boosted against its neighbours, brightness barely changes."),
    "E": _("E's weights grow from the bottom-left corner to the top-right one: it answers changes along a diagonal."),
    "F": _("F's nine weights are equal and sum to 1: each pixel becomes the mean of its neighbourhood."),
    "G": _("Add up G's weights: 0.5 + 4 x 0.1 - 4 x 0.1 = 0.5. The picture keeps its shapes at half the brightness."),
    "H": _("H is A transposed: it subtracts the left column from the right one, so it answers changes from left "
           "to right, along vertical edges."),
    "I": _("Add up I's weights: 3 + 4 x 0.2 - 4 x 0.1 = 3.4. Everything gets more than three times brighter."),
}

MYSTERY = np.array([[0, 0, 0], [0, 0.5, 0.5], [0, 0, 0]], np.float32)


@pytest.mark.parametrize("name", sorted(ANSWERS))
def test_effect_of_kernel(student, check, name):
    """kernel_effects names the effect of each kernel"""
    effects = student.kernel_effects()
    if not isinstance(effects, dict):
        check.fail(_("returned {type}; expected a dict from kernel names to effects.").format(type=type(effects).__name__))
    check.equal(
        effects.get(name),
        ANSWERS[name],
        hint=WHY[name],
        mistakes=[Mistake(_("Kernel {name} has no answer in the dict.").format(name=name), when=lambda got: got is None)],
        reveal=False,
        what=f"kernel_effects()[{name!r}]",
    )


@pytest.mark.points(3)
def test_mystery_kernel_on_hidden_images(student, check, images):
    """the mystery kernel has the same effect as the secret one on other images"""
    kernel = student.mystery_kernel()
    try:
        kernel = np.asarray(kernel, dtype=np.float32)
    except (TypeError, ValueError):
        check.fail(_("returned something that is not a 3x3 array of numbers."))
    if kernel.shape != (3, 3) or not np.all(np.isfinite(kernel)):
        check.fail(_("returned an array of shape {shape}; expected a 3x3 kernel of finite numbers.").format(shape=kernel.shape))
    flipped = _("Your kernel is the mirror image of the right one: filter2D correlates, so an isolated dot "
                "comes out as the kernel turned by 180 degrees. Turn yours around.")
    for label, img in (
        (_("the camera photo"), images.camera),
        (_("a colour photo"), images.coffee),
        (_("random noise"), images.noise(20, 30, seed=7)),
    ):
        check.array(
            cv2.filter2D(img, -1, kernel),
            cv2.filter2D(img, -1, MYSTERY),
            atol=1,
            what=_("cv2.filter2D({image}, -1, your kernel)").format(image=label),
            inputs=[img],
            mistakes=[Mistake(flipped, when=lambda got: np.allclose(kernel, MYSTERY[::-1, ::-1], atol=0.02))],
        )
