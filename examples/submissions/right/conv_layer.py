import numpy as np


def conv_layer(img, kernels):
    img = np.asarray(img, dtype=np.float32)
    maps = []
    for kernel in np.asarray(kernels, dtype=np.float32):
        kh, kw = kernel.shape
        h, w = img.shape[0] - kh + 1, img.shape[1] - kw + 1
        response = np.zeros((h, w), np.float32)
        for i in range(kh):
            for j in range(kw):
                response += kernel[i, j] * img[i:i + h, j:j + w]
        response = np.maximum(response, 0)[: h // 2 * 2, : w // 2 * 2]
        maps.append(response.reshape(h // 2, 2, w // 2, 2).max(axis=(1, 3)))
    return np.array(maps, dtype=np.float32)


def classify_stroke(img):
    b = (np.asarray(img) > 0).astype(int)
    slash = (b[:-1, 1:] + b[1:, :-1]).max()
    backslash = (b[:-1, :-1] + b[1:, 1:]).max()
    if slash == backslash or max(slash, backslash) < 2:
        return "none"
    return "/" if slash > backslash else "\\"
