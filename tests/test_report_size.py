"""A report of a submission that fails everything stays small enough to mail and open."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from grader.course import Course
from grader.render import html
from grader.results import GradeResult

NOISE = """
import numpy as np

def _noise(*args, **kwargs):
    for arg in args:
        if isinstance(arg, np.ndarray) and arg.ndim >= 2 and arg.size > 49:
            return np.random.default_rng(0).integers(0, 256, arg.shape).astype(arg.dtype)
    return np.random.default_rng(1).random((3, 3))
"""

LIMIT = 2 * 1024 * 1024


def test_a_report_failing_everything_with_pictures_stays_under_2_mb(
    tmp_path: Path, course: Course, grade: Callable[..., GradeResult]
) -> None:
    names = sorted(
        {name for exercise in course.exercises for name in exercise.functions}
    )
    source = NOISE + "".join(f"{name} = _noise\n" for name in names)
    folder = tmp_path / "noise"
    folder.mkdir()
    for exercise in course.exercises:
        (folder / exercise.filename).write_text(source, encoding="utf-8")
    result = grade(folder)
    assert result.score < result.max_score / 4
    assert sum(len(check.pictures) for check in result.checks) >= 10
    page = html(result)
    assert len(page.encode("utf-8")) < LIMIT
