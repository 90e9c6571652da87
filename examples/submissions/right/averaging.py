import cv2
import numpy as np


def averaging_kernel(k=3):
    if type(k) is not int or k < 1 or k % 2 == 0:
        raise ValueError("k must be odd and positive")
    kernel = np.ones((k, k), dtype=np.float32)
    return kernel / (k * k)


def box_blur(img, k=3):
    return cv2.filter2D(img, -1, averaging_kernel(k))
