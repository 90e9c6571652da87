"""Grading a class: every student a row, nothing lost when killed, shards that add up."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import xml.etree.ElementTree as ElementTree
import zipfile
from pathlib import Path

import pytest

from grader import batch
from grader.cli import ExitCode, main
from grader.course import Course
from tests.conftest import EXAMPLES, ROOT

LOOPING = "def pad_zero(img, p):\n    while True:\n        pass\n"


@pytest.fixture(scope="module")
def klass(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small class: right, wrong, looping, a broken notebook, a hostile zip, a formula as a name."""
    folder = tmp_path_factory.mktemp("class")
    shutil.copytree(EXAMPLES / "right", folder / "alice")
    shutil.copy(EXAMPLES / "pad_one_side.py", folder / "bob.py")
    (folder / "carol").mkdir()
    (folder / "carol" / "padding.py").write_text(LOOPING, encoding="utf-8")
    (folder / "dave.ipynb").write_text("<<<<<<< HEAD\n{not json", encoding="utf-8")
    with zipfile.ZipFile(folder / "eve.zip", "w") as archive:
        archive.writestr("../../escaped.py", "def pad_zero(img, p):\n    return img\n")
    shutil.copy(EXAMPLES / "pad_float64.py", folder / "-2+3.py")
    (folder / "notes.txt").write_text("not a submission", encoding="utf-8")
    return folder


def run_batch(klass: Path, out: Path, *extra: str) -> int:
    return main(
        [
            "batch",
            str(klass),
            "--out",
            str(out),
            "--course",
            str(ROOT),
            "--timeout",
            "2",
            "--lang",
            "en",
            *extra,
        ]
    )


def rows(out: Path) -> list[dict[str, str]]:
    with (out / "gradebook.csv").open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


@pytest.fixture(scope="module")
def graded(klass: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("out")
    assert (
        run_batch(klass, out, "--jobs", "2", "--gradescope", "--junit") == ExitCode.OK
    )
    return out


def test_every_student_gets_a_row_with_a_status(graded: Path) -> None:
    by_student = {row["student"]: row for row in rows(graded)}
    assert set(by_student) == {"alice", "bob", "carol", "dave", "eve", "'-2_3", "notes"}
    assert (
        by_student["notes"]["status"] == "unreadable"
        and ".txt" in by_student["notes"]["message"]
    )
    assert by_student["alice"]["status"] == "graded"
    assert (
        float(by_student["alice"]["score"])
        == float(by_student["alice"]["max_score"])
        > 0
    )
    assert by_student["bob"]["status"] == "graded"
    assert float(by_student["bob"]["padding"]) < float(by_student["alice"]["padding"])
    assert (
        by_student["carol"]["status"] == "graded"
        and float(by_student["carol"]["score"]) == 0
    )
    for broken in ("dave", "eve"):
        assert by_student[broken]["status"] in ("graded", "unreadable")
        assert by_student[broken]["message"] or by_student[broken]["status"] == "graded"
    assert not (graded.parent / "escaped.py").exists()


def test_the_gradebook_is_safe_for_spreadsheets_and_documented(graded: Path) -> None:
    text = (graded / "gradebook.csv").read_text(encoding="utf-8")
    parsed = list(csv.reader(io.StringIO(text)))
    header = parsed[0]
    assert (
        header[:5] == ["format_version", "student", "status", "score", "max_score"]
        and header[-1] == "message"
    )
    for row in parsed[1:]:
        assert len(row) == len(header)
        assert not any(cell.startswith(("=", "+", "-", "@")) for cell in row)


def test_every_graded_student_has_all_files(graded: Path) -> None:
    for row in rows(graded):
        folder = graded / "students" / row["student"].lstrip("'")
        outcome = json.loads((folder / "outcome.json").read_text(encoding="utf-8"))
        assert outcome["status"] == row["status"]
        if row["status"] != "graded":
            continue
        result = json.loads((folder / "result.json").read_text(encoding="utf-8"))
        assert result["score"] == float(row["score"])
        assert "<html" in (folder / "report.html").read_text(encoding="utf-8")
        gradescope = json.loads((folder / "results.json").read_text(encoding="utf-8"))
        assert sum(test["score"] for test in gradescope["tests"]) == result["score"]
        suite = ElementTree.parse(folder / "junit.xml").getroot().find("testsuite")
        assert suite is not None and int(suite.get("tests", "0")) == len(
            result["checks"]
        )


def test_the_overview_has_charts_and_links_and_no_script(graded: Path) -> None:
    page = (graded / "index.html").read_text(encoding="utf-8")
    assert page.count("<svg") == 3 and "<script" not in page
    assert 'href="students/alice/report.html"' in page
    assert ">-2_3<" in page


def test_a_loop_costs_one_time_limit_not_one_per_check(graded: Path) -> None:
    result = json.loads(
        (graded / "students" / "carol" / "result.json").read_text(encoding="utf-8")
    )
    padding = [check for check in result["checks"] if check["exercise"] == "padding"]
    timed_out = [check for check in padding if check["status"] == "timeout"]
    assert len(timed_out) == len(padding)
    assert (
        sum("earlier call" in check["message"] for check in timed_out)
        == len(padding) - 1
    )


def test_grading_twice_gives_identical_json(
    klass: Path, graded: Path, tmp_path: Path
) -> None:
    assert (
        run_batch(klass, tmp_path, "--jobs", "1", "--gradescope", "--junit")
        == ExitCode.OK
    )
    for row in rows(graded):
        student = row["student"].lstrip("'")
        for name in ("result.json", "outcome.json"):
            first = graded / "students" / student / name
            if first.exists():
                assert first.read_text(encoding="utf-8") == (
                    tmp_path / "students" / student / name
                ).read_text(encoding="utf-8")


def test_a_second_run_without_resume_refuses_to_mix_results(
    klass: Path, graded: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_batch(klass, graded) == ExitCode.USAGE
    assert "--resume" in capsys.readouterr().err


def test_resume_grades_only_what_changed(klass: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run_batch(klass, out, "--jobs", "1") == ExitCode.OK
    stamps = {
        p.parent.name: p.stat().st_mtime_ns for p in out.glob("students/*/outcome.json")
    }
    changed = tmp_path / "class"
    shutil.copytree(klass, changed)
    (changed / "bob.py").write_text(
        (EXAMPLES / "right" / "padding.py").read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    assert run_batch(changed, out, "--jobs", "1", "--resume") == ExitCode.OK
    after = {
        p.parent.name: p.stat().st_mtime_ns for p in out.glob("students/*/outcome.json")
    }
    regraded = {student for student in stamps if after[student] != stamps[student]}
    assert regraded == {"bob"}
    after_rows = {row["student"]: row for row in rows(out)}
    assert (
        after_rows["bob"]["padding"] == after_rows["alice"]["padding"]
    )  # full marks, as the right answer


def test_a_killed_batch_resumes_to_the_same_gradebook(
    klass: Path, graded: Path, tmp_path: Path
) -> None:
    out = tmp_path / "killed"
    command = [
        sys.executable,
        "-m",
        "grader",
        "batch",
        str(klass),
        "--out",
        str(out),
        "--course",
        str(ROOT),
        "--timeout",
        "2",
        "--lang",
        "en",
        "--jobs",
        "1",
        "--gradescope",
        "--junit",
    ]
    process = subprocess.Popen(
        command, cwd=ROOT, start_new_session=True, stdout=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 120
    while (
        len(list(out.glob("students/*/outcome.json"))) < 2
        and time.monotonic() < deadline
    ):
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    assert not (out / "gradebook.csv").exists()
    assert (
        run_batch(klass, out, "--resume", "--jobs", "2", "--gradescope", "--junit")
        == ExitCode.OK
    )
    assert (out / "gradebook.csv").read_text(encoding="utf-8") == (
        graded / "gradebook.csv"
    ).read_text(encoding="utf-8")
    assert not list(out.rglob(".*.tmp"))


def test_shards_merged_equal_a_single_run(
    klass: Path, graded: Path, tmp_path: Path
) -> None:
    parts = [tmp_path / "part1", tmp_path / "part2"]
    for index, part in enumerate(parts, start=1):
        assert (
            run_batch(klass, part, "--shard", f"{index}/2", "--jobs", "2")
            == ExitCode.OK
        )
    sizes = [len(rows(part)) for part in parts]
    assert sum(sizes) == len(rows(graded)) and all(sizes)
    merged = tmp_path / "merged"
    assert (
        main(
            [
                "merge",
                *map(str, parts),
                "--out",
                str(merged),
                "--course",
                str(ROOT),
                "--lang",
                "en",
            ]
        )
        == ExitCode.OK
    )
    assert (merged / "gradebook.csv").read_text(encoding="utf-8") == (
        graded / "gradebook.csv"
    ).read_text(encoding="utf-8")


def test_shards_are_stable_and_cover_everyone() -> None:
    entries = [batch.Entry(f"s{i}", Path(f"s{i}"), "") for i in range(50)]
    parts = [batch.shard(entries, index, 3) for index in (1, 2, 3)]
    assert sorted(e.student for part in parts for e in part) == sorted(
        e.student for e in entries
    )
    assert batch.shard(entries[:25], 2, 3) == [e for e in parts[1] if e in entries[:25]]


@pytest.mark.parametrize(
    ("name", "pattern", "student"),
    [
        (
            "Ivan Petrov_12345_assignsubmission_file_",
            r"_(?P<id>\d+)_assignsubmission",
            "12345",
        ),
        ("petrov-ivan", None, "petrov-ivan"),
        ("../weird name!", None, "weird_name"),
    ],
)
def test_student_ids_come_from_entry_names(
    tmp_path: Path, name: str, pattern: str | None, student: str
) -> None:
    import re

    assert (
        batch.student_id(Path(name), re.compile(pattern) if pattern else None)
        == student
    )


def test_gradescope_package_holds_the_course_and_its_scripts(tmp_path: Path) -> None:
    package = tmp_path / "autograder.zip"
    assert (
        main(["export", "gradescope", str(package), "--course", str(ROOT)])
        == ExitCode.OK
    )
    with zipfile.ZipFile(package) as archive:
        names = set(archive.namelist())
        assert {
            "setup.sh",
            "run_autograder",
            "pyproject.toml",
            "exercises/course.toml",
        } <= names
        assert any(name.startswith("solutions/checks/") for name in names)
        assert archive.getinfo("run_autograder").external_attr >> 16 & 0o111
        assert (
            "/autograder/results/results.json"
            in archive.read("run_autograder").decode()
        )


def test_fair_limits_follow_the_reference_within_floor_and_ceiling(
    course: Course,
) -> None:
    from grader.pipeline import CEILING_SECONDS, fair_limits
    from grader.sandbox import Limits

    limits = fair_limits(course, Limits(call_seconds=3.0))
    functions = {
        f"{exercise.id}.{name}"
        for exercise in course.exercises
        for name in exercise.functions
    }
    assert (
        set(limits.per_function) <= functions
        and len(limits.per_function) >= len(functions) - 3
    )
    assert all(
        3.0 <= seconds <= CEILING_SECONDS for seconds in limits.per_function.values()
    )
    assert limits.call_seconds == 3.0


def test_a_function_s_own_limit_applies_to_its_calls(tmp_path: Path) -> None:
    from grader.errors import CallTimeout
    from grader.sandbox import Limits, Session

    (tmp_path / "m.py").write_text(
        "import time\ndef nap(s):\n    time.sleep(s)\n    return s\n", encoding="utf-8"
    )
    session = Session(tmp_path, Limits(call_seconds=10.0, per_function={"m.nap": 0.5}))
    try:
        with pytest.raises(CallTimeout, match=r"0\.5 s"):
            session.call("m", "nap", (3.0,), {})
    finally:
        session.close()


def test_ctrl_c_stops_a_batch_at_once_and_keeps_what_was_graded(
    klass: Path, tmp_path: Path
) -> None:
    out = tmp_path / "interrupted"
    command = [
        sys.executable,
        "-m",
        "grader",
        "batch",
        str(klass),
        "--out",
        str(out),
        "--course",
        str(ROOT),
        "--timeout",
        "2",
        "--lang",
        "en",
        "--jobs",
        "2",
    ]
    process = subprocess.Popen(command, cwd=ROOT, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while not list(out.glob("students/*/outcome.json")) and time.monotonic() < deadline:
        time.sleep(0.05)
    process.send_signal(signal.SIGINT)
    _out, err = process.communicate(timeout=30)
    assert process.returncode == ExitCode.INTERRUPTED
    saved = len(list(out.glob("students/*/outcome.json")))
    assert f"{saved} students are saved" in err and "--resume" in err
    assert saved < len(list(klass.iterdir()))


def test_a_student_entry_that_is_a_link_grades_nothing_it_points_at(
    tmp_path: Path,
) -> None:
    klass = tmp_path / "class"
    klass.mkdir()
    (klass / "bob").mkdir()
    (klass / "bob" / "exercises").symlink_to(
        ROOT / "solutions", target_is_directory=True
    )
    (klass / "carol").symlink_to(EXAMPLES / "right", target_is_directory=True)
    out = tmp_path / "out"
    assert run_batch(klass, out, "--jobs", "1") == ExitCode.OK
    by_student = {row["student"]: row for row in rows(out)}
    assert (
        by_student["carol"]["status"] == "unreadable"
        and "symbolic link" in by_student["carol"]["message"]
    )
    assert (
        by_student["bob"]["status"] == "unreadable"
        or float(by_student["bob"]["score"]) == 0
    )
