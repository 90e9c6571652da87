"""Shared fixtures: the project's own course, and grading a submission in-process."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from grader.course import Course, load_course
from grader.i18n import set_language
from grader.pipeline import grade_submission
from grader.results import GradeResult
from grader.sandbox import Limits

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "submissions"
SHARED = ROOT.parent / "shared"
# Generous enough for right answers on a loaded machine; tests of endless loops pass SHORT.
FAST = Limits(call_seconds=6.0, import_seconds=10.0)
SHORT = Limits(call_seconds=2.0, import_seconds=5.0)


@pytest.fixture(autouse=True)
def english() -> None:
    set_language("en")


@pytest.fixture(scope="session")
def course() -> Course:
    return load_course(ROOT)


@pytest.fixture
def grade(course: Course) -> Callable[..., GradeResult]:
    """Grade a submission path against the project's course, with short time limits."""

    def run(submission: Path, limits: Limits = FAST) -> GradeResult:
        return grade_submission(submission, course, limits)

    return run


def by_id(result: GradeResult) -> dict[str, object]:
    return {check.id: check for check in result.checks}
