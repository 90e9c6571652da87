# A typical mistake: the kernel of ones is never divided by k*k.
import cv2
import numpy as np


def averaging_kernel(k=3):
    if k < 1 or k % 2 == 0:
        raise ValueError("k must be odd")
    return np.ones((k, k), np.float32)


def box_blur(img, k=3):
    return cv2.filter2D(img, -1, averaging_kernel(k))
