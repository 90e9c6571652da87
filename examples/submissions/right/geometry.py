import math

import numpy as np


def shift_matrix(dx, dy):
    return np.array([[1.0, 0.0, dx], [0.0, 1.0, dy]])


def rotation_matrix(angle_deg, center):
    a = math.radians(angle_deg)
    cx, cy = center
    c, s = math.cos(a), math.sin(a)
    return np.array([[c, s, cx - c * cx - s * cy], [-s, c, cy + s * cx - c * cy]])


def shift(img, dx, dy):
    out = np.zeros_like(img)
    h, w = img.shape[:2]
    if abs(dx) >= w or abs(dy) >= h:
        return out
    src = img[max(0, -dy):h - max(0, dy), max(0, -dx):w - max(0, dx)]
    out[max(0, dy):max(0, dy) + src.shape[0], max(0, dx):max(0, dx) + src.shape[1]] = src
    return out
