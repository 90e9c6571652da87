"""Public checks: the averaging kernel and the box blur."""

import cv2
import numpy as np
import pytest

pytestmark = pytest.mark.exercise("averaging")


def test_three_by_three_kernel(student, check):
    """averaging_kernel(3) is 3x3 float32, every weight 1/9"""
    check.array(student.averaging_kernel(3), np.full((3, 3), 1 / 9, np.float32), atol=1e-6)


def test_box_blur_on_a_gradient(student, check, images):
    """box_blur equals cv2.blur on a small gradient"""
    img = images.gradient(6, 8)
    check.array(student.box_blur(img), cv2.blur(img, (3, 3)), atol=1)
