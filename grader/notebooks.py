"""Notebook submissions: a .ipynb becomes modules the worker can import.

Nothing here runs the student's code: cells are read with nbformat and
rewritten as the source of one module, ``_notebook.py``. Each top-level
statement of each code cell runs in its own ``try``, in order, so a cell that
fails (a missing data file, an uninstalled plotting library) is reported in
the printed output and the rest still runs, as it would for a student who
runs the cells one by one. IPython magics and shell escapes are skipped.
Outputs, widgets and attachments are never read. Each exercise found in the
notebook (by a cell tagged with its id, else by the functions it defines)
gets a module ``<id>.py`` that re-exports the notebook's names.
"""

from __future__ import annotations

import ast
import contextlib
import io
import json
import logging
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import nbformat

from grader.course import Exercise
from grader.errors import SubmissionError
from grader.i18n import _

MAX_NOTEBOOK_BYTES = 20 * 1024 * 1024
SKIP_TAG = "skip-grading"
NOTEBOOK_MODULE = "_notebook"

RUNNER = """\
import sys as _grader_sys
import traceback as _grader_traceback


def _grader_run(_cell, _source):
    try:
        exec(compile(_source, "<cell %s>" % _cell, "exec"), globals())
    except BaseException as _error:  # a failing cell must not stop the others
        if isinstance(_error, KeyboardInterrupt):
            raise
        _frames = [f for f in _grader_traceback.extract_tb(_error.__traceback__) if f.filename.startswith("<cell")]
        _line = _frames[-1].lineno if _frames else "?"
        print("[cell %s, line %s] %s: %s" % (_cell, _line, type(_error).__name__, _error), file=_grader_sys.stderr)

"""


@dataclass(frozen=True)
class NotebookCode:
    """What a notebook holds for grading: the module source, and where exercises are."""

    module: str
    exercises: dict[str, str]  # exercise id -> its cell: "3", or "part-2.ipynb 3"
    notes: tuple[str, ...]


def read_notebook(path: Path) -> nbformat.NotebookNode:
    """The notebook at ``path`` as nbformat v4; SubmissionError with the reason if it is not one."""
    size = path.stat().st_size
    if size > MAX_NOTEBOOK_BYTES:
        raise SubmissionError(
            _(
                "{name}: the notebook is {size} MB, more than {limit} MB; clear its outputs (Kernel > Restart & Clear Output), save and hand it in again"
            ).format(
                name=path.name, size=size // 2**20, limit=MAX_NOTEBOOK_BYTES // 2**20
            )
        )
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SubmissionError(
            _(
                "{name}: not UTF-8 text (byte {position}); save the notebook from Jupyter again"
            ).format(name=path.name, position=exc.start)
        ) from None
    if "\n<<<<<<< " in "\n" + text or "\n>>>>>>> " in text:
        raise SubmissionError(
            _(
                "{name}: holds merge-conflict markers (<<<<<<<); resolve the conflict and hand it in again"
            ).format(name=path.name)
        )
    try:
        data = json.loads(text)
    except RecursionError:
        raise SubmissionError(
            _("{name}: not a notebook (nested too deeply)").format(name=path.name)
        ) from None
    except ValueError as exc:
        raise SubmissionError(
            _("{name}: not a notebook (invalid JSON: {error})").format(
                name=path.name, error=exc
            )
        ) from None
    return to_v4(data, path.name)


def to_v4(data: object, name: str) -> nbformat.NotebookNode:
    if not isinstance(data, dict) or not isinstance(data.get("nbformat"), int):
        raise SubmissionError(
            _("{name}: not a Jupyter notebook (no nbformat version)").format(name=name)
        )
    version = data["nbformat"]
    if version not in (3, 4):
        raise SubmissionError(
            _(
                "{name}: notebook format {version} is not supported; save it with Jupyter as format 4"
            ).format(name=name, version=version)
        )
    try:
        with quiet_nbformat():
            notebook: nbformat.NotebookNode = nbformat.reads(
                json.dumps(data), as_version=4
            )
    except Exception as exc:  # noqa: BLE001 - nbformat's errors are many and undocumented
        raise SubmissionError(
            _("{name}: cannot be read as a notebook ({error})").format(
                name=name, error=type(exc).__name__
            )
        ) from None
    return notebook


@contextlib.contextmanager
def quiet_nbformat() -> Iterator[None]:
    """nbformat logs and warns about invalid notebooks; our one line says it instead."""
    logging.disable(logging.CRITICAL)
    try:
        with contextlib.redirect_stderr(io.StringIO()), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        logging.disable(logging.NOTSET)


def notebook_code(paths: list[Path], exercises: tuple[Exercise, ...]) -> NotebookCode:
    """The module source of one or more notebooks (in order) and where each exercise is."""
    parts = [RUNNER]
    notes: list[str] = []
    places: dict[str, str] = {}
    guesses: dict[str, str] = {}
    for path in paths:
        notebook = read_notebook(path)
        if notebook.metadata.get("orig_nbformat") == 3:
            notes.append(
                _("{name}: converted from notebook format 3").format(name=path.name)
            )
        cells = [cell for cell in notebook.cells if cell.get("cell_type") == "code"]
        if not cells:
            raise SubmissionError(
                _("{name}: the notebook has no code cells").format(name=path.name)
            )
        for number, cell in enumerate(cells, start=1):
            if SKIP_TAG in tags_of(cell):
                continue  # the kit's own "check your work" cell: it runs the grader
            label = f"{number}" if len(paths) == 1 else f"{path.name} {number}"
            source = cell_source(cell)
            parts += [
                f"_grader_run({label!r}, {statement!r})\n"
                for statement in split_statements(source)
            ]
            tagged, defined = tags_of(cell), defined_names(source)
            for exercise in exercises:
                if exercise.id in tagged:
                    places[exercise.id] = label
                elif defined & set(exercise.functions):
                    guesses.setdefault(exercise.id, label)
    found = {**guesses, **places}  # a tag wins over a guess by function name
    return NotebookCode("".join(parts), found, tuple(notes))


def tags_of(cell: nbformat.NotebookNode) -> set[str]:
    metadata = cell.get("metadata")
    tags = metadata.get("tags") if isinstance(metadata, dict) else None
    return (
        {tag for tag in tags if isinstance(tag, str)}
        if isinstance(tags, list)
        else set()
    )


def cell_source(cell: nbformat.NotebookNode) -> str:
    """A code cell's source with magics and shell escapes turned into ``pass``."""
    source = cell.get("source", "")
    source = "".join(source) if isinstance(source, list) else str(source)
    if source.lstrip().startswith("%%"):
        return ""  # a cell magic: the whole cell is not Python
    lines = []
    for line in source.splitlines():
        stripped = line.lstrip()
        indent = line[: len(line) - len(stripped)]
        if (
            stripped.startswith(("%", "!"))
            or is_shell_assignment(stripped)
            or (stripped.endswith("?") and stripped[:-1].strip().isidentifier())
        ):
            lines.append(f"{indent}pass  # skipped: {stripped[:60]}")
        else:
            lines.append(line)
    return "\n".join(lines) + "\n"


def is_shell_assignment(line: str) -> bool:
    """``files = !ls``: IPython's shell capture."""
    target, equals, rest = line.partition("=")
    return (
        bool(equals) and target.strip().isidentifier() and rest.lstrip().startswith("!")
    )


def split_statements(source: str) -> list[str]:
    """Top-level statements, each as its own source; a cell that does not parse stays whole."""
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return [source] if source.strip() else []
    lines = source.splitlines(keepends=True)
    statements = []
    for node in tree.body:
        start = min(
            [node.lineno, *(d.lineno for d in getattr(node, "decorator_list", []))]
        )
        end = node.end_lineno or node.lineno
        statements.append("\n" * (start - 1) + "".join(lines[start - 1 : end]))
    return statements


def defined_names(source: str) -> set[str]:
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return set()
    return {
        node.name
        for node in tree.body
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
    }


def reexport(exercise: Exercise) -> str:
    """The module of one exercise: every name the notebook defined."""
    return f"from {NOTEBOOK_MODULE} import *  # noqa: F403 - the notebook's names, for {exercise.id}\n"
