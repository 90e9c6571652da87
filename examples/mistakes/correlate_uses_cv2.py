# A typical mistake: the exercise is to be written without OpenCV, and this one
# calls cv2.filter2D. The results are right; the exercise is not done.
import cv2
import numpy as np


def correlate2d(img, kernel):
    return cv2.filter2D(img, -1, np.asarray(kernel, np.float32))


def convolve2d(img, kernel):
    return cv2.filter2D(img, -1, np.asarray(kernel, np.float32)[::-1, ::-1])
