"""The ``grade`` command: a thin face over the stages.

``grade SUBMISSION`` grades one student; the other commands are named first
(``grade batch ...``). Each command is a parser and an action in COMMANDS.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import json
import logging
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import IntEnum
from pathlib import Path

from grader import __version__
from grader.course import Course, find_course, load_course
from grader.errors import GraderError, SubmissionError, UsageError
from grader.i18n import LANGUAGES, _, default_language, language, set_language
from grader.render import html, number, safe_text, terminal
from grader.results import GradeResult
from grader.sandbox import Limits

log = logging.getLogger("grader")


class ExitCode(IntEnum):
    """Exit statuses of ``grade``; listed in ``grade --help``."""

    OK = 0  # grading ran, whatever the score
    STALE = 1  # grade stubs --check: a stub is out of date
    USAGE = 2  # the command line is wrong
    SUBMISSION = 3  # the submission is missing or unreadable
    COURSE = 4  # the course folder is not a course
    OUTPUT = 5  # a report could not be written
    BELOW_MIN = 6  # grade ci: the score is below --min-score
    FORGED = 7  # grade verify: the signature does not match
    INTERNAL = 70  # a bug in the grader
    INTERRUPTED = 130  # Ctrl-C or SIGTERM: nothing written


def exit_codes_help() -> str:
    texts = {
        ExitCode.OK: _("grading ran (whatever the score)"),
        ExitCode.STALE: _("grade stubs --check: a stub is out of date"),
        ExitCode.USAGE: _("the command line is wrong"),
        ExitCode.SUBMISSION: _("the submission is missing or cannot be read"),
        ExitCode.COURSE: _("the course folder is not laid out as a course"),
        ExitCode.OUTPUT: _("a report could not be written"),
        ExitCode.BELOW_MIN: _("grade ci: the score is below --min-score"),
        ExitCode.FORGED: _(
            "grade verify: the result was not signed by the grader's key"
        ),
        ExitCode.INTERNAL: _("a bug in the grader (please report it)"),
        ExitCode.INTERRUPTED: _("interrupted (Ctrl-C or SIGTERM); no report written"),
    }
    lines = [f"  {int(code):>3}  {text}" for code, text in texts.items()]
    commands = [
        f"  grade {name:<8} {text}"
        for name, (text, _parser, _action) in command_table().items()
    ]
    return "\n".join([_("other commands:"), *commands, "", _("exit codes:"), *lines])


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


def positive_count(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= 256:
        raise argparse.ArgumentTypeError(
            _("expected a whole number from 1 to 256, got {value!r}").format(value=text)
        )
    return int(text)


def shard_spec(text: str) -> tuple[int, int]:
    index, _slash, count = text.partition("/")
    if not (index.isdigit() and count.isdigit() and 1 <= int(index) <= int(count)):
        raise argparse.ArgumentTypeError(
            _("expected i/n with 1 <= i <= n, got {value!r}").format(value=text)
        )
    return int(index), int(count)


def common(command: argparse.ArgumentParser) -> None:
    """Options every command that grades shares."""
    command.add_argument(
        "--course",
        type=Path,
        default=None,
        help=_(
            "the course folder (default: the nearest one at or above the current folder)"
        ),
    )
    command.add_argument(
        "--lang",
        choices=LANGUAGES,
        help=_("language of the feedback (default: from the locale)"),
    )
    command.add_argument(
        "-v", "--verbose", action="store_true", help=_("log what the grader does")
    )


def grading_limits(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--timeout",
        type=positive_seconds,
        default=Limits.call_seconds,
        metavar="SECONDS",
        help=_("time limit per call (default %(default)s)"),
    )


def grade_parser() -> argparse.ArgumentParser:
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
        "--html", type=Path, metavar="FILE", help=_("write the HTML report here")
    )
    command.add_argument(
        "--json", type=Path, metavar="FILE", help=_("write the JSON result here")
    )
    command.add_argument(
        "--gradescope",
        type=Path,
        metavar="FILE",
        help=_("write Gradescope's results.json here"),
    )
    command.add_argument(
        "--junit", type=Path, metavar="FILE", help=_("write JUnit XML here")
    )
    grading_limits(command)
    common(command)
    command.add_argument("--version", action="version", version=f"grade {__version__}")
    return command


def batch_parser() -> argparse.ArgumentParser:
    command = argparse.ArgumentParser(
        prog="grade batch",
        description=_(
            "Grade a class: one entry per student (a folder, .py, .ipynb or .zip) in SUBMISSIONS."
        ),
    )
    command.add_argument("submissions", type=Path, help=_("the folder of submissions"))
    command.add_argument(
        "--out",
        type=Path,
        required=True,
        help=_("where reports, gradebook.csv and index.html go"),
    )
    command.add_argument(
        "--jobs",
        type=positive_count,
        default=os.cpu_count() or 1,
        help=_("students graded at once (default: the number of cores)"),
    )
    command.add_argument(
        "--resume",
        action="store_true",
        help=_(
            "keep what an earlier run graded; grade only what is missing or changed"
        ),
    )
    command.add_argument(
        "--id-pattern",
        metavar="REGEX",
        help=_(
            "a regular expression whose group 'id' is the student id in an entry's name"
        ),
    )
    command.add_argument(
        "--shard",
        type=shard_spec,
        metavar="I/N",
        help=_("grade only part I of N of the class (for a CI matrix)"),
    )
    command.add_argument(
        "--gradescope",
        action="store_true",
        help=_("also write Gradescope's results.json per student"),
    )
    command.add_argument(
        "--junit", action="store_true", help=_("also write JUnit XML per student")
    )
    grading_limits(command)
    common(command)
    return command


def merge_parser() -> argparse.ArgumentParser:
    command = argparse.ArgumentParser(
        prog="grade merge",
        description=_("Merge the outputs of shards into one gradebook and overview."),
    )
    command.add_argument(
        "folders",
        type=Path,
        nargs="+",
        help=_("--out folders of grade batch --shard runs"),
    )
    command.add_argument("--out", type=Path, required=True, help=_("the merged folder"))
    common(command)
    return command


def export_parser() -> argparse.ArgumentParser:
    command = argparse.ArgumentParser(
        prog="grade export",
        description=_("Build a package another platform runs per submission."),
    )
    command.add_argument("platform", choices=["gradescope"], help=_("the platform"))
    command.add_argument("output", type=Path, help=_("the .zip file to write"))
    common(command)
    return command


def ci_parser() -> argparse.ArgumentParser:
    command = argparse.ArgumentParser(
        prog="grade ci",
        description=_(
            "Grade in CI: on GitHub Actions a job summary, outputs and annotations; elsewhere JUnit XML and a Markdown summary."
        ),
    )
    command.add_argument(
        "submission",
        type=Path,
        help=_("the student's exercises folder (the pull request's files)"),
    )
    command.add_argument(
        "--min-score",
        type=float,
        default=0.0,
        help=_("exit 6 below this score (default 0: never)"),
    )
    command.add_argument(
        "--html",
        type=Path,
        default=Path("grade-report.html"),
        metavar="FILE",
        help=_("the report to upload as an artifact (default %(default)s)"),
    )
    command.add_argument(
        "--junit",
        type=Path,
        default=Path("grade-junit.xml"),
        metavar="FILE",
        help=_("JUnit XML, off GitHub (default %(default)s)"),
    )
    command.add_argument(
        "--summary",
        type=Path,
        default=Path("grade-summary.md"),
        metavar="FILE",
        help=_("the Markdown summary, off GitHub (default %(default)s)"),
    )
    command.add_argument(
        "--json",
        type=Path,
        default=Path("grade-result.json"),
        metavar="FILE",
        help=_(
            "the JSON result, signed when GRADER_SIGNING_KEY is set (default %(default)s)"
        ),
    )
    command.add_argument(
        "--sealed",
        type=Path,
        metavar="FILE",
        help=_(
            "hidden checks sealed with grade seal; the key comes from GRADER_SEAL_KEY"
        ),
    )
    grading_limits(command)
    common(command)
    return command


def seal_parser() -> argparse.ArgumentParser:
    command = argparse.ArgumentParser(
        prog="grade seal",
        description=_(
            "Encrypt solutions/ into one file for CI; the key comes from GRADER_SEAL_KEY."
        ),
    )
    command.add_argument(
        "output", type=Path, nargs="?", help=_("the sealed file to write")
    )
    command.add_argument(
        "--new-keys",
        action="store_true",
        help=_("print a new seal key and a new signing key pair, and stop"),
    )
    common(command)
    return command


def verify_parser() -> argparse.ArgumentParser:
    command = argparse.ArgumentParser(
        prog="grade verify",
        description=_("Check that a JSON result was signed by CI's grader."),
    )
    command.add_argument(
        "result", type=Path, help=_("the JSON result (grade-result.json)")
    )
    command.add_argument(
        "--signature", type=Path, help=_("the signature file (default: RESULT.sig)")
    )
    command.add_argument(
        "--public-key",
        required=True,
        help=_("the public key grade seal --new-keys printed"),
    )
    common(command)
    return command


def release_parser() -> argparse.ArgumentParser:
    command = argparse.ArgumentParser(
        prog="grade release",
        description=_(
            "Write the student kit: stubs, public checks, notebooks, README and CI workflow; nothing from solutions/."
        ),
    )
    command.add_argument("out", type=Path, help=_("a new or empty folder"))
    common(command)
    return command


def stubs_parser() -> argparse.ArgumentParser:
    command = argparse.ArgumentParser(
        prog="grade stubs",
        description=_(
            "Regenerate exercises/<id>.py from the solution regions of solutions/<id>.py."
        ),
    )
    command.add_argument(
        "--check",
        action="store_true",
        help=_("change nothing; exit 1 if a stub is out of date"),
    )
    command.add_argument(
        "--force",
        action="store_true",
        help=_("overwrite stubs that hold someone's own code"),
    )
    common(command)
    return command


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    set_language(_language_from(argv))
    table = command_table()
    name = argv[0] if argv and argv[0] in table else ""
    _text, make_parser, action = table.get(name, ("", grade_parser, run_grade))
    try:
        options = make_parser().parse_args(argv[1:] if name else argv)
    except SystemExit as exc:
        return ExitCode.USAGE if exc.code else ExitCode.OK
    verbose = getattr(options, "verbose", False)
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING, format="%(message)s"
    )
    try:
        with sigterm_as_interrupt():
            return action(options)
    except GraderError as exc:
        print(f"grade: {one_line(str(exc))}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print(_("grade: interrupted; nothing was written"), file=sys.stderr)
        return ExitCode.INTERRUPTED
    except Exception as exc:
        log.info("internal error", exc_info=True)
        print(
            _(
                "grade: internal error ({kind}: {error}); run again with -v for details and report it"
            ).format(kind=type(exc).__name__, error=safe_text(str(exc))[:200]),
            file=sys.stderr,
        )
        return ExitCode.INTERNAL


@contextmanager
def sigterm_as_interrupt() -> Iterator[None]:
    """SIGTERM ends grading like Ctrl-C: workers killed, temporary folders removed."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def one_line(text: str) -> str:
    """A message as one line: nothing in it can start a line of its own (a CI log reads those)."""
    return safe_text(text.replace("\n", "\\n").replace("\t", " "))


def _language_from(argv: list[str]) -> str:
    for index, arg in enumerate(argv):
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
        if arg == "--lang" and index + 1 < len(argv):
            return argv[index + 1]
    return default_language()


def course_of(options: argparse.Namespace) -> Course:
    return load_course(options.course or find_course(Path.cwd()))


def run_grade(options: argparse.Namespace) -> int:
    from grader.pipeline import grade_submission  # numpy and OpenCV: only when grading

    course = course_of(options)
    try:
        result = grade_submission(
            options.submission, course, Limits(call_seconds=options.timeout)
        )
    except SubmissionError as exc:
        if (
            options.gradescope
        ):  # the student sees why, not Gradescope's "autograder failed"
            from grader.exports import unreadable_gradescope_json

            write_text(options.gradescope, unreadable_gradescope_json(str(exc)))
        raise
    write_reports(result, options)
    terminal(result, report=str(options.html) if options.html else "")
    return ExitCode.OK


def run_batch(options: argparse.Namespace) -> int:
    from grader import batch
    from grader.gradebook import summary_line, write_class_files
    from grader.progress import Progress

    course = course_of(options)
    entries = batch.discover(options.submissions, options.id_pattern)
    if options.shard:
        entries = batch.shard(entries, *options.shard)
    settings = batch.Options(
        out=options.out,
        course_root=course.root,
        language=language(),
        limits=Limits(call_seconds=options.timeout),
        gradescope=options.gradescope,
        junit=options.junit,
    )
    with Progress(len(entries)) as progress:
        try:
            outcomes = batch.run(
                entries, settings, options.jobs, options.resume, progress.advance
            )
        except KeyboardInterrupt:
            saved = len(list(options.out.glob("students/*/outcome.json")))
            message = _(
                "grade: interrupted; {saved} students are saved in {out}: continue with --resume"
            )
            print(message.format(saved=saved, out=options.out), file=sys.stderr)
            return ExitCode.INTERRUPTED
    write_class_files(outcomes, course, options.out)
    print(summary_line(outcomes))
    print(
        _("Gradebook: {csv}; overview: {html}").format(
            csv=options.out / "gradebook.csv", html=options.out / "index.html"
        )
    )
    return ExitCode.OK


def run_merge(options: argparse.Namespace) -> int:
    from grader.batch import load_outcomes, merge_folders
    from grader.gradebook import summary_line, write_class_files

    course = course_of(options)
    merge_folders(options.folders, options.out)
    outcomes = load_outcomes([options.out])
    write_class_files(outcomes, course, options.out)
    print(summary_line(outcomes))
    return ExitCode.OK


def run_export(options: argparse.Namespace) -> int:
    from grader.exports import gradescope_package

    course = course_of(options)
    gradescope_package(course, options.output, language())
    print(_("wrote {path}").format(path=options.output))
    return ExitCode.OK


def doctor_parser() -> argparse.ArgumentParser:
    return argparse.ArgumentParser(
        prog="grade doctor",
        description=_("Show which protections student code gets on this machine."),
    )


def run_doctor(options: argparse.Namespace) -> int:
    from grader.isolation import current, describe

    print("\n".join(describe(current())))
    return ExitCode.OK


def run_ci(options: argparse.Namespace) -> int:
    """The course comes from --course (the protected base branch), never from the pull request."""
    from grader import ci
    from grader.exports import junit_xml
    from grader.pipeline import grade_submission

    course = course_of(options)
    if options.sealed or os.environ.get("GRADER_SIGNING_KEY"):
        require_bwrap()
    with contextlib.ExitStack() as stack:
        if options.sealed:
            course = opened_seal(course, options.sealed, stack)
        if ci.on_github():
            stack.enter_context(ci.commands_off(sys.stdout))
        result = grade_submission(
            options.submission, course, Limits(call_seconds=options.timeout)
        )
        result = dataclasses.replace(
            result, environment={**result.environment, **ci.run_identity()}
        )
        if options.sealed:
            result = ci.sealed_view(result)
        write_text(options.html, html(result))
        write_text(options.json, result.to_json())
        terminal(result, report=str(options.html))
    if ci.on_github():
        ci.github_report(result, options.submission, course, sys.stdout)
    else:
        write_text(options.junit, junit_xml(result))
        write_text(options.summary, ci.markdown_summary(result))
    sign_result(options.json)
    if result.score < options.min_score:
        print(
            _("grade: the score {score} is below the required {minimum}").format(
                score=number(result.score), minimum=number(options.min_score)
            ),
            file=sys.stderr,
        )
        return ExitCode.BELOW_MIN
    return ExitCode.OK


def require_bwrap() -> None:
    """Hidden checks and signing keys are only handled where student code cannot reach them."""
    from grader.isolation import current

    layer = current()
    if layer.name != "bwrap":
        raise UsageError(
            _(
                "sealed checks and signing need the bwrap sandbox, which does not work here ({reason}); see grade doctor"
            ).format(reason=layer.reason or layer.name)
        )


def opened_seal(course: Course, sealed: Path, stack: contextlib.ExitStack) -> Course:
    """The course with the sealed solutions, unpacked privately for this run only."""
    import tempfile

    from grader.seal import SEAL_KEY, sealed_course, unseal

    private = Path(
        stack.enter_context(tempfile.TemporaryDirectory(prefix="grade-sealed-"))
    )
    private.chmod(0o700)
    solutions = unseal(sealed, os.environ.get(SEAL_KEY, ""), private / "course")
    return load_course(sealed_course(course, solutions))


def sign_result(result: Path) -> None:
    key = os.environ.get("GRADER_SIGNING_KEY", "")
    if key:
        from grader.seal import sign

        write_text(
            result.with_name(result.name + ".sig"),
            sign(result.read_bytes(), key) + "\n",
        )


def run_seal(options: argparse.Namespace) -> int:
    from grader.seal import SEAL_KEY, new_seal_key, new_signing_key, seal

    if options.new_keys:
        private, public = new_signing_key()
        print(f"{SEAL_KEY}={new_seal_key()}")
        print(f"GRADER_SIGNING_KEY={private}")
        print(_("public key (for grade verify): {key}").format(key=public))
        return ExitCode.OK
    if options.output is None:
        raise UsageError(_("name the sealed file to write, or use --new-keys"))
    key = os.environ.get(SEAL_KEY, "")
    if not key:
        raise UsageError(
            _(
                "set {variable} to the seal key (grade seal --new-keys makes one)"
            ).format(variable=SEAL_KEY)
        )
    count = seal(course_of(options), options.output, key)
    print(
        _("sealed {count} files into {path}").format(count=count, path=options.output)
    )
    return ExitCode.OK


def run_verify(options: argparse.Namespace) -> int:
    from grader.seal import verify

    signature = options.signature or options.result.with_name(
        options.result.name + ".sig"
    )
    try:
        valid = verify(
            options.result.read_bytes(),
            signature.read_text(encoding="utf-8", errors="replace"),
            options.public_key,
        )
    except OSError as exc:
        raise SubmissionError(
            _("{path}: cannot be read ({reason})").format(
                path=exc.filename, reason=exc.strerror
            )
        ) from None
    if not valid:
        print(_("NOT signed by the grader: {path}").format(path=options.result))
        return ExitCode.FORGED
    print(_("signed by the grader: {path}").format(path=options.result))
    try:
        data = json.loads(options.result.read_text(encoding="utf-8"))
        made_for = {
            key: data["environment"].get(key, "")
            for key in ("repository", "commit", "ref", "run")
        }
        line = _("score {score} / {max_score}; made for {what}")
        print(
            one_line(
                line.format(
                    score=data["score"], max_score=data["max_score"], what=made_for
                )
            )
        )
    except (ValueError, KeyError, TypeError, AttributeError):
        pass
    return ExitCode.OK


def run_release(options: argparse.Namespace) -> int:
    from grader.i18n import use_course
    from grader.release import release

    course = course_of(options)
    use_course(course.root)
    for notebook in release(course, options.out, language()):
        print(_("wrote {path}").format(path=notebook))
    print(_("Kit ready: {path}").format(path=options.out))
    return ExitCode.OK


def run_stubs(options: argparse.Namespace) -> int:
    from grader.stubs import stale_stubs, write_stubs

    course = course_of(options)
    if options.check:
        stale = stale_stubs(course)
        for path in stale:
            print(_("out of date: {path}").format(path=path), file=sys.stderr)
        return ExitCode.STALE if stale else ExitCode.OK
    for path in write_stubs(course, force=options.force):
        print(_("wrote {path}").format(path=path))
    return ExitCode.OK


def command_table() -> dict[
    str,
    tuple[
        str, Callable[[], argparse.ArgumentParser], Callable[[argparse.Namespace], int]
    ],
]:
    """Every named command: its one-line description, parser and action."""
    return {
        "batch": (_("grade a class in parallel, resumably"), batch_parser, run_batch),
        "merge": (_("merge the outputs of shards"), merge_parser, run_merge),
        "export": (
            _("build Gradescope's autograder package"),
            export_parser,
            run_export,
        ),
        "ci": (_("grade a pull request in CI"), ci_parser, run_ci),
        "seal": (_("encrypt the hidden checks for CI"), seal_parser, run_seal),
        "verify": (_("check a result's signature"), verify_parser, run_verify),
        "release": (
            _("write the student kit (no solutions)"),
            release_parser,
            run_release,
        ),
        "stubs": (
            _("regenerate exercise stubs from the solutions"),
            stubs_parser,
            run_stubs,
        ),
        "doctor": (
            _("show how student code is isolated on this machine"),
            doctor_parser,
            run_doctor,
        ),
    }


def write_text(path: Path, text: str) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", errors="replace")
    except OSError as exc:
        error = GraderError(
            _("cannot write {path}: {reason}").format(path=path, reason=exc.strerror)
        )
        error.exit_code = ExitCode.OUTPUT
        raise error from None


def write_reports(result: GradeResult, options: argparse.Namespace) -> None:
    """Every file the command line asked for."""
    from grader.exports import gradescope_json, junit_xml

    writers: list[tuple[Path | None, Callable[[GradeResult], str]]] = [
        (options.html, html),
        (options.json, GradeResult.to_json),
        (options.gradescope, gradescope_json),
        (options.junit, junit_xml),
    ]
    for path, text in writers:
        if path is not None:
            write_text(path, text(result))
