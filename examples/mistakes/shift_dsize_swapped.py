# A typical mistake: img.shape[:2] is (height, width), but cv2.warpAffine takes
# its output size as (width, height), so the result comes out transposed in size.
import cv2
import numpy as np


def shift_matrix(dx, dy):
    return np.float32([[1, 0, dx], [0, 1, dy]])


def shift(img, dx, dy):
    return cv2.warpAffine(img, shift_matrix(dx, dy), img.shape[:2])


def rotation_matrix(angle_deg, center):
    return cv2.getRotationMatrix2D((float(center[0]), float(center[1])), angle_deg, 1.0)
