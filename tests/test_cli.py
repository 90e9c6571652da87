"""The grade command end to end: exit codes, reports, and the bundled course."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from grader.cli import ExitCode, main
from tests.conftest import EXAMPLES, ROOT


def grade_cli(*args: str) -> int:
    return main([*args, "--course", str(ROOT), "--timeout", "2", "--lang", "en"])


def test_the_solutions_score_full_marks(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = tmp_path / "r.json"
    assert grade_cli(str(ROOT / "solutions"), "--json", str(report)) == ExitCode.OK
    result = json.loads(report.read_text(encoding="utf-8"))
    assert result["schema_version"] == 1
    assert result["max_score"] > 0 and result["score"] == result["max_score"]
    assert {check["status"] for check in result["checks"]} == {"passed"}
    assert {check["exercise"] for check in result["checks"]} >= {
        "kernel_quiz",
        "averaging",
        "padding",
        "slash",
    }
    assert "Score:" in capsys.readouterr().out.splitlines()[-1]


def test_the_untouched_stubs_score_zero_and_say_not_implemented(tmp_path: Path) -> None:
    report = tmp_path / "r.json"
    assert grade_cli(str(ROOT / "exercises"), "--json", str(report)) == ExitCode.OK
    result = json.loads(report.read_text(encoding="utf-8"))
    assert result["score"] == 0
    assert all(
        "not implemented yet" in check["message"] for check in result["checks"]
    ), [
        check["message"]
        for check in result["checks"]
        if "not implemented yet" not in check["message"]
    ]


def test_the_html_report_is_one_self_contained_file(tmp_path: Path) -> None:
    report = tmp_path / "report.html"
    assert (
        grade_cli(str(EXAMPLES / "pad_one_side.py"), "--html", str(report))
        == ExitCode.OK
    )
    html = report.read_text(encoding="utf-8")
    assert "Content-Security-Policy" in html
    assert "<script" not in html and "http://" not in html and "https://" not in html
    assert "data:image/png;base64," in html
    assert "pad_zero(" in html and "one side" in html


def test_a_missing_submission_is_one_line_and_exit_3(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert grade_cli(str(tmp_path / "nothing-here")) == ExitCode.SUBMISSION
    err = capsys.readouterr().err
    assert err.startswith("grade: ") and err.count("\n") == 1 and "no such file" in err


def test_a_folder_without_exercises_says_what_it_expected(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "notes.txt").write_text("hello", encoding="utf-8")
    assert grade_cli(str(tmp_path)) == ExitCode.SUBMISSION
    err = capsys.readouterr().err
    assert "no exercise found" in err and "expected files such as pixels.py" in err


def test_a_folder_that_is_not_a_course_is_exit_4(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main([str(EXAMPLES / "right"), "--course", str(tmp_path)])
    assert code == ExitCode.COURSE
    assert "not a course folder" in capsys.readouterr().err


def test_without_course_the_nearest_one_above_is_used(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(ROOT / "exercises" / "checks")
    report = tmp_path / "r.json"
    assert (
        main([str(EXAMPLES / "pad_one_side.py"), "--json", str(report), "--lang", "en"])
        == ExitCode.OK
    )
    assert json.loads(report.read_text(encoding="utf-8"))["max_score"] > 0


def test_outside_any_course_the_error_says_how_to_name_one(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main([str(EXAMPLES / "pad_one_side.py")]) == ExitCode.COURSE
    assert "--course" in capsys.readouterr().err


@pytest.mark.parametrize("bad", ["0", "-1", "soon"])
def test_a_bad_timeout_is_a_usage_error(
    bad: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([str(EXAMPLES / "right"), "--timeout", bad]) == ExitCode.USAGE
    assert "seconds" in capsys.readouterr().err


def test_help_lists_the_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == ExitCode.OK
    out = capsys.readouterr().out
    for code in ExitCode:
        assert f"  {int(code):>3}  " in out


def test_an_unwritable_report_is_exit_5(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    assert (
        grade_cli(str(EXAMPLES / "pad_one_side.py"), "--json", str(blocker / "r.json"))
        == ExitCode.OUTPUT
    )
    assert "cannot write" in capsys.readouterr().err


def test_python_dash_m_grader_runs_the_same_command() -> None:
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "grader", "--help"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert done.returncode == 0 and "exit codes" in done.stdout


def test_an_unreadable_submission_still_gives_gradescope_its_reason(
    tmp_path: Path,
) -> None:
    notebook = tmp_path / "broken.ipynb"
    notebook.write_text("{not json", encoding="utf-8")
    results = tmp_path / "results.json"
    assert grade_cli(str(notebook), "--gradescope", str(results)) == ExitCode.SUBMISSION
    data = json.loads(results.read_text(encoding="utf-8"))
    assert data["score"] == 0 and "not a notebook" in data["output"]


def test_a_bug_in_the_grader_is_one_line_and_exit_70(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import grader.pipeline

    def broken(*args: object, **kwargs: object) -> None:
        raise ZeroDivisionError("boom")

    monkeypatch.setattr(grader.pipeline, "grade_submission", broken)
    assert grade_cli(str(EXAMPLES / "pad_one_side.py")) == ExitCode.INTERNAL
    err = capsys.readouterr().err
    assert (
        err.startswith("grade: internal error (ZeroDivisionError")
        and err.count("\n") == 1
    )
