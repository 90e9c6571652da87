"""Quiz on the whole lesson: its history, its slips, and a few numbers.

Answer each question in the dicts below. Multiple-choice questions take the
letter of one choice; number questions take a whole number, or a tuple such
as ``(3, 3)`` where the question asks for a shape. Some questions ask about
places where the original notebook is wrong: the right answer is what the
code really does, which you can try.
"""

HISTORY = {
    "first_neuron": (
        "Who proposed the first model of a neuron, and when?",
        {
            "a": "Frank Rosenblatt, 1958",
            "b": "Warren McCulloch and Walter Pitts, 1943",
            "c": "Thomas Bayes, in the 18th century",
            "d": "Geoffrey Hinton, 2012",
        },
    ),
    "perceptron": (
        "What did Frank Rosenblatt propose in 1958?",
        {
            "a": "backpropagation",
            "b": "the convolutional layer",
            "c": "the first and simplest neural network, which could separate objects in a plane",
            "d": "pooling",
        },
    ),
    "backpropagation": (
        "What did backpropagation, found by several groups independently in the 1980s and 1990s, bring?",
        {
            "a": "networks that need no data",
            "b": "networks that explain their decisions",
            "c": "much faster training of neural networks",
            "d": "the first model of a neuron",
        },
    ),
    "revival": (
        "Why do neural networks succeed today after earlier waves of interest faded?",
        {
            "a": "large amounts of data, and computers able to learn from them",
            "b": "smaller networks",
            "c": "kernels written by hand",
            "d": "they no longer overfit",
        },
    ),
    "random_labels": (
        "In the 2017 experiment, the labels of a large set of pictures were shuffled at random. What did the "
        "networks do?",
        {
            "a": "they refused to learn",
            "b": "they recovered the true labels",
            "c": "they reached zero error on the training pictures by memorising them, and still predicted new "
            "pictures with confidence, no better than chance",
            "d": "they reported that the data held no pattern",
        },
    ),
    "stickers": (
        "What can a small mark drawn on a road sign do to a network in a self-driving car?",
        {
            "a": "nothing: networks ignore small details",
            "b": "make it take the sign for something else entirely",
            "c": "make it slow down to read the sign",
            "d": "only change how confident it is",
        },
    ),
    "uncertainty": (
        "Which idea does the lesson name for telling how sure a network is of its decision?",
        {
            "a": "bigger networks",
            "b": "more pooling layers",
            "c": "Bayesian methods",
            "d": "zero padding",
        },
    ),
    "interpretability": (
        "Why does it matter that a network's decisions are hard to interpret?",
        {
            "a": "it makes training slower",
            "b": "for a diagnosis or a car on the road we want to know why it decided, and how sure it is",
            "c": "it makes the network larger",
            "d": "it does not matter",
        },
    ),
}

SLIPS = {
    "colour_order": (
        "In which order does OpenCV keep the channels of a colour image it loads?",
        {
            "a": "red, green, blue",
            "b": "blue, green, red",
            "c": "hue, saturation, value",
        },
    ),
    "filter2d_computes": (
        "What does cv2.filter2D compute?",
        {
            "a": "convolution: the kernel is turned by 180 degrees",
            "b": "correlation: the kernel is laid on the image as it is",
        },
    ),
    "filter2d_border": (
        "What does cv2.filter2D put beyond the image's edge, by default?",
        {
            "a": "zeros",
            "b": "the edge pixel, repeated",
            "c": "a mirror image without the edge pixel (reflect-101)",
        },
    ),
    "averaging_size": (
        "The notebook says averaging with cv2.filter2D makes the picture smaller. Does it?",
        {
            "a": "yes, by 2 pixels on each side",
            "b": "yes, by half",
            "c": "no: the size stays, only detail is lost",
        },
    ),
    "smoothing_darkens": (
        "The smoothing kernel of the notebook's code, 0.05 * np.ones((3, 3)): what does it do to brightness?",
        {
            "a": "keeps it",
            "b": "makes the picture less than half as bright",
            "c": "doubles it",
        },
    ),
    "shift_matrix": (
        "What is the notebook's 'shift kernel' [[1, 0, 100], [0, 1, 50]]?",
        {
            "a": "a convolution kernel for cv2.filter2D",
            "b": "an affine transform for cv2.warpAffine",
            "c": "a structuring element for cv2.erode",
        },
    ),
    "element_shape": (
        "The notebook calls its 5x5 structuring element for erosion round. What shape do its ones make?",
        {"a": "a circle", "b": "a square", "c": "a diamond"},
    ),
    "slash_rule": (
        "The notebook's rule says: 'if the maximum is 2 it is a slash, if it is 1 a backslash'. When does it hold?",
        {
            "a": "for any kernel",
            "b": "only for the one kernel it drew; compare the maxima of two kernels instead",
            "c": "only for pictures larger than 4x4",
        },
    ),
}

NUMBERS = {
    "valid_4x4_by_2x2": "A 4x4 picture, correlated with a 2x2 kernel without padding: the map's (height, width)?",
    "valid_96x96_by_3x3": "A 96x96 picture, correlated with a 3x3 kernel without padding: (height, width)?",
    "valid_80x120_by_5x5": "An 80x120 picture (80 rows), 5x5 kernel, no padding: (height, width)?",
    "filter2d_80x120_by_3x3": "cv2.filter2D(img, -1, kernel) on an 80x120 picture with a 3x3 kernel: (height, width)?",
    "padding_for_5x5": "How many rows of padding on each side keep the size with a 5x5 kernel?",
    "pool_7x5": "2x2 max pooling (floor rule) of a 7x5 picture: (height, width)?",
    "layer_28x28": "conv_layer on a 28x28 picture with 8 kernels of 5x5: the shape it returns?",
    "cv2_add_200_100": "cv2.add on a uint8 picture: what does a pixel of 200 plus 100 give?",
    "numpy_add_200_100": "np.array([200], np.uint8) + 100: what is the one value of the result?",
}


def history_quiz():
    """Answer the questions of ``HISTORY`` (the lesson's part on neural networks).

    Returns
    -------
    answers : dict of str to str
        For every key of ``HISTORY``, the letter of one of its choices.

    Examples
    --------
    >>> sorted(history_quiz()) == sorted(HISTORY)
    True
    """
    raise NotImplementedError("history_quiz: write your solution here")


def slips_quiz():
    """Answer the questions of ``SLIPS`` (where the notebook is wrong or loose).

    Returns
    -------
    answers : dict of str to str
        For every key of ``SLIPS``, the letter of one of its choices.

    Examples
    --------
    >>> sorted(slips_quiz()) == sorted(SLIPS)
    True
    """
    raise NotImplementedError("slips_quiz: write your solution here")


def numbers_quiz():
    """Answer the questions of ``NUMBERS``.

    Returns
    -------
    answers : dict of str to int or tuple of int
        For every key of ``NUMBERS``, a whole number, or a tuple for a shape
        (``(height, width)``, or ``(kernels, height, width)``).

    Examples
    --------
    >>> sorted(numbers_quiz()) == sorted(NUMBERS)
    True
    """
    raise NotImplementedError("numbers_quiz: write your solution here")
