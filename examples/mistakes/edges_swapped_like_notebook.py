# A typical mistake, taken from the notebook's plot titles: K1 is called the
# vertical-edge kernel and K1.T the horizontal one. K1 subtracts the row above
# from the row below, so it answers horizontal edges.
import cv2
import numpy as np

K1 = np.array([[-1, -1, -1], [0, 0, 0], [1, 1, 1]], np.float32)


def horizontal_edges(img):
    return cv2.filter2D(img, -1, K1.T)


def vertical_edges(img):
    return cv2.filter2D(img, -1, K1)


def all_edges(img):
    return cv2.add(horizontal_edges(img), vertical_edges(img))


def diagonal_edges(img):
    return cv2.filter2D(img, -1, np.array([[0, 1, 2], [-1, 0, 1], [-2, -1, 0]], np.float32))


def gradient_magnitude(img):
    gx = cv2.filter2D(img, cv2.CV_32F, K1.T)
    gy = cv2.filter2D(img, cv2.CV_32F, K1)
    return np.sqrt(gx * gx + gy * gy)


def edge_quiz():
    return {"horizontal": "K1", "vertical": "K2", "uint8_keeps": "dark_above_bright"}
