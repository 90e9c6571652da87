"""``grade ci``: grading where students look, in a pull request.

On GitHub Actions (``GITHUB_ACTIONS=true``) it writes a Markdown job summary
(``GITHUB_STEP_SUMMARY``), ``score`` and ``max_score`` outputs
(``GITHUB_OUTPUT``) and error annotations at the line where each failing
exercise's function is defined. Everything printed in between is fenced by
``::stop-commands::`` with a random token, so no text from the submission can
be read by the runner as a workflow command; annotation texts are escaped as
the runner expects. Elsewhere it writes JUnit XML and the same Markdown to
files.
"""

from __future__ import annotations

import ast
import dataclasses
import html
import os
import re
import secrets
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from grader.course import Course
from grader.i18n import _
from grader.render import number, safe_text, visibility_line
from grader.results import CheckResult, GradeResult

# One pass, so an entity is never escaped again: no table break, code, link,
# image, emphasis or quote from a submission survives in the job summary.
MARKDOWN_ENTITIES = str.maketrans(
    {char: f"&#{ord(char)};" for char in "|`[]()!*_~#\"'"}
)
MAX_ANNOTATIONS = 10  # GitHub shows at most ten error annotations of a step
MAX_SOURCE_BYTES = 2 * 1024 * 1024
MAX_ROWS = 50
CALLED = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)\(")


def on_github() -> bool:
    return os.environ.get("GITHUB_ACTIONS") == "true"


def escape_data(text: str) -> str:
    """A workflow command's message: the runner reads %, CR and LF specially."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A workflow command's property value: also : and , are special."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


@contextmanager
def commands_off(stream: TextIO) -> Iterator[None]:
    """While inside, the runner reads no line as a workflow command."""
    token = secrets.token_hex(16)
    print(f"::stop-commands::{token}", file=stream, flush=True)
    try:
        yield
    finally:
        print(f"::{token}::", file=stream, flush=True)


def markdown_cell(text: str) -> str:
    """Text from a submission, safe inside a Markdown table cell: no HTML, no table breaks."""
    escaped = html.escape(safe_text(text), quote=False).translate(MARKDOWN_ENTITIES)
    return escaped.replace("\n", "<br>")


def markdown_summary(result: GradeResult) -> str:
    score = _("Score: {score} / {max_score}").format(
        score=number(result.score), max_score=number(result.max_score)
    )
    exercise, points = _("Exercise"), _("Points")
    lines = [
        f"## {markdown_cell(score)}",
        "",
        f"| {exercise} | {points} |",
        "| --- | ---: |",
    ]
    lines += [
        f"| {markdown_cell(e.title)} | {number(e.points)} / {number(e.max_points)} |"
        for e in result.exercises
    ]
    failed = [check for check in result.checks if not check.passed]
    if failed:
        heading, check_word, what, how = (
            _("Checks to fix"),
            _("check"),
            _("What happened"),
            _("How to go on"),
        )
        lines += [
            "",
            f"### {heading}",
            "",
            f"| {check_word} | {what} | {how} |",
            "| --- | --- | --- |",
        ]
        lines += [
            f"| {markdown_cell(check.title)} | {markdown_cell(check.message[:600])} | {markdown_cell(check.hint[:400])} |"
            for check in failed[:MAX_ROWS]
        ]
        if len(failed) > MAX_ROWS:
            more = _(
                "{count} more checks to fix: see the report (grade-report.html) among the run's artifacts."
            )
            lines += ["", markdown_cell(more.format(count=len(failed) - MAX_ROWS))]
    lines += ["", markdown_cell(visibility_line(result))]
    return "\n".join(lines) + "\n"


def definition_line(source: Path, function: str) -> int:
    """The line where ``function`` is defined in ``source``; 1 if it is not found or not a plain file."""
    try:
        info = source.lstat()
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_SOURCE_BYTES:
            return 1
        tree = ast.parse(source.read_bytes())
    except (SyntaxError, ValueError, OSError, RecursionError, MemoryError):
        return 1
    for node in tree.body:
        if (
            isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
            and node.name == function
        ):
            return node.lineno
    return 1


def annotation(check: CheckResult, submission: Path, course: Course, root: Path) -> str:
    """``::error file=...,line=...::`` for a failed check, at the student's function."""
    source = submission / f"{check.exercise}.py" if submission.is_dir() else submission
    match = CALLED.match(check.message)
    functions = [match.group(1)] if match else []
    try:
        functions += list(course.exercise(check.exercise).functions)
    except Exception:  # noqa: BLE001 - an exercise the course no longer has
        pass
    line = next(
        (
            definition_line(source, f)
            for f in functions
            if definition_line(source, f) > 1
        ),
        1,
    )
    shown = repository_path(source, root)
    title = escape_property(f"{check.exercise}: {check.title}"[:200])
    message = escape_data(
        safe_text(" ".join(part for part in (check.message, check.hint) if part))[:1000]
    )
    return f"::error file={escape_property(shown)},line={line},title={title}::{message}"


def repository_path(source: Path, root: Path) -> str:
    """The file's path in its repository, as the pull request's diff names it."""
    folder = source.parent.absolute()
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():
            return (
                (source.parent.absolute() / source.name)
                .relative_to(candidate)
                .as_posix()
            )
        if candidate == root.absolute():
            break
    try:
        return (
            (source.parent.absolute() / source.name)
            .relative_to(root.absolute())
            .as_posix()
        )
    except ValueError:
        return source.name


def sealed_view(result: GradeResult) -> GradeResult:
    """What a pull request may show of hidden checks: pass or fail, never their inputs or answers."""
    shown = tuple(
        dataclasses.replace(
            check,
            message=_(
                "A hidden check did not pass; its inputs stay hidden. Test your function on more cases of your own."
            ),
            hint="",
            pictures=(),
            table=None,
        )
        if check.visibility == "hidden" and not check.passed
        else check
        for check in result.checks
    )
    return dataclasses.replace(result, checks=shown, output="")


def run_identity() -> dict[str, str]:
    """What a signed result is about, so it cannot be handed in for another run."""
    names = {
        "repository": "GITHUB_REPOSITORY",
        "commit": "GITHUB_SHA",
        "run": "GITHUB_RUN_ID",
        "ref": "GITHUB_REF",
    }
    return {
        key: os.environ[name] for key, name in names.items() if os.environ.get(name)
    }


def github_report(
    result: GradeResult, submission: Path, course: Course, stream: TextIO
) -> None:
    """Summary, outputs and annotations, as the runner reads them."""
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary:
        with open(summary, "a", encoding="utf-8") as file:
            file.write(markdown_summary(result))
    outputs = os.environ.get("GITHUB_OUTPUT")
    if outputs:
        with open(outputs, "a", encoding="utf-8") as file:
            file.write(
                f"score={number(result.score)}\nmax_score={number(result.max_score)}\n"
            )
    root = Path(os.environ.get("GITHUB_WORKSPACE", os.getcwd()))
    seen: set[str] = set()
    for check in result.checks:
        if (
            not check.passed
            and check.exercise not in seen
            and len(seen) < MAX_ANNOTATIONS
        ):
            seen.add(check.exercise)  # one annotation per exercise: the first failure
            print(annotation(check, submission, course, root), file=stream)
