"""Public checks: the 5x5 ramp; what does not fill a square is dropped."""

import numpy as np
import pytest

pytestmark = pytest.mark.exercise("pooling")

RAMP = np.arange(25).reshape(5, 5)


def test_max_pool_of_a_ramp(student, check):
    """max_pool(0..24 as 5x5) gives [[6, 8], [16, 18]]"""
    check.array(student.max_pool(RAMP, 2), np.array([[6, 8], [16, 18]]))


def test_avg_pool_of_a_ramp(student, check):
    """avg_pool(0..24 as 5x5) gives [[3, 5], [13, 15]] as floats"""
    check.array(student.avg_pool(RAMP, 2), np.array([[3.0, 5.0], [13.0, 15.0]]), atol=1e-9)
