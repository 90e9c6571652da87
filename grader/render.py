"""The render stage: a GradeResult as HTML, JSON and a terminal table.

Renderers only present. Every text that may come from a submission is escaped
for its medium: Jinja2 autoescaping (and a Content-Security-Policy that allows
no script) in HTML, control characters made visible in the terminal.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path
from typing import TextIO

import jinja2
from rich.console import Console
from rich.table import Table
from rich.text import Text

from grader.i18n import _, language, ngettext, pgettext, translations
from grader.results import CheckResult, GradeResult

_CONTROL = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
)
_BIDI = re.compile(r"[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
STATUS_SYMBOLS = {
    "passed": "✔",
    "failed": "✘",
    "error": "!",
    "timeout": "⧗",
    "oom": "!",
    "not_run": "–",
}


def template_folder() -> Path:
    """``templates/`` beside the package (a checkout) or inside it (a wheel)."""
    here = Path(__file__).resolve().parent
    for folder in (here / "templates", here.parent / "templates"):
        if folder.is_dir():
            return folder
    raise FileNotFoundError("the grader's templates folder is missing")


def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(template_folder()),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=no_bidi,
    )
    env.install_gettext_translations(translations(), newstyle=True)  # type: ignore[attr-defined]
    env.filters["number"] = number
    env.globals["symbols"] = STATUS_SYMBOLS
    return env


def no_bidi(value: object) -> object:
    """Every value a template prints: bidi controls made visible, so text cannot reorder itself."""
    if isinstance(value, str):
        return _BIDI.sub(lambda match: f"\\u{ord(match.group()):04x}", value)
    return value


def number(value: float) -> str:
    """Points as people write them: 3, 2.5."""
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def status_label(status: str) -> str:
    labels = {
        "passed": _("passed"),
        "failed": _("failed"),
        "error": _("error"),
        "timeout": _("timeout"),
        "oom": _("out of memory"),
        "not_run": _("not run"),
    }
    return labels.get(status, status)


def count_label(status: str) -> str:
    """A status as a heading for a count: 'failed: 3'."""
    labels = {
        "passed": pgettext("count", "passed"),
        "failed": pgettext("count", "failed"),
        "error": pgettext("count", "errors"),
        "timeout": pgettext("count", "timeouts"),
        "oom": pgettext("count", "out of memory"),
        "not_run": pgettext("count", "not run"),
    }
    return labels.get(status, status)


def html(result: GradeResult) -> str:
    """The report: one self-contained HTML file."""
    template = environment().get_template("report.html.j2")
    return template.render(
        result=result,
        lang=language(),
        status_label=status_label,
        count_label=count_label,
        loop_index=lambda result, check: result.checks.index(check),
        groups=failure_groups(result),
        visibility=visibility_line(result),
    )


def safe_text(text: str) -> str:
    """Make control and bidi characters visible, so output cannot steer a terminal."""
    return _CONTROL.sub(lambda match: f"\\x{ord(match.group()):02x}", text)


def indented(text: str) -> str:
    """A message on its own lines, every one indented: it cannot pass for a line of ours."""
    return safe_text(text).replace("\n", "\n    ")


def terminal(
    result: GradeResult, stream: TextIO | None = None, report: str = ""
) -> None:
    """Points per exercise, then each check that did not pass, the score last."""
    stream = stream or sys.stdout
    console = Console(
        file=stream,
        no_color="NO_COLOR" in os.environ,
        highlight=False,
        width=None if stream.isatty() else 10_000,  # a log or a pipe: one line per line
        soft_wrap=not stream.isatty(),
    )
    summary = Table(box=None, pad_edge=False, show_header=True, header_style="bold")
    summary.add_column(_("exercise"))
    summary.add_column(_("points"), justify="right")
    for exercise in result.exercises:
        summary.add_row(
            Text(safe_text(exercise.title)),
            Text(f"{number(exercise.points)}/{number(exercise.max_points)}"),
        )
    console.print(summary)
    styles = {"failed": "red", "timeout": "yellow", "oom": "yellow"}
    for group in failure_groups(result):
        first = group[0]
        symbol = STATUS_SYMBOLS.get(first.status, "?")
        line = Text(
            f"{symbol} {status_label(first.status)} ",
            style=styles.get(first.status, "magenta"),
        )
        line.append(safe_text(f"{first.title}"), style="bold")
        line.append(f"  {number(first.points)}/{number(first.max_points)}")
        if len(group) > 1:
            line.append(
                " "
                + ngettext(
                    "(and {count} more check like it)",
                    "(and {count} more checks like it)",
                    len(group) - 1,
                ).format(count=len(group) - 1)
            )
        line.append(f"\n    {indented(shorten(first.message))}")
        if first.hint:
            line.append(
                "\n    " + _("Hint: ") + indented(shorten(first.hint)), style="italic"
            )
        console.print(line)
    for note in result.notes:
        console.print(Text(indented(note), style="dim"))
    console.print(Text(visibility_line(result), style="dim"))
    if report:
        console.print(Text(_("Full feedback: {path}").format(path=safe_text(report))))
    counts = ", ".join(
        f"{count_label(status)}: {count}"
        for status, count in result.counts().items()
        if count
    )

    score = _("Score: {score} / {max_score} ({counts})").format(
        score=number(result.score), max_score=number(result.max_score), counts=counts
    )
    console.print(Text(score, style="bold"))


def visibility_line(result: GradeResult) -> str:
    """Which checks counted: a student's own run sees only the public ones."""
    hidden = sum(1 for check in result.checks if check.visibility == "hidden")
    public = len(result.checks) - hidden
    if hidden:
        return _("Checks: {public} public, {hidden} hidden.").format(
            public=public, hidden=hidden
        )
    return _(
        "Checks: {public} public only; your teacher grades with more checks of the same kind."
    ).format(public=public)


def failure_groups(result: GradeResult) -> list[list[CheckResult]]:
    """Checks that did not pass, those of one exercise with the same feedback together."""
    groups: dict[tuple[str, str, str, str], list[CheckResult]] = {}
    for check in result.checks:
        if not check.passed:
            groups.setdefault(
                (check.exercise, check.status, check.message, check.hint), []
            ).append(check)
    return list(groups.values())


def shorten(text: str, limit: int = 600) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
