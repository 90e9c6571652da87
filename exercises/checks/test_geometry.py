"""Public checks: the lesson's shift matrix, a quarter turn, and a small shift."""

import cv2
import numpy as np
import pytest

pytestmark = pytest.mark.exercise("geometry")


def test_lesson_shift_matrix(student, check):
    """shift_matrix(100, 50) is [[1, 0, 100], [0, 1, 50]]"""
    got = student.shift_matrix(100, 50)
    if type(got) is np.ndarray and got.dtype.kind == "f":
        got = got.astype(np.float32)
    check.array(got, np.float32([[1, 0, 100], [0, 1, 50]]))


def test_quarter_turn(student, check):
    """rotation_matrix(90, (2, 1)) equals cv2.getRotationMatrix2D((2, 1), 90, 1.0)"""
    got = student.rotation_matrix(90, (2, 1))
    if type(got) is np.ndarray and got.dtype.kind == "f":
        got = got.astype(np.float64)
    check.array(got, cv2.getRotationMatrix2D((2.0, 1.0), 90, 1.0), atol=1e-6)


def test_shift_one_to_the_right(student, check):
    """shift(2x4 picture, 1, 0) moves it one column right; the first column becomes 0"""
    img = np.arange(1, 9, dtype=np.uint8).reshape(2, 4)
    check.array(student.shift(img, 1, 0), np.array([[0, 1, 2, 3], [0, 5, 6, 7]], np.uint8))
