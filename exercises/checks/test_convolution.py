"""Public checks: a single bright pixel shows the kernel; a small gradient is filtered like filter2D."""

import cv2
import numpy as np
import pytest

pytestmark = pytest.mark.exercise("convolution")

COUNTING = np.arange(1, 10, dtype=np.float32).reshape(3, 3)


def single_pixel():
    img = np.zeros((5, 5), np.float32)
    img[2, 2] = 1
    return img


def test_correlation_of_a_single_pixel(student, check):
    """correlate2d(single bright pixel, [[1, 2, 3], [4, 5, 6], [7, 8, 9]]) shows the kernel turned around"""
    img = single_pixel()
    check.array(student.correlate2d(img, COUNTING), cv2.filter2D(img, -1, COUNTING), atol=1e-5)


def test_convolution_of_a_single_pixel(student, check):
    """convolve2d(single bright pixel, [[1, 2, 3], [4, 5, 6], [7, 8, 9]]) shows the kernel as it is"""
    img = single_pixel()
    check.array(student.convolve2d(img, COUNTING), cv2.filter2D(img, -1, COUNTING[::-1, ::-1]), atol=1e-5)


def test_box_filter_on_a_gradient(student, check, images):
    """correlate2d(6x8 gradient, 3x3 box) equals cv2.filter2D, borders included"""
    img = images.gradient(6, 8)
    box = np.ones((3, 3), np.float32) / 9
    check.array(student.correlate2d(img, box), cv2.filter2D(img, -1, box))
