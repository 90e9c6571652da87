"""The intake stage: a submission becomes a clean workspace.

The workspace holds only ``<exercise>.py`` files, copied from what the student
handed in. Everything else (``conftest.py``, ``sitecustomize.py``, ``.pth``
files, caches, data) stays behind, so nothing but the exercise modules can be
imported by the worker, and nothing of the submission is ever on the grading
process's path or in its pytest configuration. Files that look meant to change
how grading runs, modules named like a library, and symbolic links (which
could point at the course's solutions) are named in the result's notes.
Sources are parsed (never run) to find functions when a file is not named
after its exercise.
"""

from __future__ import annotations

import ast
import logging
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

from grader.course import Course, Exercise
from grader.errors import SubmissionError
from grader.i18n import _

log = logging.getLogger("grader")

MAX_SOURCE_BYTES = 2 * 1024 * 1024
HOOK_FILES = frozenset(
    {
        "conftest.py",
        "pytest.ini",
        "tox.ini",
        "setup.cfg",
        "setup.py",
        "pyproject.toml",
        "sitecustomize.py",
        "usercustomize.py",
        "__init__.py",
        "__main__.py",
        "__pycache__",
    }
)
HOOK_SUFFIXES = (".pth", ".pyc", ".pyo", ".so", ".pyd")
LIBRARIES = frozenset(
    {"numpy", "cv2", "scipy", "pytest", "_pytest", "pluggy", "grader", "PIL"}
)


@dataclass(frozen=True)
class Workspace:
    """Where the worker runs: the exercise modules and nothing else."""

    path: Path
    submission: Path
    sources: dict[str, Path] = field(default_factory=dict)
    notes: tuple[str, ...] = ()


def prepare(submission: Path, course: Course, into: Path) -> Workspace:
    """Copy the exercise files of ``submission`` into the empty folder ``into``."""
    if not submission.exists():
        raise SubmissionError(
            _("{path}: no such file or folder").format(path=submission)
        )
    notes: list[str] = []
    if submission.is_dir():
        candidates = folder_candidates(submission, course, notes)
    elif submission.suffix == ".py":
        candidates = [submission]
    else:
        raise SubmissionError(
            _(
                "{path}: cannot grade a {kind} file; hand in a folder or a .py file"
            ).format(path=submission, kind=submission.suffix or _("extension-less"))
        )
    sources = match_exercises(candidates, course.exercises, notes)
    if not sources:
        names = ", ".join(exercise.filename for exercise in course.exercises)
        raise SubmissionError(
            _("{path}: no exercise found; expected files such as {names}").format(
                path=submission, names=names
            )
        )
    into.mkdir(parents=True, exist_ok=True)
    for exercise_id, source in sources.items():
        shutil.copyfile(source, into / f"{exercise_id}.py")
    ignored = sorted(p.name for p in candidates if p not in sources.values())
    if ignored:
        notes.append(
            _("Ignored files that belong to no exercise: {names}").format(
                names=", ".join(ignored)
            )
        )
    return Workspace(
        path=into, submission=submission, sources=sources, notes=tuple(notes)
    )


def folder_candidates(folder: Path, course: Course, notes: list[str]) -> list[Path]:
    """The ``.py`` files of ``folder`` that may hold exercises; notes for those set aside."""
    exercise_files = {exercise.filename for exercise in course.exercises}
    candidates: list[Path] = []
    aside: dict[str, list[str]] = {}
    for path in sorted(folder.iterdir()):
        reason = set_aside(path, exercise_files)
        if reason:
            aside.setdefault(reason, []).append(path.name)
        elif path.suffix == ".py" and path.is_file():
            candidates.append(path)
    for reason, names in aside.items():
        notes.append(reason.format(names=", ".join(names)))
    return candidates


def set_aside(path: Path, exercise_files: set[str]) -> str:
    """Why a folder entry must not be graded, as a note template; '' if it may be."""
    if path.is_symlink():
        return _("Ignored symbolic links (only real files are graded): {names}")
    if path.name in exercise_files:
        return ""
    if path.name in HOOK_FILES or path.suffix in HOOK_SUFFIXES:
        return _("Ignored files that could change how grading runs: {names}")
    if path.suffix == ".py" and (
        path.stem in sys.stdlib_module_names or path.stem in LIBRARIES
    ):
        return _(
            "Ignored modules named like a library module (rename each after its exercise): {names}"
        )
    return ""


def match_exercises(
    candidates: list[Path], exercises: tuple[Exercise, ...], notes: list[str]
) -> dict[str, Path]:
    """Map exercise ids to source files: by file name first, then by function names."""
    readable = [path for path in candidates if _readable(path, notes)]
    by_name = {path.name: path for path in readable}
    sources = {
        ex.id: by_name[ex.filename] for ex in exercises if ex.filename in by_name
    }
    defined = {
        path: defined_functions(path)
        for path in readable
        if path not in sources.values()
    }
    for exercise in exercises:
        if exercise.id in sources:
            continue
        for path, names in defined.items():
            if names & set(exercise.functions):
                sources[exercise.id] = path
                break
    return sources


def _readable(path: Path, notes: list[str]) -> bool:
    try:
        size = path.stat().st_size
    except OSError as exc:
        notes.append(
            _("{name}: cannot be read ({error})").format(
                name=path.name, error=exc.strerror
            )
        )
        return False
    if size > MAX_SOURCE_BYTES:
        notes.append(
            _("{name}: skipped, larger than {limit} MB").format(
                name=path.name, limit=MAX_SOURCE_BYTES // 2**20
            )
        )
        return False
    return True


def defined_functions(path: Path) -> set[str]:
    """Names of the top-level functions in a source file, without running it."""
    try:
        tree = ast.parse(path.read_bytes(), filename=path.name)
    except (SyntaxError, ValueError, RecursionError, MemoryError, OSError):
        return set()
    return {
        node.name
        for node in tree.body
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
    }
