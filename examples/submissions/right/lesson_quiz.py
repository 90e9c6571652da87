def history_quiz():
    return dict(first_neuron="b", perceptron="c", backpropagation="c", revival="a",
                random_labels="c", stickers="b", uncertainty="c", interpretability="b")


def slips_quiz():
    return dict(colour_order="B", filter2d_computes="b", filter2d_border="c", averaging_size="c",
                smoothing_darkens="b", shift_matrix="b", element_shape="c", slash_rule="b ")


def numbers_quiz():
    return {
        "valid_4x4_by_2x2": [3, 3], "valid_96x96_by_3x3": (94, 94), "valid_80x120_by_5x5": (76, 116),
        "filter2d_80x120_by_3x3": (80, 120), "padding_for_5x5": 2.0, "pool_7x5": (3, 2),
        "layer_28x28": (8, 12, 12), "cv2_add_200_100": 255, "numpy_add_200_100": 44,
    }
