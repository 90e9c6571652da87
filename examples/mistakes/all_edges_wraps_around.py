# A typical mistake: the two uint8 responses are added with +, which wraps around
# above 255; the lesson adds them with cv2.add, which stops at 255.
import cv2
import numpy as np

K1 = np.array([[-1, -1, -1], [0, 0, 0], [1, 1, 1]], np.float32)


def horizontal_edges(img):
    return cv2.filter2D(img, -1, K1)


def vertical_edges(img):
    return cv2.filter2D(img, -1, K1.T)


def all_edges(img):
    return horizontal_edges(img) + vertical_edges(img)


def diagonal_edges(img):
    return cv2.filter2D(img, -1, np.array([[0, 1, 2], [-1, 0, 1], [-2, -1, 0]], np.float32))


def gradient_magnitude(img):
    gx = cv2.filter2D(img, cv2.CV_32F, K1.T)
    gy = cv2.filter2D(img, cv2.CV_32F, K1)
    return np.sqrt(gx * gx + gy * gy)


def edge_quiz():
    return {"horizontal": "K1", "vertical": "K2", "uint8_keeps": "dark_above_bright"}
