"""The bundled examples grade as a teacher expects, and hostile ones cannot score."""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from grader.course import Course
from grader.results import GradeResult
from tests.conftest import EXAMPLES, ROOT, SHORT

Grade = Callable[..., GradeResult]


def points_by_exercise(result: GradeResult) -> dict[str, tuple[float, float]]:
    return {score.id: (score.points, score.max_points) for score in result.exercises}


def test_the_right_submission_scores_full_marks(grade: Grade, course: Course) -> None:
    result = grade(EXAMPLES / "right")
    assert result.score == result.max_score > 0
    assert len(result.exercises) == len(course.exercises)


def test_the_untouched_submission_is_the_current_stubs_and_scores_zero(
    grade: Grade,
) -> None:
    for stub in (EXAMPLES / "untouched").iterdir():
        assert stub.read_text(encoding="utf-8") == (
            ROOT / "exercises" / stub.name
        ).read_text(encoding="utf-8")
    result = grade(EXAMPLES / "untouched")
    assert result.score == 0
    assert {check.status for check in result.checks} == {"failed"}


@pytest.mark.parametrize(
    ("example", "exercise", "phrase"),
    [
        ("pad_one_side.py", "padding", "one side"),
        ("pad_float64.py", "padding", "np.zeros makes float64"),
        ("kernel_not_divided.py", "averaging", "divide by k*k"),
        ("slash_main_diagonal.py", "slash", "own diagonals"),
    ],
)
def test_each_example_mistake_loses_points_with_a_hint_that_names_it(
    grade: Grade, example: str, exercise: str, phrase: str
) -> None:
    result = grade(EXAMPLES / example)
    assert [score.id for score in result.exercises] == [exercise]
    failed = [check for check in result.checks if check.status == "failed"]
    assert failed, "the mistake went unnoticed"
    assert any(phrase in check.hint for check in failed), [
        check.hint for check in failed
    ]
    assert all(check.message for check in failed)
    assert 0 < result.score < result.max_score or exercise == "padding"


def hostile(tmp_path: Path, **replacements: str) -> Path:
    """The right submission with some files replaced."""
    folder = tmp_path / "submission"
    shutil.copytree(EXAMPLES / "right", folder)
    for name, source in replacements.items():
        (folder / f"{name}.py").write_text(textwrap.dedent(source), encoding="utf-8")
    return folder


def assert_only_exercise_lost(
    result: GradeResult, exercise: str, statuses: set[str]
) -> None:
    for check in result.checks:
        if check.exercise == exercise:
            assert check.points == 0 and check.status in statuses, check
        else:
            assert check.passed, check


def test_os_exit_at_import_costs_only_that_exercise(
    grade: Grade, tmp_path: Path
) -> None:
    result = grade(
        hostile(
            tmp_path,
            padding="""
        import os, sys
        print("===== 12 passed =====")
        sys.stdout.flush()
        os._exit(0)
        def pad_zero(img, p):
            return img
    """,
        )
    )
    assert_only_exercise_lost(result, "padding", {"error"})
    assert (
        "ended the Python process"
        in result.checks[[c.exercise for c in result.checks].index("padding")].message
    )


def test_an_endless_loop_in_pad_zero_times_out_once_and_the_rest_is_graded(
    grade: Grade, tmp_path: Path
) -> None:
    result = grade(
        hostile(
            tmp_path,
            padding="""
        def pad_zero(img, p):
            while True:
                pass
    """,
        ),
        SHORT,
    )
    assert_only_exercise_lost(result, "padding", {"timeout"})
    padding = [check for check in result.checks if check.exercise == "padding"]
    assert sum("earlier call" in check.message for check in padding) == len(padding) - 1


def test_answers_whose_eq_always_says_true_earn_nothing(
    grade: Grade, tmp_path: Path
) -> None:
    result = grade(
        hostile(
            tmp_path,
            slash="""
        class Yes(str):
            def __eq__(self, other):
                return True
            def __ne__(self, other):
                return False
            __hash__ = str.__hash__
        def classify_slash(img):
            return Yes("?")
    """,
            padding="""
        import numpy as np
        class Liar(np.ndarray):
            def __eq__(self, other):
                return True
            def __array_ufunc__(self, *args, **kwargs):
                return True
        class Anything:
            def __eq__(self, other):
                return True
        def pad_zero(img, p):
            return Anything() if img.ndim == 3 else np.zeros((1, 1)).view(Liar)
    """,
        )
    )
    for check in result.checks:
        if check.exercise in ("slash", "padding"):
            assert check.points == 0 and check.status == "failed", check
        else:
            assert check.passed, check


def test_a_submission_cannot_take_more_than_its_time_budget(
    grade: Grade, tmp_path: Path
) -> None:
    from grader.sandbox import Limits

    result = grade(
        hostile(
            tmp_path,
            padding="""
        import time
        import numpy as np
        def pad_zero(img, p):
            time.sleep(0.4)
            return np.pad(img, [(p, p), (p, p)] + [(0, 0)] * (img.ndim - 2))
    """,
        ),
        Limits(call_seconds=5.0, submission_seconds=1.0),
    )
    padding = [check for check in result.checks if check.exercise == "padding"]
    assert any(check.passed for check in padding)
    assert any(
        check.status == "timeout" and "used up" in check.message for check in padding
    )


def test_a_deep_tree_of_folders_is_cleaned_up_and_grading_finishes(
    grade: Grade, tmp_path: Path
) -> None:
    import tempfile

    before = set(Path(tempfile.gettempdir()).glob("grade-*"))
    result = grade(
        hostile(
            tmp_path,
            padding="""
        import os
        for _ in range(1500):
            os.mkdir("d")
            os.chdir("d")
        def pad_zero(img, p):
            return img
    """,
        )
    )
    assert result.checks
    assert set(Path(tempfile.gettempdir()).glob("grade-*")) <= before
