"""Public checks: a dark band above a bright one; the quiz's answers have the right form."""

import cv2
import numpy as np
import pytest

from grader.checks import _

pytestmark = pytest.mark.exercise("edges")

QUESTIONS = {"horizontal": ("K1", "K2"), "vertical": ("K1", "K2"), "uint8_keeps": ("dark_above_bright", "bright_above_dark")}


def dark_above_bright():
    img = np.zeros((6, 6), np.uint8)
    img[3:] = 100
    return img


def test_horizontal_edge_is_found(student, check):
    """horizontal_edges finds the border between a dark top and a bright bottom"""
    img = dark_above_bright()
    kernel = np.array([[-1, -1, -1], [0, 0, 0], [1, 1, 1]], np.float32)
    check.array(student.horizontal_edges(img), cv2.filter2D(img, -1, kernel))


def test_gradient_magnitude_is_float32(student, check):
    """gradient_magnitude of the same picture: 300 along the edge, float32"""
    expected = np.zeros((6, 6), np.float32)
    expected[2:4] = 300
    check.array(student.gradient_magnitude(dark_above_bright()), expected, atol=1e-2)


def test_quiz_answers_have_the_right_form(student, check):
    """edge_quiz answers every question with one of its choices"""
    answers = student.edge_quiz()
    if not isinstance(answers, dict):
        check.fail(_("returned {type}; expected a dict.").format(type=type(answers).__name__))
    for question, choices in QUESTIONS.items():
        if answers.get(question) not in choices:
            check.fail(_("answers {question!r} with {answer!r}; choose one of {choices}.").format(
                question=question, answer=answers.get(question), choices=", ".join(choices)))
