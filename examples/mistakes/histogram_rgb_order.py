# A typical mistake: the picture is converted to RGB first, as matplotlib wants it,
# so the histograms come out red, green, blue instead of the image's own B, G, R.
import cv2
import numpy as np


def channel_histograms(img):
    if img.ndim == 3:
        img = cv2.cvtColor(img, cv2.COLOR_BGR2RGB)
    channels = 1 if img.ndim == 2 else img.shape[2]
    rows = [cv2.calcHist([img], [c], None, [256], [0, 256]).reshape(256) for c in range(channels)]
    return np.stack(rows)
