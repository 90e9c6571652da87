# A typical mistake: the gradient magnitude is built from the uint8 responses,
# where filter2D has already clipped every negative response to 0.
import cv2
import numpy as np

K1 = np.array([[-1, -1, -1], [0, 0, 0], [1, 1, 1]], np.float32)


def horizontal_edges(img):
    return cv2.filter2D(img, -1, K1)


def vertical_edges(img):
    return cv2.filter2D(img, -1, K1.T)


def all_edges(img):
    return cv2.add(horizontal_edges(img), vertical_edges(img))


def diagonal_edges(img):
    return cv2.filter2D(img, -1, np.array([[0, 1, 2], [-1, 0, 1], [-2, -1, 0]], np.float32))


def gradient_magnitude(img):
    gx = vertical_edges(img).astype(np.float32)
    gy = horizontal_edges(img).astype(np.float32)
    return np.sqrt(gx * gx + gy * gy)


def edge_quiz():
    return {"horizontal": "K1", "vertical": "K2", "uint8_keeps": "dark_above_bright"}
