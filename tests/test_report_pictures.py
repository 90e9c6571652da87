"""Every mistake on an image is shown as pictures, in both languages."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from grader.i18n import set_language
from grader.render import html
from grader.results import GradeResult
from tests.conftest import EXAMPLES

IMAGE_EXERCISES = {
    "pixels",
    "averaging",
    "convolution",
    "morphology",
    "geometry",
    "edges",
    "padding",
    "padding_modes",
    "pooling",
    "conv_layer",
}
MISTAKES = sorted((EXAMPLES.parent / "mistakes").glob("*.py"))


@pytest.mark.parametrize("language", ["en", "ru"])
@pytest.mark.parametrize("example", MISTAKES, ids=lambda path: path.stem)
def test_a_wrong_image_comes_with_pictures(
    example: Path, language: str, grade: Callable[..., GradeResult]
) -> None:
    set_language(language)
    result = grade(example)
    compared = [
        check
        for check in result.checks
        if check.status == "failed"
        and check.exercise in IMAGE_EXERCISES
        and "pad_zero" not in check.title
        and (
            "returned" in check.message or "вернула" in check.message
        )  # a compared answer
        and "at (" not in check.message
        and "— (" not in check.message  # a 1-D row, not an image
    ]
    for check in compared:
        assert check.pictures or check.table, (check.id, check.message)
    page = html(result)
    assert page.count("data:image/png;base64,") == sum(
        len(check.pictures) for check in result.checks
    )
