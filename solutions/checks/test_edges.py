"""Hidden checks: edge responses, their saturated sum, the gradient magnitude, and the edge quiz (answer key).

The notebook names K1 and K2 the wrong way round; these checks follow the
arithmetic: K1 (bottom row minus top row) answers horizontal edges.
"""

import cv2
import numpy as np
import pytest

from grader.checks import Mistake, _

pytestmark = pytest.mark.exercise("edges")

K1 = np.array([[-1, -1, -1], [0, 0, 0], [1, 1, 1]], np.float32)
K2 = K1.T.copy()
DIAGONAL = np.array([[0, 1, 2], [-1, 0, 1], [-2, -1, 0]], np.float32)


def stripes(images):
    """A dark band above a bright one, and a bright bar on the right: edges of both kinds."""
    img = np.full((9, 12), 40, np.uint8)
    img[5:] = 200
    img[:, 9:] = 120
    return img


PICTURES = {
    "camera photo": lambda images: images.camera,
    "colour photo": lambda images: images.chelsea,
    "bands and a bar 9x12": stripes,
    "checkerboard 9x12": lambda images: images.checkerboard(9, 12),
    "colour 7x5 gradient": lambda images: images.gradient(7, 5, channels=3),
}
PHOTOS = {"camera photo", "colour photo"}
PARAMS = [
    pytest.param(name, marks=pytest.mark.points(2 if name in PHOTOS else 1))
    for name in PICTURES
]

NOT_UINT8 = _(
    "Keep ddepth -1, as the lesson does: a uint8 picture gives a uint8 response, negative values "
    "clipped to 0."
)
SWAPPED = {
    "horizontal_edges": _(
        "This is the response to vertical edges (K1.T). The notebook's titles swap the two; work it out: K1 "
        "subtracts the row above from the row below, so it answers changes from top to bottom, along horizontal "
        "edges."
    ),
    "vertical_edges": _(
        "This is the response to horizontal edges (K1). The notebook's titles swap the two; work it out: K1.T "
        "subtracts the left column from the right one, so it answers changes from left to right, along vertical "
        "edges."
    ),
}
NEGATED = _(
    "Your kernel has the opposite sign (or is turned by 180 degrees, which here is the same): with uint8 output "
    "it keeps the opposite edges, the ones whose response should be clipped to 0. Use the kernel exactly as the "
    "lesson writes it."
)


def unlike(hint, make_answer, expected):
    """A known wrong answer, named only where it differs from the right one."""

    def matches(got):
        answer = make_answer()
        return not np.array_equal(answer, expected) and np.array_equal(got, answer)

    return Mistake(hint, when=matches)


def response_mistakes(name, img, kernel, expected):
    other = K2 if name == "horizontal_edges" else K1
    mistakes = [
        Mistake(NOT_UINT8, when=lambda got: got.dtype != np.uint8),
        unlike(NEGATED, lambda: cv2.filter2D(img, -1, -kernel), expected),
    ]
    if name in SWAPPED:
        mistakes.insert(
            1, unlike(SWAPPED[name], lambda: cv2.filter2D(img, -1, other), expected)
        )
    if name == "diagonal_edges":
        mistakes.append(
            unlike(
                _(
                    "Your kernel answers the other diagonal (it is mirrored left to right). Use the lesson's kernel "
                    "exactly as written: [[0, 1, 2], [-1, 0, 1], [-2, -1, 0]]."
                ),
                lambda: cv2.filter2D(img, -1, np.ascontiguousarray(kernel[:, ::-1])),
                expected,
            )
        )
    return mistakes


RESPONSES = {"horizontal_edges": K1, "vertical_edges": K2, "diagonal_edges": DIAGONAL}


@pytest.mark.parametrize("picture", PARAMS)
@pytest.mark.parametrize("name", list(RESPONSES))
def test_edge_response(student, check, images, name, picture):
    """the edge response equals cv2.filter2D with the right kernel"""
    img = PICTURES[picture](images)
    kernel = RESPONSES[name]
    expected = cv2.filter2D(img, -1, kernel)
    got = getattr(student, name)(img)
    check.array(got, expected, mistakes=response_mistakes(name, img, kernel, expected))


@pytest.mark.parametrize("picture", PARAMS)
def test_all_edges_saturates(student, check, images, picture):
    """all_edges is the saturated sum of the two responses"""
    img = PICTURES[picture](images)
    horizontal, vertical = cv2.filter2D(img, -1, K1), cv2.filter2D(img, -1, K2)
    expected = cv2.add(horizontal, vertical)
    got = student.all_edges(img)
    raw = cv2.filter2D(img, cv2.CV_32F, K1) + cv2.filter2D(img, cv2.CV_32F, K2)
    mistakes = [
        Mistake(NOT_UINT8, when=lambda got: got.dtype != np.uint8),
        unlike(
            _(
                "Sums above 255 wrapped around: + on uint8 arrays counts modulo 256. Add the two responses with "
                "cv2.add, which stops at 255."
            ),
            lambda: horizontal + vertical,
            expected,
        ),
        unlike(
            _(
                "You added the raw responses, so a negative one cancels a positive one. Clip each to 0..255 first "
                "(that is what filter2D with ddepth -1 does), then add them with cv2.add."
            ),
            lambda: np.clip(raw, 0, 255).astype(np.uint8),
            expected,
        ),
    ]
    check.array(got, expected, mistakes=mistakes)


@pytest.mark.parametrize("picture", PARAMS)
def test_gradient_magnitude(student, check, images, picture):
    """gradient_magnitude is sqrt(gx² + gy²) of the float32 responses"""
    img = PICTURES[picture](images)
    gx, gy = cv2.filter2D(img, cv2.CV_32F, K2), cv2.filter2D(img, cv2.CV_32F, K1)
    expected = np.sqrt(gx * gx + gy * gy)
    clipped_x, clipped_y = (
        cv2.filter2D(img, -1, k).astype(np.float32) for k in (K2, K1)
    )
    got = student.gradient_magnitude(img)
    mistakes = [
        Mistake(
            _("The magnitude is right but its dtype is not: return float32."),
            when=lambda got: (
                got.dtype != np.float32
                and got.dtype.kind == "f"
                and np.allclose(got, expected, atol=1e-2)
            ),
        ),
        Mistake(
            _(
                "Return float32: a magnitude can be larger than 255 and has fractions, so uint8 cannot hold it."
            ),
            when=lambda got: got.dtype != np.float32,
        ),
        Mistake(
            _(
                "Negative responses are missing: with ddepth -1 filter2D clips them to 0 before you combine them. "
                "Compute gx and gy with ddepth cv2.CV_32F."
            ),
            answer=lambda: np.sqrt(clipped_x**2 + clipped_y**2),
            atol=1e-2,
        ),
        Mistake(
            _(
                "That is |gx| + |gy|, a quicker stand-in; the exercise asks for sqrt(gx**2 + gy**2)."
            ),
            answer=lambda: np.abs(gx) + np.abs(gy),
            atol=1e-2,
        ),
    ]
    check.array(got, expected, atol=1e-2, mistakes=mistakes)


QUIZ = {"horizontal": "K1", "vertical": "K2", "uint8_keeps": "dark_above_bright"}
WHY = {
    "horizontal": _(
        "K1 subtracts the row above from the row below: it answers changes from top to bottom, which is "
        "what a horizontal edge is. The notebook's titles say the opposite; try K1 on a picture."
    ),
    "vertical": _(
        "K2 = K1.T subtracts the left column from the right one: it answers changes from left to right, "
        "along a vertical edge."
    ),
    "uint8_keeps": _(
        "K1's response is below minus above: positive where the picture gets brighter going down, "
        "that is a dark region above a bright one. Negative responses are clipped to 0."
    ),
}


@pytest.mark.parametrize("question", list(QUIZ))
def test_edge_quiz(student, check, question):
    """edge_quiz answers which kernel finds which edges"""
    answers = student.edge_quiz()
    if not isinstance(answers, dict):
        check.fail(
            _("returned {type}; expected a dict from questions to answers.").format(
                type=type(answers).__name__
            )
        )
    check.equal(
        answers.get(question),
        QUIZ[question],
        hint=WHY[question],
        what=_("edge_quiz()[{question!r}]").format(question=question),
        reveal=False,
    )
