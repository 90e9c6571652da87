# A typical mistake: the structuring element's size is used but not its zeros, so
# every pixel of the 5x5 square counts instead of the lesson's diamond.
import numpy as np


def erode(img, element):
    return extreme(img, element, np.min, 255)


def dilate(img, element):
    element = np.asarray(element)
    eh, ew = element.shape
    h, w = img.shape[:2]
    widths = ((eh // 2, eh // 2), (ew // 2, ew // 2)) + ((0, 0),) * (img.ndim - 2)
    padded = np.pad(img, widths)
    shifted = [padded[i:i + h, j:j + w] for i, j in zip(*np.nonzero(element))]
    return np.max(np.stack(shifted), axis=0)


def extreme(img, element, pick, fill):
    eh, ew = np.shape(element)
    h, w = img.shape[:2]
    widths = ((eh // 2, eh // 2), (ew // 2, ew // 2)) + ((0, 0),) * (img.ndim - 2)
    padded = np.pad(img, widths, constant_values=fill)
    shifted = [padded[i:i + h, j:j + w] for i in range(eh) for j in range(ew)]
    return pick(np.stack(shifted), axis=0)
