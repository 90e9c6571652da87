"""One submission through every stage: intake, sandbox, checks, results."""

from __future__ import annotations

import contextlib
import platform
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import cv2
import numpy as np

from grader import __version__
from grader.checks.plugin import run_checks
from grader.course import Course
from grader.i18n import _, language, ngettext, use_course
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
    with scratch_folder("grade-") as scratch:
        workspace = prepare(submission, course, scratch / "workspace")
        forbidden = forbidden_modules(course)
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
    titles = {exercise.id: _(exercise.title) for exercise in course.exercises}
    return GradeResult(
        submission=label or submission.name,
        course=_(course.title),
        language=language(),
        checks=tuple(checks),
        exercises=score_exercises(tuple(checks), titles),
        notes=workspace.notes + left_out_note(pictures_left_out),
        output=output,
        environment=environment(session.isolation.name),
    )


REFERENCE_FACTOR = 50.0
CEILING_SECONDS = 60.0


@contextlib.contextmanager
def scratch_folder(prefix: str) -> Iterator[Path]:
    """A temporary folder that is removed however deep a student's files went."""
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    try:
        yield folder
    finally:
        try:
            shutil.rmtree(folder)
        except (RecursionError, OSError):  # a tree deeper than rmtree's recursion
            subprocess.run(["rm", "-rf", "--one-file-system", str(folder)], check=False)


def fair_limits(course: Course, limits: Limits) -> Limits:
    """Per-function time limits from the reference solutions, timed in this run.

    The rule (README, "Grading a class"): a function may take 50 times as long
    as the reference's slowest call of it, at least ``limits.call_seconds`` (the
    floor, ``--timeout``) and at most 60 s (the ceiling), so a correct but naive
    loop passes on a busy machine and an endless loop still ends.
    """
    solutions = course.root / "solutions"
    if not solutions.is_dir():
        return limits
    ceiling = max(CEILING_SECONDS, limits.call_seconds)
    with scratch_folder("grade-reference-") as scratch:
        workspace = prepare(solutions, course, scratch / "workspace")
        session = Session(
            workspace.path,
            replace(limits, call_seconds=ceiling),
            forbidden_modules(course),
            conceal=(solutions,),
        )
        try:
            run_checks(course, session, None)
        finally:
            session.close()
    per_function = {
        key: round(
            min(ceiling, max(limits.call_seconds, REFERENCE_FACTOR * seconds)), 3
        )
        for key, seconds in session.durations.items()
    }
    return replace(limits, per_function=per_function)


def forbidden_modules(course: Course) -> dict[str, frozenset[str]]:
    return {ex.id: frozenset(ex.forbidden) for ex in course.exercises if ex.forbidden}


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
