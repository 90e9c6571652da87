"""The checks stage: pytest, run by the grader with its own plugin.

The list of checks is fixed at collection, before any student code runs. Each
check's outcome becomes one ``CheckResult``; a check that never reports is
``not_run`` and earns nothing.
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
import os
import tempfile
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any, Literal

import pytest

from grader.checks.checker import Checker
from grader.checks.compare import CheckFailed
from grader.checks.student import StudentModule
from grader.course import Course
from grader.errors import CourseError, StudentCodeError
from grader.i18n import _
from grader.results import CheckResult, Picture, picture
from grader.sandbox import Session

PICTURES_PER_CHECK = 4
PICTURE_BUDGET = (
    1_200_000  # base64 bytes: keeps a report of a failing submission under 2 MB
)

MARKERS = (
    "points(n): how many points the check is worth (default 1)",
    "exercise(id): the exercise the check belongs to (default: from test_<id>.py)",
    "concept(text): the lesson section the check teaches, if not the exercise's",
)


class GraderPlugin:
    """Gives checks the ``student`` and ``check`` fixtures and records outcomes."""

    def __init__(
        self, course: Course, session: Session, only: frozenset[str] | None = None
    ) -> None:
        self.course = course
        self.session = session
        self.only = only
        self.collected: list[pytest.Item] = []
        self.results: dict[str, CheckResult] = {}
        self.picture_budget = PICTURE_BUDGET
        self.pictures_left_out = 0
        self._modules: dict[str, StudentModule] = {}

    def pytest_configure(self, config: pytest.Config) -> None:
        for line in MARKERS:
            config.addinivalue_line("markers", line)

    def pytest_collection_modifyitems(
        self, config: pytest.Config, items: list[pytest.Item]
    ) -> None:
        if self.only is not None:
            kept = [item for item in items if exercise_of(item) in self.only]
            config.hook.pytest_deselected(
                items=[item for item in items if item not in kept]
            )
            items[:] = kept
        self.collected = list(items)

    @pytest.fixture
    def student(self, request: pytest.FixtureRequest) -> StudentModule:
        exercise_id = exercise_of(request.node)
        if exercise_id not in self._modules:
            self._modules[exercise_id] = StudentModule(
                self.session, self.course.exercise(exercise_id)
            )
        module = self._modules[exercise_id]
        module.last_call = None
        return module

    @pytest.fixture
    def check(self, student: StudentModule) -> Checker:
        return Checker(student)

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_makereport(
        self, item: pytest.Item, call: pytest.CallInfo[None]
    ) -> pytest.TestReport:
        """Record the outcome; answer pytest with a short report.

        pytest's own report would render a source traceback of every failure,
        which nobody reads here and which costs most of a grading's time.
        """
        if call.when == "call" or (
            call.excinfo is not None and item.nodeid not in self.results
        ):
            self.results[item.nodeid] = self._record(item, call)
        error = call.excinfo.value if call.excinfo is not None else None
        skipped = isinstance(error, pytest.skip.Exception)
        outcome: Literal["passed", "failed", "skipped"] = (
            "passed" if error is None else "skipped" if skipped else "failed"
        )
        longrepr = None
        if error is not None:
            longrepr = (
                (str(item.path), 0, repr(error)[:200]) if skipped else repr(error)[:200]
            )
        return pytest.TestReport(
            item.nodeid,
            item.location,
            {},
            outcome,
            longrepr,
            "call" if call.when == "collect" else call.when,
            duration=call.duration,
            start=call.start,
            stop=call.stop,
        )

    def _blank(self, item: pytest.Item) -> CheckResult:
        """The check as collected: no points until it reports."""
        return CheckResult(
            id=check_id(item),
            exercise=exercise_of(item),
            title=title_of(item),
            visibility=self._visibility(item),
            concept=concept_of(item, self.course),
            points=0,
            max_points=points_of(item),
            status="not_run",
            message=_("Not run: the check did not report a result."),
        )

    def _record(self, item: pytest.Item, call: pytest.CallInfo[None]) -> CheckResult:
        blank = self._blank(item)
        error = call.excinfo.value if call.excinfo is not None else None
        if error is None:
            return replace(blank, points=blank.max_points, status="passed", message="")
        if isinstance(error, CheckFailed):
            shown = self._pictures(error)
            table = vars(error.table) if error.table else None
            return replace(
                blank,
                status="failed",
                message=error.message,
                hint=error.hint,
                pictures=shown,
                table=table,
            )
        if isinstance(error, pytest.skip.Exception):
            return replace(blank, message=_("Not run: the check was skipped."))
        if isinstance(error, StudentCodeError):
            return replace(
                blank, status=error.status, message=error.message, hint=error.hint
            )
        if isinstance(error, AssertionError):
            return replace(
                blank,
                status="failed",
                message=str(error) or _("The answer is not right."),
            )
        message = _(
            "The check itself failed ({kind}); this is not your fault: tell your teacher."
        ).format(kind=type(error).__name__)
        return replace(blank, status="error", message=message)

    def _pictures(self, error: CheckFailed) -> tuple[Picture, ...]:
        """At most four pictures a check, within the report's budget for pictures."""
        shown = []
        for shot in error.pictures[:PICTURES_PER_CHECK]:
            encoded = picture(shot.label, shot.image, shot.mark)
            if len(encoded.png) > self.picture_budget:
                self.pictures_left_out += 1
                continue
            self.picture_budget -= len(encoded.png)
            shown.append(encoded)
        return tuple(shown)

    def _visibility(self, item: pytest.Item) -> str:
        path = Path(str(item.path)).resolve()
        public = path.is_relative_to(self.course.public_checks.resolve())
        return "public" if public else "hidden"

    def finished(self) -> list[CheckResult]:
        """One result per collected check, in collection order; silence is not a pass."""
        return [
            self.results.get(item.nodeid) or self._blank(item)
            for item in self.collected
        ]


def exercise_of(item: Any) -> str:
    marker = item.get_closest_marker("exercise")
    if marker and marker.args:
        return str(marker.args[0])
    stem = Path(str(item.path)).stem
    return stem.removeprefix("test_")


def points_of(item: pytest.Item) -> float:
    marker = item.get_closest_marker("points")
    return float(marker.args[0]) if marker and marker.args else 1.0


def concept_of(item: pytest.Item, course: Course) -> str:
    marker = item.get_closest_marker("concept")
    if marker and marker.args:
        return _(str(marker.args[0]))
    try:
        return _(course.exercise(exercise_of(item)).section)
    except CourseError:
        return ""


def title_of(item: pytest.Item) -> str:
    function = getattr(item, "function", None)
    doc = (getattr(function, "__doc__", None) or "").strip()
    title = (
        _(doc.splitlines()[0])
        if doc
        else item.name.removeprefix("test_").replace("_", " ")
    )
    params = getattr(getattr(item, "callspec", None), "id", "")
    return f"{title} [{params}]" if params else title


def check_id(item: pytest.Item) -> str:
    return f"{exercise_of(item)}::{item.name}"


def run_checks(
    course: Course, session: Session, only: frozenset[str] | None = None
) -> tuple[list[CheckResult], int]:
    """Run the checks of ``course`` (of the exercises in ``only``, if given) against ``session``."""
    plugin = GraderPlugin(course, session, only)
    plugins: list[Any] = [plugin]
    if course.fixtures is not None:
        plugins.append(load_fixtures(course.fixtures))
    files = [str(path) for path in course.check_files()]
    if not files:
        raise CourseError(
            _("{path}: the course has no checks (test_*.py)").format(
                path=course.public_checks
            )
        )
    with tempfile.TemporaryDirectory(prefix="grade-pytest-") as scratch:
        ini = Path(scratch) / "pytest.ini"
        ini.write_text("[pytest]\n", encoding="utf-8")
        args = [
            *files,
            "-c",
            str(ini),
            "--rootdir",
            str(course.root),
            "--confcutdir",
            str(course.root),
            "--noconftest",
            "--import-mode=importlib",
            "--assert=plain",
            "--strict-markers",
            "-p",
            "no:cacheprovider",
            "-p",
            "no:stepwise",
            "-q",
            "-W",
            "ignore::pytest.PytestAssertRewriteWarning",
        ]
        with quiet_pytest():
            code = pytest.main(args, plugins=plugins)
    if code == pytest.ExitCode.INTERRUPTED:
        raise KeyboardInterrupt  # pytest caught Ctrl-C: a half-run grading is no grading
    if (
        code in (pytest.ExitCode.USAGE_ERROR, pytest.ExitCode.INTERNAL_ERROR)
        or not plugin.collected
    ):
        raise CourseError(
            _(
                "the course's checks could not be collected (pytest exit code {code})"
            ).format(code=int(code))
        )
    return plugin.finished(), plugin.pictures_left_out


@contextlib.contextmanager
def quiet_pytest() -> Iterator[None]:
    """pytest's own terminal output is not ours to show; third-party plugins stay out."""
    saved = os.environ.get("PYTEST_DISABLE_PLUGIN_AUTOLOAD")
    os.environ["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = "1"
    try:
        with (
            contextlib.redirect_stdout(io.StringIO()),
            contextlib.redirect_stderr(io.StringIO()),
        ):
            yield
    finally:
        if saved is None:
            os.environ.pop("PYTEST_DISABLE_PLUGIN_AUTOLOAD", None)
        else:
            os.environ["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = saved


def load_fixtures(path: Path) -> Any:
    """Import the course's fixtures module by path, to register it as a plugin."""
    spec = importlib.util.spec_from_file_location(
        f"course_fixtures_{abs(hash(path))}", path
    )
    if spec is None or spec.loader is None:
        raise CourseError(
            _("{path}: cannot load the course's fixtures").format(path=path)
        )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
