"""Images for the checks: real photographs and synthetic patterns.

Registered by the grader as a pytest plugin (``fixtures`` in course.toml), so
public and hidden checks alike can ask for the ``images`` fixture.
"""

from pathlib import Path

import cv2
import numpy as np
import pytest

DATA = Path(__file__).resolve().parent.parent / "data"


class Images:
    """Inputs for checks; every call returns a fresh array."""

    def photo(self, name, gray=False):
        """A committed photograph (BGR, or gray), as uint8."""
        flag = cv2.IMREAD_GRAYSCALE if gray else cv2.IMREAD_COLOR
        image = cv2.imread(str(DATA / name), flag)
        if image is None:
            raise FileNotFoundError(DATA / name)
        return image

    @property
    def camera(self):
        return self.photo("camera.png", gray=True)

    @property
    def chelsea(self):
        return self.photo("chelsea.png")

    @property
    def coffee(self):
        return self.photo("coffee.png")

    def gradient(self, height, width, channels=0):
        """A diagonal ramp from 0 to 255."""
        rows, cols = np.mgrid[0:height, 0:width]
        ramp = np.round(255 * (rows + cols) / max(1, height + width - 2)).astype(np.uint8)
        return np.dstack([ramp] * channels) if channels else ramp

    def checkerboard(self, height, width, cell=2):
        rows, cols = np.mgrid[0:height, 0:width]
        return np.where((rows // cell + cols // cell) % 2 == 0, 255, 0).astype(np.uint8)

    def noise(self, height, width, channels=0, seed=0, dtype=np.uint8):
        shape = (height, width, channels) if channels else (height, width)
        generator = np.random.default_rng(seed)
        if np.dtype(dtype).kind == "f":
            return generator.random(shape).astype(dtype)
        return generator.integers(0, 256, shape).astype(dtype)


@pytest.fixture
def images():
    return Images()
