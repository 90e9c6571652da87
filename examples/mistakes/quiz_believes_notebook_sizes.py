# A typical mistake: the notebook says averaging with cv2.filter2D makes the picture
# smaller, and this answer believes it. filter2D pads, so the size stays.
def history_quiz():
    return {
        "first_neuron": "b", "perceptron": "c", "backpropagation": "c", "revival": "a",
        "random_labels": "c", "stickers": "b", "uncertainty": "c", "interpretability": "b",
    }


def slips_quiz():
    return {
        "colour_order": "b", "filter2d_computes": "b", "filter2d_border": "c", "averaging_size": "c",
        "smoothing_darkens": "b", "shift_matrix": "b", "element_shape": "c", "slash_rule": "b",
    }


def numbers_quiz():
    return {
        "valid_4x4_by_2x2": (3, 3), "valid_96x96_by_3x3": (94, 94), "valid_80x120_by_5x5": (76, 116),
        "filter2d_80x120_by_3x3": (78, 118), "padding_for_5x5": 2, "pool_7x5": (3, 2),
        "layer_28x28": (8, 12, 12), "cv2_add_200_100": 255, "numpy_add_200_100": 44,
    }
