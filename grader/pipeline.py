"""One submission through every stage: intake, sandbox, checks, results."""

from __future__ import annotations

import platform
import tempfile
from pathlib import Path

import cv2
import numpy as np

from grader import __version__
from grader.checks.plugin import run_checks
from grader.course import Course
from grader.i18n import language, ngettext, use_course
from grader.intake import prepare
from grader.results import GradeResult, score_exercises
from grader.sandbox import Limits, Session


def grade_submission(
    submission: Path,
    course: Course,
    limits: Limits | None = None,
    whole_course: bool = False,
    label: str = "",
) -> GradeResult:
    """Grade one submission; raises SubmissionError or CourseError if it cannot.

    A single file is graded on its own exercises only, unless ``whole_course``
    (a class, where every student is graded out of the same maximum).
    ``label`` names the submission in the result (default: its file name).
    """
    use_course(course.root)
    with tempfile.TemporaryDirectory(prefix="grade-") as scratch:
        workspace = prepare(submission, course, Path(scratch) / "workspace")
        forbidden = {
            ex.id: frozenset(ex.forbidden) for ex in course.exercises if ex.forbidden
        }
        session = Session(
            workspace.path,
            limits or Limits(),
            forbidden,
            conceal=(course.root / "solutions",),
        )
        only = (
            frozenset(workspace.sources)
            if workspace.partial and not whole_course
            else None
        )
        try:
            checks, pictures_left_out = run_checks(course, session, only)
        finally:
            output = session.close()
    order = {exercise.id: index for index, exercise in enumerate(course.exercises)}
    checks.sort(
        key=lambda check: (
            order.get(check.exercise, len(order)),
            check.visibility != "public",
        )
    )
    titles = {exercise.id: exercise.title for exercise in course.exercises}
    return GradeResult(
        submission=label or submission.name,
        course=course.title,
        language=language(),
        checks=tuple(checks),
        exercises=score_exercises(tuple(checks), titles),
        notes=workspace.notes + left_out_note(pictures_left_out),
        output=output,
        environment=environment(session.isolation.name),
    )


def left_out_note(count: int) -> tuple[str, ...]:
    if not count:
        return ()
    text = ngettext(
        "{count} picture was left out to keep this report small.",
        "{count} pictures were left out to keep this report small.",
        count,
    )
    return (text.format(count=count),)


def environment(isolation: str = "process") -> dict[str, str]:
    """What graded: versions matter, since OpenCV's borders and rounding change."""
    return {
        "grader": __version__,
        "python": platform.python_version(),
        "numpy": np.__version__,
        "opencv": cv2.__version__,
        "isolation": isolation,
    }
