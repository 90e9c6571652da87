import numpy as np


def erode(img, element):
    return shrink(img, element)


def shrink(img, element):
    h, w = img.shape[:2]
    eh, ew = np.shape(element)
    out = np.empty_like(img)
    for y in range(h):
        for x in range(w):
            out[y, x] = window(img, element, y, x, eh, ew).min(axis=0)
    return out


def dilate(img, element):
    return spread(img, element)


def spread(img, element):
    h, w = img.shape[:2]
    eh, ew = np.shape(element)
    out = np.empty_like(img)
    for y in range(h):
        for x in range(w):
            out[y, x] = window(img, element, y, x, eh, ew).max(axis=0)
    return out


def window(img, element, y, x, eh, ew):
    """The pixels the element takes in around (y, x), leaving out those beyond the edge."""
    picked = []
    for i in range(eh):
        for j in range(ew):
            yy, xx = y + i - eh // 2, x + j - ew // 2
            if element[i][j] and 0 <= yy < img.shape[0] and 0 <= xx < img.shape[1]:
                picked.append(img[yy, xx])
    return np.array(picked)
