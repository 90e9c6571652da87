# A typical mistake: np.pad's default puts zeros beyond the edge, and a 0 wins
# every minimum, so erosion darkens the border. cv2.erode leaves those pixels out.
import numpy as np


def erode(img, element):
    return extreme(img, element, np.min)


def dilate(img, element):
    return extreme(img, element, np.max)  # zeros never win a maximum of uint8 values: right here


def extreme(img, element, pick):
    element = np.asarray(element)
    eh, ew = element.shape
    h, w = img.shape[:2]
    widths = ((eh // 2, eh // 2), (ew // 2, ew // 2)) + ((0, 0),) * (img.ndim - 2)
    padded = np.pad(img, widths)
    shifted = [padded[i:i + h, j:j + w] for i, j in zip(*np.nonzero(element))]
    return pick(np.stack(shifted), axis=0)
