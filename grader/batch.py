"""A whole class: one grading per student, in parallel, resumable.

Layout of ``--out`` (documented in README.md, "Grading a class")::

    students/<id>/result.json     the GradeResult (schema of results.py)
    students/<id>/report.html     the student's report
    students/<id>/outcome.json    the row of the gradebook; written last, so its
                                  presence means the student is done
    students/<id>/results.json    Gradescope's format   (with --gradescope)
    students/<id>/junit.xml       JUnit XML             (with --junit)
    gradebook.csv, index.html     the class, rebuilt from every outcome.json

Every file is written to a temporary name and renamed, so a batch killed at
any point leaves whole files only; ``--resume`` keeps each outcome whose
submission and course are unchanged (by content hash) and grades the rest.
"""

from __future__ import annotations

import concurrent.futures
import ctypes
import hashlib
import json
import logging
import multiprocessing
import os
import re
import shutil
import signal
import stat
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from grader import __version__
from grader.course import Course, load_course
from grader.errors import GraderError, SubmissionError, UsageError
from grader.i18n import _, set_language
from grader.sandbox import Limits

log = logging.getLogger("grader")

OUTCOME_VERSION = 1
TASKS_PER_PROCESS = 40
PR_SET_PDEATHSIG = 1
ENTRY_SUFFIXES = (".py", ".ipynb", ".zip")
SAFE_ID = re.compile(r"[^\w.-]+")


@dataclass(frozen=True)
class Entry:
    """One student's submission in the class folder."""

    student: str
    path: Path
    digest: str


@dataclass(frozen=True)
class Outcome:
    """One row of the gradebook: how a student's grading ended."""

    student: str
    status: str  # graded | unreadable | crashed
    score: float
    max_score: float
    exercises: dict[str, float]
    message: str
    digest: str
    course: str
    submission: str
    counts: dict[str, int] = field(default_factory=dict)
    maxima: dict[str, float] = field(default_factory=dict)
    version: int = OUTCOME_VERSION

    @classmethod
    def load(cls, path: Path) -> Outcome | None:
        """The outcome stored at ``path``; None if absent, torn or of another version."""
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            outcome = cls(**data)
        except (OSError, ValueError, TypeError):
            return None
        return outcome if outcome.version == OUTCOME_VERSION else None


@dataclass(frozen=True)
class Options:
    """What a batch writes and how it grades; shared by every job."""

    out: Path
    course_root: Path
    language: str = "en"
    limits: Limits = field(default_factory=Limits)
    gradescope: bool = False
    junit: bool = False


def discover(folder: Path, id_pattern: str | None = None) -> list[Entry]:
    """One entry per student: a folder, or a .py, .ipynb or .zip file, sorted by id."""
    if not folder.is_dir():
        raise SubmissionError(
            _("{path}: not a folder of submissions").format(path=folder)
        )
    pattern = re.compile(id_pattern) if id_pattern else None
    entries: dict[str, Entry] = {}
    for path in sorted(folder.iterdir()):
        if path.name.startswith("."):
            continue  # .DS_Store, .git: never a student
        student = unique(student_id(path, pattern), entries)
        entries[student] = Entry(student, path, digest(path))
    return sorted(entries.values(), key=lambda entry: entry.student)


def student_id(path: Path, pattern: re.Pattern[str] | None) -> str:
    """The entry's name without extension, or the ``id`` group of ``--id-pattern``."""
    name = path.name if path.is_dir() else path.stem
    if pattern is not None and (match := pattern.search(name)):
        name = match.groupdict().get("id") or (
            match.group(1) if match.groups() else match.group(0)
        )
    return SAFE_ID.sub("_", name).strip("._") or "student"


def unique(student: str, taken: dict[str, Entry]) -> str:
    candidate, number = student, 2
    while candidate in taken:
        candidate, number = f"{student}-{number}", number + 1
    return candidate


def regular_file(path: Path) -> bool:
    try:
        return stat.S_ISREG(path.lstat().st_mode)
    except OSError:
        return False


def digest(path: Path) -> str:
    """A content hash of a submission: a file's bytes, or a folder's names and bytes."""
    hasher = hashlib.sha256()
    if not path.is_dir() and not regular_file(path):
        return hashlib.sha256(b"<not a regular file>").hexdigest()
    files = (
        sorted(p for p in path.rglob("*") if regular_file(p))
        if path.is_dir()
        else [path]
    )
    for file in files:
        hasher.update(
            str(file.relative_to(path) if path.is_dir() else file.name).encode()
        )
        hasher.update(b"\0")
        try:
            hasher.update(file.read_bytes())
        except OSError:
            hasher.update(b"<unreadable>")
        hasher.update(b"\0")
    return hasher.hexdigest()


def course_fingerprint(course: Course) -> str:
    """A hash of what grading depends on: the grader's version, the checks, solutions and data."""
    hasher = hashlib.sha256(__version__.encode())
    for folder in ("exercises", "solutions"):
        root = course.root / folder
        for file in sorted(root.rglob("*")) if root.is_dir() else []:
            if file.is_file() and "__pycache__" not in file.parts:
                hasher.update(
                    str(file.relative_to(course.root)).encode()
                    + b"\0"
                    + file.read_bytes()
                )
    return hasher.hexdigest()


def shard(entries: list[Entry], index: int, count: int) -> list[Entry]:
    """The part ``index`` (1-based) of ``count``: chosen by a hash of the id, so stable."""
    return [
        e
        for e in entries
        if int(hashlib.sha256(e.student.encode()).hexdigest(), 16) % count == index - 1
    ]


def write_atomically(path: Path, text: str) -> None:
    """Write a whole file or nothing: a temporary name in the same folder, then rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with temporary.open("w", encoding="utf-8") as file:
        file.write(text)
        file.flush()
        os.fsync(file.fileno())
    os.replace(temporary, path)


def grade_one(entry: Entry, options: Options, fingerprint: str) -> Outcome:
    """Grade one student and write their files; never raises for a bad submission."""
    from grader.exports import gradescope_json, junit_xml
    from grader.pipeline import grade_submission
    from grader.render import html

    set_language(options.language)
    folder = options.out / "students" / entry.student
    if entry.path.is_symlink():
        message = _("{name}: a symbolic link; hand in the files themselves").format(
            name=entry.path.name
        )
        return finish(folder, failed_outcome(entry, "unreadable", message, fingerprint))
    try:
        course = load_course(options.course_root)
        result = grade_submission(
            entry.path, course, options.limits, whole_course=True, label=entry.student
        )
    except SubmissionError as exc:
        return finish(
            folder, failed_outcome(entry, "unreadable", str(exc), fingerprint)
        )
    except Exception as exc:
        log.exception("grading %s failed", entry.student)
        message = _(
            "the grader failed on this submission ({kind}); grade it again or report it"
        ).format(kind=type(exc).__name__)
        return finish(folder, failed_outcome(entry, "crashed", message, fingerprint))
    write_atomically(folder / "result.json", result.to_json())
    write_atomically(folder / "report.html", html(result))
    if options.gradescope:
        write_atomically(folder / "results.json", gradescope_json(result))
    if options.junit:
        write_atomically(folder / "junit.xml", junit_xml(result, entry.student))
    outcome = Outcome(
        student=entry.student,
        status="graded",
        score=result.score,
        max_score=result.max_score,
        exercises={score.id: score.points for score in result.exercises},
        maxima={score.id: score.max_points for score in result.exercises},
        message="",
        digest=entry.digest,
        course=fingerprint,
        submission=entry.path.name,
        counts={status: count for status, count in result.counts().items() if count},
    )
    return finish(folder, outcome)


def failed_outcome(
    entry: Entry, status: str, message: str, fingerprint: str
) -> Outcome:
    return Outcome(
        entry.student,
        status,
        0.0,
        0.0,
        {},
        message,
        entry.digest,
        fingerprint,
        entry.path.name,
    )


def finish(folder: Path, outcome: Outcome) -> Outcome:
    write_atomically(
        folder / "outcome.json",
        json.dumps(asdict(outcome), ensure_ascii=False, indent=2) + "\n",
    )
    return outcome


def pending(
    entries: list[Entry], out: Path, fingerprint: str, resume: bool
) -> tuple[list[Entry], list[Outcome]]:
    """Entries still to grade, and the outcomes ``--resume`` keeps."""
    kept: list[Outcome] = []
    todo: list[Entry] = []
    for entry in entries:
        outcome = Outcome.load(out / "students" / entry.student / "outcome.json")
        current = (
            outcome is not None
            and outcome.digest == entry.digest
            and outcome.course == fingerprint
        )
        if resume and current and outcome is not None and outcome.status != "crashed":
            kept.append(outcome)
        else:
            todo.append(entry)
    return todo, kept


def refuse_to_overwrite(out: Path, resume: bool) -> None:
    """Without --resume, never mix a new batch into an old one's results."""
    if not resume and any((out / "students").glob("*/outcome.json")):
        raise UsageError(
            _(
                "{path} already holds graded students: add --resume to keep them, or choose an empty folder"
            ).format(path=out)
        )


def run(
    entries: list[Entry],
    options: Options,
    jobs: int,
    resume: bool,
    progress: Callable[[Outcome], None] | None = None,
) -> list[Outcome]:
    """Grade every entry not already done; the outcomes of the whole class, by id."""
    from grader.isolation import current
    from grader.pipeline import fair_limits

    course = load_course(options.course_root)
    fingerprint = course_fingerprint(course)
    refuse_to_overwrite(options.out, resume)
    todo, outcomes = pending(entries, options.out, fingerprint, resume)
    current()  # decide the isolation layer once; the grading processes inherit it
    if todo:
        options = replace(options, limits=fair_limits(course, options.limits))
    for outcome in outcomes:
        if progress:
            progress(outcome)
    outcomes += grade_all(todo, options, fingerprint, jobs, progress)
    return sorted(outcomes, key=lambda outcome: outcome.student)


def grade_all(
    todo: list[Entry],
    options: Options,
    fingerprint: str,
    jobs: int,
    progress: Callable[[Outcome], None] | None,
) -> list[Outcome]:
    if not todo:
        return []
    if jobs == 1:
        return [
            report(grade_one(entry, options, fingerprint), progress) for entry in todo
        ]
    outcomes = []
    chunk = jobs * TASKS_PER_PROCESS
    for start in range(0, len(todo), chunk):
        outcomes += grade_chunk(
            todo[start : start + chunk], options, fingerprint, jobs, progress
        )
    return outcomes


def grade_chunk(
    todo: list[Entry],
    options: Options,
    fingerprint: str,
    jobs: int,
    progress: Callable[[Outcome], None] | None,
) -> list[Outcome]:
    """One pool of fresh grading processes for a part of the class.

    A new pool every TASKS_PER_PROCESS students a process keeps memory from
    creeping over a big class (the executor's own max_tasks_per_child can hang
    on Python 3.11 and 3.12 when a process retires).
    """
    outcomes = []
    context = multiprocessing.get_context(
        "spawn"
    )  # nothing inherited from this process
    pool = concurrent.futures.ProcessPoolExecutor(
        jobs, context, initializer=die_with_parent
    )
    try:
        futures = {
            pool.submit(grade_one, entry, options, fingerprint): entry for entry in todo
        }
        for future in concurrent.futures.as_completed(futures):
            entry = futures[future]
            try:
                outcome = future.result()
            except Exception as exc:  # noqa: BLE001 - a grading process that died
                message = _(
                    "the grading process died ({kind}); grade it again with --resume"
                ).format(kind=type(exc).__name__)
                outcome = failed_outcome(entry, "crashed", message, fingerprint)
            outcomes.append(report(outcome, progress))
    except BaseException:
        # Ctrl-C or SIGTERM: stop now, not after the chunk. Whole files only were
        # written, so --resume continues from here.
        processes = list((getattr(pool, "_processes", None) or {}).values())
        pool.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            process.kill()
        raise
    pool.shutdown(wait=True)
    return outcomes


def die_with_parent() -> None:
    """In each grading process: the kernel kills it when the batch's process dies (Linux)."""
    try:
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # pragma: no cover - not Linux
        pass
    signal.signal(
        signal.SIGINT, signal.SIG_IGN
    )  # the batch's process decides about Ctrl-C


def report(outcome: Outcome, progress: Callable[[Outcome], None] | None) -> Outcome:
    if progress:
        progress(outcome)
    return outcome


def load_outcomes(folders: Iterable[Path]) -> list[Outcome]:
    """Every outcome below ``students/`` of each folder; the last folder wins a tie."""
    found: dict[str, Outcome] = {}
    for folder in folders:
        for path in sorted((folder / "students").glob("*/outcome.json")):
            outcome = Outcome.load(path)
            if outcome is not None:
                found[outcome.student] = outcome
    return sorted(found.values(), key=lambda outcome: outcome.student)


def merge_folders(folders: Iterable[Path], out: Path) -> None:
    """Copy every student of each folder into ``out`` (a later folder wins a tie)."""
    for folder in folders:
        students = folder / "students"
        if not students.is_dir():
            raise GraderError(
                _("{path}: not the output of grade batch (no students/ folder)").format(
                    path=folder
                )
            )
        if folder.resolve() == out.resolve():
            continue
        for student in sorted(students.iterdir()):
            if (student / "outcome.json").is_file():
                shutil.copytree(
                    student, out / "students" / student.name, dirs_exist_ok=True
                )
