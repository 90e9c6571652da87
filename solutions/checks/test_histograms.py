"""Hidden checks: one histogram per channel, equal to cv2.calcHist's.

calcHist returns (256, 1) in OpenCV 4 and (256,) in OpenCV 5; the expected
rows are reshaped, so the verdict does not depend on the grader's OpenCV.
"""

import cv2
import numpy as np
import pytest

from grader.checks import Mistake, _

pytestmark = pytest.mark.exercise("histograms")


def expected_histograms(img):
    channels = 1 if img.ndim == 2 else img.shape[2]
    return np.stack(
        [
            cv2.calcHist([img], [c], None, [256], [0, 256]).reshape(256)
            for c in range(channels)
        ]
    )


def as_counts(got):
    """Counts of any numeric dtype compared as float32: the dtype has a check of its own."""
    if type(got) is np.ndarray and got.dtype.kind in "iuf":
        return got.astype(np.float32)
    return got


def histogram_mistakes(img, expected):
    pixels = img.shape[0] * img.shape[1]
    without_255 = expected.copy()
    without_255[:, 255] = 0
    return [
        Mistake(
            _(
                "You returned a list: stack the rows into one array of shape (channels, 256), e.g. with np.stack."
            ),
            when=lambda got: isinstance(got, (list, tuple)),
        ),
        Mistake(
            _(
                "A gray image has one channel, so the result is one row: shape (1, 256), not (256,)."
            ),
            when=lambda got: img.ndim == 2 and got.shape == (256,),
        ),
        Mistake(
            _(
                "Each histogram has an extra axis: cv2.calcHist returns shape (256, 1) in OpenCV 4 and (256,) in "
                "OpenCV 5. Reshape each one to (256,) before stacking."
            ),
            when=lambda got: got.shape == (*expected.shape, 1),
        ),
        Mistake(
            _(
                "The channels are in reverse order: an OpenCV image keeps them as blue, green, red, so channel 0 is "
                "blue. Keep the image's own order; do not convert it to RGB."
            ),
            when=lambda got: (
                img.ndim == 3
                and not np.array_equal(expected, expected[::-1])
                and np.array_equal(got, expected[::-1])
            ),
        ),
        Mistake(
            _(
                "No pixel of value 255 was counted: the range's upper end is left out, so [0, 255] drops the 255s. "
                "Give the range as [0, 256]."
            ),
            answer=without_255,
        ),
        Mistake(
            _(
                "Your histograms add up to 1: they were normalised. Count pixels instead: each row adds up to the "
                "number of pixels, {count}."
            ).format(count=pixels),
            when=lambda got: np.allclose(got.sum(axis=-1), 1),
        ),
        Mistake(
            _(
                "Each row should add up to the number of pixels, {count}, and yours do not: calcHist takes a list of "
                "images, [img]; given the bare array it counts only part of it."
            ).format(count=pixels),
            when=lambda got: (
                got.shape == expected.shape
                and not np.allclose(got.sum(axis=-1), pixels)
            ),
        ),
    ]


def mixed_channels(images):
    """Blue, green and red that differ: a gradient, a checkerboard with 255s, and noise."""
    return np.dstack(
        [
            images.gradient(9, 12),
            images.checkerboard(9, 12),
            images.noise(9, 12, seed=6),
        ]
    )


CASES = {
    "camera photo (gray)": lambda images: images.camera,
    "colour photo": lambda images: images.chelsea,
    "second colour photo": lambda images: images.coffee,
    "colour 9x12, channels that differ": mixed_channels,
    "checkerboard of 0 and 255": lambda images: images.checkerboard(9, 12),
    "colour 7x5 gradient": lambda images: images.gradient(7, 5, channels=3),
    "one row 1x9": lambda images: images.gradient(1, 9),
}


@pytest.mark.points(2)
@pytest.mark.parametrize("case", list(CASES))
def test_counts_equal_calchist(student, check, images, case):
    """channel_histograms counts every value of every channel, in B, G, R order"""
    img = CASES[case](images)
    expected = expected_histograms(img)
    got = student.channel_histograms(img)
    check.array(as_counts(got), expected, mistakes=histogram_mistakes(img, expected))


def test_counts_are_float32_like_calchist(student, check, images):
    """channel_histograms returns float32, as cv2.calcHist does"""
    img = images.camera
    got = student.channel_histograms(img)
    dtype_only = Mistake(
        _(
            "The counts are right but their dtype is not: cv2.calcHist gives float32; convert with "
            ".astype(np.float32)."
        ),
        when=lambda got: (
            got.dtype != np.float32 and np.array_equal(got, expected_histograms(img))
        ),
    )
    check.array(
        got,
        expected_histograms(img),
        mistakes=[dtype_only, *histogram_mistakes(img, expected_histograms(img))],
    )
