import numpy as np


def channel_histograms(img):
    planes = [img] if img.ndim == 2 else [img[:, :, c] for c in range(img.shape[2])]
    counts = [np.bincount(plane.ravel(), minlength=256) for plane in planes]
    return np.array(counts, dtype=np.float32)
