"""The course closes its loop, exercise by exercise.

Every exercise of course.toml has a solution, a stub, public and hidden
checks; its solution earns every point and its stub none. (The whole-course
totals are in test_cli.py.)
"""

from __future__ import annotations

import contextlib
import doctest
import importlib.util
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from grader.course import Course, load_course
from grader.intake import defined_functions
from grader.results import GradeResult
from tests.conftest import ROOT

Grade = Callable[..., GradeResult]
EXERCISES = [exercise.id for exercise in load_course(ROOT).exercises]


@pytest.fixture(scope="module")
def graded_solutions(course: Course) -> GradeResult:
    from grader.pipeline import grade_submission

    return grade_submission(ROOT / "solutions", course)


@pytest.fixture(scope="module")
def graded_stubs(course: Course) -> GradeResult:
    from grader.pipeline import grade_submission

    return grade_submission(ROOT / "exercises", course)


@pytest.mark.parametrize("exercise_id", EXERCISES)
def test_every_exercise_has_its_files(course: Course, exercise_id: str) -> None:
    exercise = course.exercise(exercise_id)
    for folder in (ROOT / "solutions", ROOT / "exercises"):
        assert set(exercise.functions) <= defined_functions(
            folder / exercise.filename
        ), folder
    for folder in (course.public_checks, course.hidden_checks):
        assert (folder / f"test_{exercise_id}.py").is_file(), folder


@pytest.mark.parametrize("exercise_id", EXERCISES)
def test_the_solution_earns_every_point_of_its_exercise(
    graded_solutions: GradeResult, exercise_id: str
) -> None:
    checks = [
        check for check in graded_solutions.checks if check.exercise == exercise_id
    ]
    assert {check.visibility for check in checks} == {"public", "hidden"}
    assert [check for check in checks if not check.passed] == []


@pytest.mark.parametrize("exercise_id", EXERCISES)
def test_the_stub_earns_nothing_and_says_not_implemented(
    graded_stubs: GradeResult, exercise_id: str
) -> None:
    checks = [check for check in graded_stubs.checks if check.exercise == exercise_id]
    assert checks and all(check.points == 0 for check in checks)
    assert all("not implemented yet" in check.message for check in checks), [
        check.message for check in checks
    ]


def test_no_function_name_belongs_to_two_exercises(course: Course) -> None:
    """A single handed-in file is matched to exercises by the names of its functions."""
    names = Counter(
        name for exercise in course.exercises for name in exercise.functions
    )
    assert [name for name, count in names.items() if count > 1] == []


def solution_modules() -> list[Path]:
    return sorted(ROOT / "solutions" / f"{exercise_id}.py" for exercise_id in EXERCISES)


def scalars_print_as_numbers() -> contextlib.AbstractContextManager[object]:
    """NumPy 2 prints np.float32(1.0) where NumPy 1 printed 1.0; compare the values, not the spelling."""
    if int(np.__version__.split(".")[0]) >= 2:
        return np.printoptions(legacy="1.25")
    return contextlib.nullcontext()


@pytest.mark.parametrize("path", solution_modules(), ids=lambda path: path.stem)
def test_the_examples_in_the_docstrings_run(path: Path) -> None:
    spec = importlib.util.spec_from_file_location(f"solution_{path.stem}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    with scalars_print_as_numbers():
        failures, tried = doctest.testmod(
            module, optionflags=doctest.NORMALIZE_WHITESPACE
        )
    assert failures == 0
    assert tried > 0
