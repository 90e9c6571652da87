# A typical mistake, as OpenCV before 4.10 made it: cv2.add(img, 50) turns the bare
# number into the Scalar (50, 0, 0, 0), so only the first (blue) channel changes.
# Written out here with that Scalar, so it behaves the same on every OpenCV.
import cv2
import numpy as np


def brighten(img, value):
    return cv2.add(img, (value, 0, 0, 0))


def contrast(img, factor):
    exact = img.astype(np.float64) * factor
    return np.clip(np.round(exact), 0, 255).astype(np.uint8)
