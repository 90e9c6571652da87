"""Hidden checks: the answer keys of the lesson quiz, with why each answer is right."""

import numpy as np
import pytest

from grader.checks import Mistake, _

pytestmark = pytest.mark.exercise("lesson_quiz")

HISTORY = {
    "first_neuron": (
        "b",
        _(
            "Warren McCulloch and Walter Pitts proposed the first model of a neuron in 1943; "
            "Rosenblatt's perceptron came fifteen years later."
        ),
    ),
    "perceptron": (
        "c",
        _(
            "In 1958 Frank Rosenblatt proposed the perceptron, the first and simplest neural network: "
            "it could separate objects in a plane."
        ),
    ),
    "backpropagation": (
        "c",
        _(
            "Backpropagation made training far faster, and with it interest in neural "
            "networks came back, for a while."
        ),
    ),
    "revival": (
        "a",
        _(
            "Neural networks need a lot of data; with little they memorise it. Today's data, and "
            "computers able to learn from it, brought them back."
        ),
    ),
    "random_labels": (
        "c",
        _(
            "With shuffled labels no pattern was left, yet the networks reached zero training "
            "error by memorising, and went on predicting with confidence, no better than chance."
        ),
    ),
    "stickers": (
        "b",
        _(
            "A small scribble on a road sign can make a network see something else entirely: its "
            "decisions can be thrown off on purpose."
        ),
    ),
    "uncertainty": (
        "c",
        _(
            "The lesson names Bayesian methods: sampling many networks tells how sure they are."
        ),
    ),
    "interpretability": (
        "b",
        _(
            "When a network diagnoses an illness or drives a car, we want to know why it "
            "decided, and how sure it is."
        ),
    ),
}

SLIPS = {
    "colour_order": (
        "b",
        _(
            "OpenCV keeps colour channels as blue, green, red; the notebook says RGB, and "
            "matplotlib shows OpenCV's pictures with red and blue swapped."
        ),
    ),
    "filter2d_computes": (
        "b",
        _(
            "filter2D computes correlation: the kernel is not turned. Try it on a picture "
            "with a single bright pixel: you get the kernel turned around."
        ),
    ),
    "filter2d_border": (
        "c",
        _(
            "The default border is BORDER_REFLECT_101: a mirror image that does not repeat "
            "the edge pixel."
        ),
    ),
    "averaging_size": (
        "c",
        _("filter2D returns a picture of the same size; only detail is lost."),
    ),
    "smoothing_darkens": (
        "b",
        _("Nine weights of 0.05 add up to 0.45: less than half the brightness."),
    ),
    "shift_matrix": (
        "b",
        _(
            "A 2x3 matrix of that form moves a picture with cv2.warpAffine; it is not a "
            "convolution kernel."
        ),
    ),
    "element_shape": ("c", _("The ones of the lesson's 5x5 element form a diamond.")),
    "slash_rule": (
        "b",
        _(
            "The values depend on the kernel drawn; comparing the maxima of a slash kernel and a "
            "backslash kernel works for any stroke."
        ),
    ),
}

NUMBERS = {
    "valid_4x4_by_2x2": (
        (3, 3),
        _("A valid correlation gives (H - kh + 1) x (W - kw + 1): 4 - 2 + 1 = 3."),
    ),
    "valid_96x96_by_3x3": ((94, 94), _("96 - 3 + 1 = 94 on each side.")),
    "valid_80x120_by_5x5": (
        (76, 116),
        _("80 - 5 + 1 = 76 rows, 120 - 5 + 1 = 116 columns."),
    ),
    "filter2d_80x120_by_3x3": (
        (80, 120),
        _("filter2D pads the picture (reflect-101), so the size stays."),
    ),
    "padding_for_5x5": (
        2,
        _("A 5x5 kernel reaches 5 // 2 = 2 pixels beyond its centre."),
    ),
    "pool_7x5": (
        (3, 2),
        _(
            "7 // 2 = 3 rows and 5 // 2 = 2 columns: the last row and column are dropped."
        ),
    ),
    "layer_28x28": (
        (8, 12, 12),
        _(
            "28 - 5 + 1 = 24 after the correlation, 24 // 2 = 12 after pooling, one map "
            "per kernel."
        ),
    ),
    "cv2_add_200_100": (
        255,
        _("cv2.add saturates: 300 does not fit in uint8, so it stops at 255."),
    ),
    "numpy_add_200_100": (
        44,
        _("uint8 arithmetic in numpy wraps around: 300 - 256 = 44."),
    ),
}


def answers_of(student, check, function):
    answers = getattr(student, function)()
    if not isinstance(answers, dict):
        check.fail(
            _("returned {type}; expected a dict from questions to answers.").format(
                type=type(answers).__name__
            )
        )
    return answers


def as_answer(value):
    """Whole numbers and shapes, whichever way they were written: [3, 3], np.int64(3), 3.0."""
    if type(value) is np.ndarray and value.dtype.kind in "iuf":
        value = value.tolist()
    if isinstance(value, (list, tuple)):
        return tuple(as_answer(item) for item in value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def letter(value):
    return value.strip().lower() if isinstance(value, str) else value


@pytest.mark.concept("4. Neural networks: history")
@pytest.mark.parametrize("question", list(HISTORY))
def test_history(student, check, question):
    """history_quiz: the history of neural networks"""
    right, why = HISTORY[question]
    got = letter(answers_of(student, check, "history_quiz").get(question))
    check.equal(
        got,
        right,
        hint=why,
        what=_("history_quiz()[{question!r}]").format(question=question),
        reveal=False,
    )


@pytest.mark.concept("2. Convolution: where the notebook is wrong")
@pytest.mark.parametrize("question", list(SLIPS))
def test_slips(student, check, question):
    """slips_quiz: what the code really does where the notebook is wrong"""
    right, why = SLIPS[question]
    got = letter(answers_of(student, check, "slips_quiz").get(question))
    check.equal(
        got,
        right,
        hint=why,
        what=_("slips_quiz()[{question!r}]").format(question=question),
        reveal=False,
    )


@pytest.mark.concept("3. Deeper into convolution: sizes")
@pytest.mark.parametrize("question", list(NUMBERS))
def test_numbers(student, check, question):
    """numbers_quiz: sizes and values the lesson's operations give"""
    right, why = NUMBERS[question]
    got = as_answer(answers_of(student, check, "numbers_quiz").get(question))
    mistakes = [
        Mistake(
            _(
                "The notebook says averaging shrinks the picture; with filter2D it does not."
            ),
            when=lambda got: question == "filter2d_80x120_by_3x3" and got == (78, 118),
        ),
        Mistake(
            _("Height and width are swapped: give (rows, columns)."),
            when=lambda got: isinstance(right, tuple) and got == right[::-1] != right,
        ),
    ]
    check.equal(
        got,
        right,
        hint=why,
        mistakes=mistakes,
        what=_("numbers_quiz()[{question!r}]").format(question=question),
        reveal=False,
    )
