# A typical mistake: the classifier looks at the layer's pooled output, and floor
# pooling drops the last row or column of an odd-sized map, with any stroke there.
import numpy as np
from numpy.lib.stride_tricks import sliding_window_view


def responses(img, kernels):
    kernels = np.asarray(kernels, dtype=np.float64)
    windows = sliding_window_view(np.asarray(img, dtype=np.float64), kernels.shape[1:])
    return np.einsum("ijkl,nkl->nij", windows, kernels)


def pool_squares(maps):
    n, h, w = maps.shape
    return maps[:, :h // 2 * 2, :w // 2 * 2].reshape(n, h // 2, 2, w // 2, 2).max(axis=(2, 4))


def conv_layer(img, kernels):
    return pool_squares(np.maximum(responses(img, kernels), 0)).astype(np.float32)


def classify_stroke(img):
    maps = conv_layer(np.asarray(img) > 0, [[[0, 1], [1, 0]], [[1, 0], [0, 1]]])
    slash, backslash = maps[0].max(), maps[1].max()
    if max(slash, backslash) < 2 or slash == backslash:
        return "none"
    return "/" if slash > backslash else "\\"
