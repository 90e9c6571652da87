"""Public checks: histograms of a tiny gray picture and a tiny colour one."""

import numpy as np
import pytest

pytestmark = pytest.mark.exercise("histograms")


def test_gray_picture_gives_one_row(student, check):
    """channel_histograms of a gray picture with 0, 128 and 255"""
    img = np.array([[0, 0, 255, 255], [128, 128, 128, 255]], np.uint8)
    expected = np.zeros((1, 256), np.float32)
    expected[0, [0, 128, 255]] = [2, 3, 3]
    check.array(student.channel_histograms(img), expected)


def test_colour_picture_keeps_blue_green_red(student, check):
    """channel_histograms of a colour picture: row 0 is blue, row 2 is red"""
    img = np.zeros((2, 2, 3), np.uint8)
    img[..., 0], img[..., 1], img[..., 2] = 10, 20, 30
    expected = np.zeros((3, 256), np.float32)
    expected[[0, 1, 2], [10, 20, 30]] = 4
    check.array(student.channel_histograms(img), expected)
