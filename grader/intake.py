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
import stat
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path

from grader.archives import unpack
from grader.course import Course, Exercise
from grader.errors import SubmissionError
from grader.i18n import _
from grader.notebooks import NOTEBOOK_MODULE, notebook_code, reexport

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
    """Where the worker runs: the exercise modules and nothing else.

    ``partial`` is true for a single file (a .py or a notebook): only the
    exercises it holds are graded.
    """

    path: Path
    submission: Path
    sources: dict[str, Path] = field(default_factory=dict)
    notes: tuple[str, ...] = ()
    partial: bool = False


def prepare(submission: Path, course: Course, into: Path) -> Workspace:
    """Turn ``submission`` (folder, .py, .ipynb or .zip) into the workspace ``into``."""
    if not submission.exists():
        raise SubmissionError(
            _("{path}: no such file or folder").format(path=submission)
        )
    notes: list[str] = []
    if (
        submission.is_symlink()
    ):  # the teacher named a link: what it points to is the submission
        submission = submission.resolve()
    if submission.suffix.lower() == ".zip" and regular_file(submission):
        unpacked = unpack(submission, into.parent / "unpacked")
        notes.extend(unpacked.notes)
        workspace = prepare_folder(
            unpacked.folder, course, into, notes, shown=submission
        )
        return replace(workspace, submission=submission)
    if submission.is_dir():
        return prepare_folder(submission, course, into, notes)
    if submission.suffix.lower() == ".ipynb" and regular_file(submission):
        return prepare_notebook([submission], course, into, notes)
    if submission.suffix.lower() == ".py" and regular_file(submission):
        return finish(submission, [submission], course, into, notes, partial=True)
    raise SubmissionError(
        _(
            "{path}: cannot grade a {kind} file; hand in a folder, a .py, a .ipynb or a .zip file"
        ).format(path=submission, kind=submission.suffix or _("extension-less"))
    )


def regular_file(path: Path) -> bool:
    """A real file: not a link, a folder, a pipe or a device that would block a read."""
    try:
        return stat.S_ISREG(path.lstat().st_mode)
    except OSError:
        return False


def prepare_folder(
    folder: Path,
    course: Course,
    into: Path,
    notes: list[str],
    shown: Path | None = None,
) -> Workspace:
    """A folder of exercise files, or of one notebook; ``shown`` names it in messages."""
    nested = folder / "exercises"
    exercise_files = {exercise.filename for exercise in course.exercises}
    if (
        nested.is_dir()
        and not nested.is_symlink()
        and not any((folder / name).is_file() for name in exercise_files)
    ):
        folder = nested  # a whole kit, or a repository made from it
    archives = [
        p for p in folder.iterdir() if p.suffix.lower() == ".zip" and regular_file(p)
    ]
    if len(archives) == 1 and not any(
        p.suffix in (".py", ".ipynb") for p in folder.iterdir()
    ):
        unpacked = unpack(
            archives[0], into.parent / "unpacked"
        )  # an LMS folder holding the student's zip
        notes.extend(unpacked.notes)
        folder = unpacked.folder
    candidates = folder_candidates(folder, course, notes)
    notebooks = sorted(
        p for p in folder.iterdir() if p.suffix == ".ipynb" and regular_file(p)
    )
    exercise_files = {exercise.filename for exercise in course.exercises}
    if notebooks and not any(p.name in exercise_files for p in candidates):
        workspace = prepare_notebook(notebooks, course, into, notes)
        return replace(workspace, submission=folder, partial=False)
    return finish(folder, candidates, course, into, notes, partial=False, shown=shown)


def prepare_notebook(
    notebooks: list[Path], course: Course, into: Path, notes: list[str]
) -> Workspace:
    """One or more notebooks (a kit's parts, in name order) as one workspace."""
    code = notebook_code(notebooks, course.exercises)
    notes.extend(code.notes)
    shown = notebooks[0] if len(notebooks) == 1 else notebooks[0].parent
    if not code.exercises:
        names = ", ".join(
            name for exercise in course.exercises for name in exercise.functions[:1]
        )
        raise SubmissionError(
            _(
                "{path}: no exercise found in the notebook; expected cells tagged with an exercise id or defining functions such as {names}"
            ).format(path=shown, names=names)
        )
    into.mkdir(parents=True, exist_ok=True)
    copy_data(course, into)
    (into / f"{NOTEBOOK_MODULE}.py").write_text(code.module, encoding="utf-8")
    for exercise in course.exercises:
        if exercise.id in code.exercises:
            (into / exercise.filename).write_text(reexport(exercise), encoding="utf-8")
    sources = {exercise_id: shown for exercise_id in code.exercises}
    return Workspace(into, shown, sources, tuple(notes), partial=True)


def finish(
    submission: Path,
    candidates: list[Path],
    course: Course,
    into: Path,
    notes: list[str],
    partial: bool,
    shown: Path | None = None,
) -> Workspace:
    sources = match_exercises(candidates, course.exercises, notes)
    if not sources:
        raise SubmissionError(
            nothing_found(submission, candidates, course, notes, shown or submission)
        )
    into.mkdir(parents=True, exist_ok=True)
    copy_data(course, into)
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
        path=into,
        submission=submission,
        sources=sources,
        notes=tuple(notes),
        partial=partial,
    )


def nothing_found(
    submission: Path,
    candidates: list[Path],
    course: Course,
    notes: list[str],
    shown: Path,
) -> str:
    """Why no exercise was found in ``submission`` (named ``shown``), with what would help."""
    unparsable = [path for path in candidates if syntax_error(path)]
    if unparsable:
        first = unparsable[0]
        return _("{path}: no exercise found; {name} does not parse: {error}").format(
            path=shown, name=first.name, error=syntax_error(first)
        )
    exercise_files = {exercise.filename for exercise in course.exercises}
    if submission.is_dir() and any(
        sub.is_dir() and any((sub / name).is_file() for name in exercise_files)
        for sub in submission.iterdir()
    ):
        return _(
            "{path}: the exercise files are in its subfolders; to grade a class, run: grade batch {path} --out DIR"
        ).format(path=shown)
    names = ", ".join(exercise.filename for exercise in course.exercises[:4])
    found = "; ".join(notes)
    message = _("{path}: no exercise found; expected files such as {names}").format(
        path=shown, names=names
    )
    return f"{message} ({found})" if found else message


def syntax_error(path: Path) -> str:
    try:
        ast.parse(path.read_bytes(), filename=path.name)
    except SyntaxError as exc:
        return _("{kind} at line {line}: {message}").format(
            kind=type(exc).__name__, line=exc.lineno, message=exc.msg
        )
    except (ValueError, RecursionError, MemoryError, OSError):
        return ""
    return ""


def copy_data(course: Course, into: Path) -> None:
    """The course's public pictures, where a student's code may open them (``data/...``)."""
    data = course.root / "exercises" / "data"
    if data.is_dir():
        shutil.copytree(data, into / "data", symlinks=False)


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
