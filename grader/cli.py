"""The ``grade`` command: a thin face over the stages."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable
from enum import IntEnum
from pathlib import Path

from grader import __version__
from grader.course import load_course
from grader.errors import GraderError
from grader.i18n import LANGUAGES, _, default_language, set_language
from grader.render import html, safe_text, terminal
from grader.results import GradeResult
from grader.sandbox import Limits

log = logging.getLogger("grader")


class ExitCode(IntEnum):
    """Exit statuses of ``grade``; listed in ``grade --help``."""

    OK = 0  # grading ran, whatever the score
    USAGE = 2  # the command line is wrong
    SUBMISSION = 3  # the submission is missing or unreadable
    COURSE = 4  # the course folder is not a course
    OUTPUT = 5  # a report could not be written
    INTERNAL = 70  # a bug in the grader


def exit_codes_help() -> str:
    texts = {
        ExitCode.OK: _("grading ran (whatever the score)"),
        ExitCode.USAGE: _("the command line is wrong"),
        ExitCode.SUBMISSION: _("the submission is missing or cannot be read"),
        ExitCode.COURSE: _("the course folder is not laid out as a course"),
        ExitCode.OUTPUT: _("a report could not be written"),
        ExitCode.INTERNAL: _("a bug in the grader (please report it)"),
    }
    lines = [f"  {int(code):>3}  {text}" for code, text in texts.items()]
    return _("exit codes:") + "\n" + "\n".join(lines)


def positive_seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0 < value <= 3600:
        raise argparse.ArgumentTypeError(
            _("expected seconds between 0 and 3600, got {value!r}").format(value=text)
        )
    return value


def parser() -> argparse.ArgumentParser:
    command = argparse.ArgumentParser(
        prog="grade",
        description=_(
            "Grade a submission against a course's checks and write feedback."
        ),
        epilog=exit_codes_help(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    command.add_argument(
        "submission",
        type=Path,
        help=_("a folder laid out like exercises/, or one .py file"),
    )
    command.add_argument(
        "--course",
        type=Path,
        default=Path.cwd(),
        help=_("the course folder (default: the current folder)"),
    )
    command.add_argument(
        "--html", type=Path, metavar="FILE", help=_("write the HTML report here")
    )
    command.add_argument(
        "--json", type=Path, metavar="FILE", help=_("write the JSON result here")
    )
    command.add_argument(
        "--timeout",
        type=positive_seconds,
        default=Limits.call_seconds,
        metavar="SECONDS",
        help=_("time limit per call (default %(default)s)"),
    )
    command.add_argument(
        "--lang",
        choices=LANGUAGES,
        help=_("language of the feedback (default: from the locale)"),
    )
    command.add_argument(
        "-v", "--verbose", action="store_true", help=_("log what the grader does")
    )
    command.add_argument("--version", action="version", version=f"grade {__version__}")
    return command


def stubs_parser() -> argparse.ArgumentParser:
    command = argparse.ArgumentParser(
        prog="grade stubs",
        description=_(
            "Regenerate exercises/<id>.py from the solution regions of solutions/<id>.py."
        ),
    )
    command.add_argument(
        "--course",
        type=Path,
        default=Path.cwd(),
        help=_("the course folder (default: the current folder)"),
    )
    command.add_argument(
        "--check",
        action="store_true",
        help=_("change nothing; exit 1 if a stub is out of date"),
    )
    return command


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    set_language(_language_from(argv))
    subcommands: dict[
        str,
        tuple[
            Callable[[], argparse.ArgumentParser], Callable[[argparse.Namespace], int]
        ],
    ] = {
        "stubs": (stubs_parser, run_stubs),
    }
    make_parser, action = subcommands.get(argv[0] if argv else "", (parser, run))
    if make_parser is not parser:
        argv = argv[1:]
    try:
        options = make_parser().parse_args(argv)
    except SystemExit as exc:
        return ExitCode.USAGE if exc.code else ExitCode.OK
    logging.basicConfig(
        level=logging.INFO if getattr(options, "verbose", False) else logging.WARNING,
        format="%(message)s",
    )
    try:
        return action(options)
    except GraderError as exc:
        print(f"grade: {safe_text(str(exc))}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130


def _language_from(argv: list[str]) -> str:
    for index, arg in enumerate(argv):
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
        if arg == "--lang" and index + 1 < len(argv):
            return argv[index + 1]
    return default_language()


def run(options: argparse.Namespace) -> int:
    from grader.pipeline import (
        grade_submission,
    )  # imports numpy and OpenCV: only when grading

    course = load_course(options.course)
    result = grade_submission(
        options.submission, course, Limits(call_seconds=options.timeout)
    )
    write_reports(result, options.html, options.json)
    terminal(result, report=str(options.html) if options.html else "")
    return ExitCode.OK


def run_stubs(options: argparse.Namespace) -> int:
    from grader.stubs import stale_stubs, write_stubs

    course = load_course(options.course)
    if options.check:
        stale = stale_stubs(course)
        for path in stale:
            print(_("out of date: {path}").format(path=path), file=sys.stderr)
        return 1 if stale else ExitCode.OK
    for path in write_stubs(course):
        print(_("wrote {path}").format(path=path))
    return ExitCode.OK


def write_reports(
    result: GradeResult, html_path: Path | None, json_path: Path | None
) -> None:
    for path, text in ((html_path, html), (json_path, GradeResult.to_json)):
        if path is None:
            continue
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text(result), encoding="utf-8")
        except OSError as exc:
            error = GraderError(
                _("cannot write {path}: {reason}").format(
                    path=path, reason=exc.strerror
                )
            )
            error.exit_code = ExitCode.OUTPUT
            raise error from None
