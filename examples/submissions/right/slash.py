import numpy as np


def classify_slash(img):
    img = (img > 0).astype(int)
    best_slash = 0
    best_backslash = 0
    for y in range(img.shape[0] - 1):
        for x in range(img.shape[1] - 1):
            best_slash = max(best_slash, img[y, x + 1] + img[y + 1, x])
            best_backslash = max(best_backslash, img[y, x] + img[y + 1, x + 1])
    if best_slash > best_backslash:
        return "/"
    return "\\"
