# A typical mistake: the centre is given to OpenCV as (row, column); OpenCV's
# points are (x, y), that is (column, row).
import cv2
import numpy as np


def shift_matrix(dx, dy):
    return np.float32([[1, 0, dx], [0, 1, dy]])


def shift(img, dx, dy):
    h, w = img.shape[:2]
    return cv2.warpAffine(img, shift_matrix(dx, dy), (w, h))


def rotation_matrix(angle_deg, center):
    row, col = center
    return cv2.getRotationMatrix2D((float(col), float(row)), angle_deg, 1.0)
