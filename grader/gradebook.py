"""The class view: the gradebook CSV and the overview page.

Gradebook CSV, format version 1 (documented in README.md, "Grading a class"):
one row per student, columns ``format_version, student, status, score,
max_score``, one column per exercise (points), and ``message``. A cell that a
spreadsheet would read as a formula is prefixed with an apostrophe.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from grader.batch import Outcome, write_atomically
from grader.course import Course
from grader.i18n import _, language
from grader.render import environment, number

FORMAT_VERSION = 1
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "|", "%")


def spreadsheet_safe(value: object) -> object:
    """Numbers as numbers; text that a spreadsheet would run as a formula, defused."""
    if isinstance(value, (int, float)):
        return value
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def gradebook_csv(outcomes: Sequence[Outcome], course: Course) -> str:
    exercise_ids = [exercise.id for exercise in course.exercises]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(
        [
            "format_version",
            "student",
            "status",
            "score",
            "max_score",
            *exercise_ids,
            "message",
        ]
    )
    for outcome in outcomes:
        row: list[object] = [
            FORMAT_VERSION,
            outcome.student,
            outcome.status,
            outcome.score,
            outcome.max_score,
        ]
        row += [outcome.exercises.get(exercise_id, "") for exercise_id in exercise_ids]
        row.append(outcome.message)
        writer.writerow([spreadsheet_safe(cell) for cell in row])
    return buffer.getvalue()


@dataclass(frozen=True)
class Bar:
    label: str
    value: float  # 0..1
    text: str


@dataclass(frozen=True)
class Overview:
    """What index.html shows: the distribution of scores and where the class struggled."""

    title: str
    students: Sequence[Outcome]
    histogram: Sequence[Bar]
    checks: Sequence[Bar]
    exercises: Sequence[Bar]
    statuses: dict[str, int]
    mean: float
    median: float
    max_score: float


def overview(outcomes: Sequence[Outcome], course: Course, out: Path) -> Overview:
    graded = [outcome for outcome in outcomes if outcome.status == "graded"]
    max_score = max((outcome.max_score for outcome in graded), default=0.0)
    scores = sorted(outcome.score for outcome in graded)
    return Overview(
        title=course.title,
        students=outcomes,
        histogram=histogram(
            [score / max_score if max_score else 0.0 for score in scores]
        ),
        checks=pass_rates(graded, out)[:HARDEST],
        exercises=exercise_shares(graded, course),
        statuses=dict(Counter(outcome.status for outcome in outcomes)),
        mean=sum(scores) / len(scores) if scores else 0.0,
        median=scores[len(scores) // 2] if scores else 0.0,
        max_score=max_score,
    )


def histogram(fractions: Sequence[float], bins: int = 10) -> list[Bar]:
    """How many students scored in each tenth of the maximum."""
    counts = [0] * bins
    for fraction in fractions:
        counts[min(bins - 1, int(fraction * bins))] += 1
    peak = max(counts) or 1
    return [
        Bar(
            f"{100 * index // bins}–{100 * (index + 1) // bins}%",
            count / peak,
            str(count),
        )
        for index, count in enumerate(counts)
    ]


HARDEST = 25


def exercise_shares(graded: Sequence[Outcome], course: Course) -> list[Bar]:
    """Each exercise's points earned by the class, as a share of the points possible."""
    bars = []
    for exercise in course.exercises:
        earned = [
            outcome.exercises[exercise.id]
            for outcome in graded
            if exercise.id in outcome.exercises
        ]
        maxima = [
            outcome.maxima.get(exercise.id, 0.0)
            for outcome in graded
            if exercise.id in outcome.exercises
        ]
        if earned and sum(maxima):
            share = sum(earned) / sum(maxima)
            bars.append(Bar(exercise.title, share, f"{round(100 * share)}%"))
    return bars


def pass_rates(graded: Sequence[Outcome], out: Path) -> list[Bar]:
    """Each check's share of students who passed it, the hardest first."""
    passed: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    titles: dict[str, str] = {}
    for outcome in graded:
        path = out / "students" / outcome.student / "result.json"
        try:
            checks = json.loads(path.read_text(encoding="utf-8"))["checks"]
        except (OSError, ValueError, KeyError):
            continue
        for check in checks:
            seen[check["id"]] += 1
            passed[check["id"]] += check["status"] == "passed"
            titles[check["id"]] = f"{check['exercise']}: {check['title']}"
    rates = [
        Bar(
            titles[check], passed[check] / seen[check], f"{passed[check]}/{seen[check]}"
        )
        for check in seen
    ]
    return sorted(rates, key=lambda bar: (bar.value, bar.label))


def overview_html(view: Overview) -> str:
    template = environment().get_template("overview.html.j2")
    return template.render(
        view=view, lang=language(), number=number, outcome_label=outcome_label
    )


def outcome_label(status: str) -> str:
    labels = {
        "graded": _("graded"),
        "unreadable": _("unreadable"),
        "crashed": _("not graded (grader failed)"),
    }
    return labels.get(status, status)


def write_class_files(outcomes: Sequence[Outcome], course: Course, out: Path) -> None:
    """gradebook.csv and index.html for the students graded into ``out``."""
    write_atomically(out / "gradebook.csv", gradebook_csv(outcomes, course))
    write_atomically(out / "index.html", overview_html(overview(outcomes, course, out)))


def summary_line(outcomes: Sequence[Outcome]) -> str:
    counts = Counter(outcome.status for outcome in outcomes)
    return _(
        "{total} students: {graded} graded, {unreadable} unreadable, {crashed} not graded because the grader failed"
    ).format(
        total=len(outcomes),
        graded=counts["graded"],
        unreadable=counts["unreadable"],
        crashed=counts["crashed"],
    )
