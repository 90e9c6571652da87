# A typical mistake: the range is written [0, 255]; its upper end is left out, so
# pixels of value 255 are not counted.
import cv2
import numpy as np


def channel_histograms(img):
    channels = 1 if img.ndim == 2 else img.shape[2]
    rows = [cv2.calcHist([img], [c], None, [256], [0, 255]).reshape(256) for c in range(channels)]
    return np.stack(rows)
