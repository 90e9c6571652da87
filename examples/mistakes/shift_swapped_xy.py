# A typical mistake: dx and dy change places, as if x counted rows. x counts
# columns (to the right) and y counts rows (down).
import cv2
import numpy as np


def shift_matrix(dx, dy):
    return np.float32([[1, 0, dy], [0, 1, dx]])


def shift(img, dx, dy):
    h, w = img.shape[:2]
    return cv2.warpAffine(img, shift_matrix(dx, dy), (w, h))


def rotation_matrix(angle_deg, center):
    return cv2.getRotationMatrix2D((float(center[0]), float(center[1])), angle_deg, 1.0)
