"""Public checks: every question has an answer of the right form (not whether it is right)."""

import pytest

from grader.checks import _

pytestmark = pytest.mark.exercise("lesson_quiz")

CHOICES = {
    "history_quiz": {
        "first_neuron": "abcd", "perceptron": "abcd", "backpropagation": "abcd", "revival": "abcd",
        "random_labels": "abcd", "stickers": "abcd", "uncertainty": "abcd", "interpretability": "abcd",
    },
    "slips_quiz": {
        "colour_order": "abc", "filter2d_computes": "ab", "filter2d_border": "abc", "averaging_size": "abc",
        "smoothing_darkens": "abc", "shift_matrix": "abc", "element_shape": "abc", "slash_rule": "abc",
    },
}
NUMBER_QUESTIONS = (
    "valid_4x4_by_2x2", "valid_96x96_by_3x3", "valid_80x120_by_5x5", "filter2d_80x120_by_3x3",
    "padding_for_5x5", "pool_7x5", "layer_28x28", "cv2_add_200_100", "numpy_add_200_100",
)


def answers_of(student, check, function):
    answers = getattr(student, function)()
    if not isinstance(answers, dict):
        check.fail(_("returned {type}; expected a dict.").format(type=type(answers).__name__))
    return answers


@pytest.mark.parametrize("function", list(CHOICES))
def test_every_question_gets_a_letter(student, check, function):
    """every multiple-choice question is answered with one of its letters"""
    answers = answers_of(student, check, function)
    for question, letters in CHOICES[function].items():
        answer = answers.get(question)
        if not isinstance(answer, str) or len(answer.strip()) != 1 or answer.strip().lower() not in letters:
            check.fail(_("answers {question!r} with {answer!r}; choose one letter of {letters}.").format(
                question=question, answer=answer, letters=", ".join(letters)))


def test_every_number_question_is_answered(student, check):
    """numbers_quiz answers every question"""
    answers = answers_of(student, check, "numbers_quiz")
    missing = [question for question in NUMBER_QUESTIONS if answers.get(question) is None]
    if missing:
        check.fail(_("has no answer for {names}.").format(names=", ".join(missing)))
