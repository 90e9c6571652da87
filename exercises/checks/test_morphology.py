"""Public checks: a single pixel, eroded and dilated with the lesson's diamond."""

import cv2
import numpy as np
import pytest

pytestmark = pytest.mark.exercise("morphology")

DIAMOND = np.array(
    [[0, 0, 1, 0, 0], [0, 1, 1, 1, 0], [1, 1, 1, 1, 1], [0, 1, 1, 1, 0], [0, 0, 1, 0, 0]], np.uint8
)


def test_dilate_a_bright_pixel(student, check):
    """dilate(7x7 picture with one bright pixel, diamond) draws a bright diamond"""
    img = np.zeros((7, 7), np.uint8)
    img[3, 3] = 255
    check.array(student.dilate(img, DIAMOND), cv2.dilate(img, DIAMOND))


def test_erode_near_the_border(student, check, images):
    """erode(6x8 gradient, diamond) equals cv2.erode, border included"""
    img = images.gradient(6, 8)
    check.array(student.erode(img, DIAMOND), cv2.erode(img, DIAMOND))
