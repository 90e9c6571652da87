"""Public checks: brightness and contrast saturate, on gray and colour images."""

import numpy as np
import pytest

pytestmark = pytest.mark.exercise("pixels")

ROW = np.array([[200, 250, 10]], np.uint8)


@pytest.mark.parametrize("value, expected", [(100, [[255, 255, 110]]), (-20, [[180, 230, 0]])], ids=["+100", "-20"])
def test_brighten_stops_at_0_and_255(student, check, value, expected):
    """brighten([[200, 250, 10]], value) saturates instead of wrapping around"""
    check.array(student.brighten(ROW, value), np.array(expected, np.uint8))


def test_brighten_changes_every_channel(student, check):
    """brighten on a colour image changes blue, green and red alike"""
    img = np.full((2, 2, 3), 100, np.uint8)
    check.array(student.brighten(img, 50), np.full((2, 2, 3), 150, np.uint8))


def test_contrast_stops_at_255(student, check):
    """contrast([[100, 150, 10]], 2) gives [[200, 255, 20]]"""
    img = np.array([[100, 150, 10]], np.uint8)
    check.array(student.contrast(img, 2), np.array([[200, 255, 20]], np.uint8))
