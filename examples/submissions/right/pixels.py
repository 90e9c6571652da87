import numpy as np


def brighten(img, value):
    wider = img.astype(np.float32) + np.float32(value)
    return np.rint(np.clip(wider, 0, 255)).astype(np.uint8)


def contrast(img, factor):
    wider = img.astype(np.float32) * np.float32(factor)
    return np.rint(np.clip(wider, 0, 255)).astype(np.uint8)
