"""Every example in examples/mistakes makes one known mistake, and its feedback names it.

Each example is a single-file submission: a whole exercise, right except for
the mistake its file name says. Graded, it loses points in that exercise only,
and a failed check's hint carries a phrase that names the mistake.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest

from grader.results import GradeResult
from tests.conftest import ROOT

Grade = Callable[..., GradeResult]
MISTAKES = ROOT / "examples" / "mistakes"

NUMPY_2 = int(np.__version__.split(".")[0]) >= 2

# example file: (exercise, a phrase of the hint that names the mistake)
EXPECTED = {
    "brighten_wraps_around.py": ("pixels", "wrapped around"),
    "brighten_first_channel_only.py": ("pixels", "Only the first (blue) channel"),
    "brighten_truncates.py": ("pixels", "cut off instead of rounded"),
    "contrast_returns_float.py": ("pixels", "Return a uint8 image"),
    "modifies_input_in_place.py": ("pixels", "Work on a copy"),
    "pixel_loop_numpy2_wraps.py": ("pixels", "NumPy 2"),
    "histogram_rgb_order.py": ("histograms", "reverse order"),
    "histogram_range_drops_255.py": ("histograms", "drops the 255s"),
    "kernel_integer_division.py": ("lesson_kernels", "integer division"),
    "kernels_from_notebook_formulas.py": (
        "lesson_kernels",
        "formula in the notebook's text",
    ),
    "correlate_flips_kernel.py": ("convolution", "turned by 180 degrees"),
    "convolve_not_flipped.py": ("convolution", "was not turned"),
    "correlate_zero_border.py": ("convolution", "you used zeros"),
    "correlate_replicate_border.py": ("convolution", "you repeated the edge pixel"),
    "correlate_truncates.py": ("convolution", "cut off instead of rounded"),
    "correlate_wraps_around.py": ("convolution", "wrapped around"),
    "correlate_returns_float.py": ("convolution", "Return the input's dtype"),
    "correlate_uses_cv2.py": ("convolution", "without cv2"),
    "erode_zero_border.py": ("morphology", "beyond the edge you put 0"),
    "erode_square_element.py": ("morphology", "element's zeros were used"),
    "shift_swapped_xy.py": ("geometry", "x and y are swapped"),
    "shift_dsize_swapped.py": ("geometry", "(width, height)"),
    "rotation_center_swapped.py": ("geometry", "centre's x and y are swapped"),
    "edges_swapped_like_notebook.py": ("edges", "notebook's titles swap"),
    "all_edges_wraps_around.py": ("edges", "wrapped around"),
    "gradient_from_uint8.py": ("edges", "Negative responses are missing"),
    "pad_reflect_confused.py": (
        "padding_modes",
        "np.pad's 'reflect' is OpenCV's reflect-101",
    ),
    "same_size_filter_shrinks.py": ("padding_modes", "smaller than the image"),
    "pool_overlapping.py": ("pooling", "windows overlap"),
    "pool_keeps_partial_squares.py": ("pooling", "the rule is floor"),
    "conv_layer_without_relu.py": ("conv_layer", "apply ReLU"),
    "stroke_lost_by_pooling.py": ("conv_layer", "Decide from the maps before pooling"),
    "quiz_believes_notebook_sizes.py": ("lesson_quiz", "with filter2D it does not"),
}


def params() -> list[object]:
    numpy_2_only = pytest.mark.skipif(
        not NUMPY_2, reason="under NumPy 1 a uint8 pixel plus an int widens: no wrap"
    )
    return [
        pytest.param(name, marks=numpy_2_only)
        if name == "pixel_loop_numpy2_wraps.py"
        else name
        for name in sorted(EXPECTED)
    ]


def test_every_example_has_an_expected_hint() -> None:
    assert sorted(path.name for path in MISTAKES.glob("*.py")) == sorted(EXPECTED)


@pytest.mark.parametrize("example", params())
def test_the_hint_names_the_mistake_and_only_its_exercise_loses_points(
    grade: Grade, example: str
) -> None:
    exercise, phrase = EXPECTED[example]
    result = grade(MISTAKES / example)

    assert [score.id for score in result.exercises] == [exercise]
    lost = [check for check in result.checks if not check.passed]
    assert lost, "the mistake went unnoticed"
    assert all(check.exercise == exercise and check.points == 0 for check in lost)
    assert any(phrase in check.hint for check in lost), sorted(
        {check.hint for check in lost}
    )
    assert result.score < result.max_score


@pytest.mark.parametrize(
    "example",
    ["correlate_flips_kernel.py", "pool_overlapping.py", "modifies_input_in_place.py"],
)
def test_the_rest_of_the_exercise_still_earns_points(
    grade: Grade, example: str
) -> None:
    result = grade(MISTAKES / example)
    assert 0 < result.score < result.max_score
