"""grade ci in a simulated GitHub Actions runner: summary, outputs, annotations, nothing injected."""

from __future__ import annotations

import re
import shutil
import textwrap
from pathlib import Path

import pytest

from grader.ci import escape_data, escape_property, markdown_cell
from grader.cli import ExitCode, main
from tests.conftest import EXAMPLES, ROOT


@pytest.fixture
def runner(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    """The files and variables a GitHub Actions runner gives a step."""
    files = {
        "summary": tmp_path / "summary.md",
        "output": tmp_path / "output.txt",
        "workspace": tmp_path / "repo",
    }
    files["workspace"].mkdir()
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(files["summary"]))
    monkeypatch.setenv("GITHUB_OUTPUT", str(files["output"]))
    monkeypatch.setenv("GITHUB_WORKSPACE", str(files["workspace"]))
    monkeypatch.chdir(files["workspace"])
    return files


def pull_request(runner: dict[str, Path], **files: str) -> Path:
    """The student's exercises folder in the checked-out pull request: right answers, some replaced."""
    folder = runner["workspace"] / "exercises"
    shutil.copytree(EXAMPLES / "right", folder)
    for name, source in files.items():
        (folder / name).write_text(textwrap.dedent(source), encoding="utf-8")
    return folder


def grade_ci(folder: Path, *extra: str) -> int:
    return main(
        [
            "ci",
            str(folder),
            "--course",
            str(ROOT),
            "--timeout",
            "6",
            "--lang",
            "en",
            *extra,
        ]
    )


def commands_outside_the_fence(out: str) -> list[str]:
    """Lines the runner would read as workflow commands: those not between stop-commands and its token."""
    active, token, found = True, "", []
    for line in out.splitlines():
        if active and line.startswith("::stop-commands::"):
            active, token = False, line.split("::")[2]
        elif not active and line == f"::{token}::":
            active = True
        elif active and line.startswith("::"):
            found.append(line)
    return found


def test_a_partial_solution_gets_a_summary_outputs_and_annotations(
    runner: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    folder = pull_request(
        runner,
        **{"padding.py": (EXAMPLES / "pad_one_side.py").read_text(encoding="utf-8")},
    )
    assert grade_ci(folder) == ExitCode.OK
    out = capsys.readouterr().out
    outputs = dict(
        line.split("=", 1)
        for line in runner["output"].read_text(encoding="utf-8").splitlines()
    )
    assert float(outputs["score"]) < float(outputs["max_score"])
    summary = runner["summary"].read_text(encoding="utf-8")
    assert "| Zero padding |" in summary and "one side" in summary
    annotations = [
        line for line in commands_outside_the_fence(out) if line.startswith("::error ")
    ]
    assert len(annotations) == 1
    line = next(
        n
        for n, text in enumerate((folder / "padding.py").read_text().splitlines(), 1)
        if text.startswith("def pad_zero")
    )
    assert annotations[0].startswith(f"::error file=exercises/padding.py,line={line},")
    assert (runner["workspace"] / "grade-report.html").is_file()


def test_below_the_minimum_score_the_job_fails(runner: dict[str, Path]) -> None:
    folder = pull_request(
        runner,
        **{"padding.py": "def pad_zero(img, p):\n    raise NotImplementedError\n"},
    )
    assert grade_ci(folder, "--min-score", "1000") == ExitCode.BELOW_MIN


WORKFLOW_COMMANDS = """
import sys
print("::set-output name=score::100")
print("::add-mask::FAILED")
print("::stop-commands::x")
sys.stderr.write("::set-env name=PATH::/tmp\\n")
def pad_zero(img, p):
    raise ValueError("\\n::set-output name=score::100\\n::error::all good")
"""


def test_workflow_commands_from_the_submission_never_reach_the_runner(
    runner: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    folder = pull_request(runner, **{"padding.py": WORKFLOW_COMMANDS})
    grade_ci(folder)
    out = capsys.readouterr().out
    outside = commands_outside_the_fence(out)
    assert all(line.startswith("::error file=") for line in outside), outside
    assert all(
        "%0A::set-output" in line or "set-output" not in line for line in outside
    )
    assert "score=100" not in runner["output"].read_text(encoding="utf-8")


def test_a_pull_request_that_adds_conftest_or_edits_checks_changes_nothing(
    runner: dict[str, Path],
) -> None:
    honest = pull_request(runner)
    assert grade_ci(honest) == ExitCode.OK
    expected = runner["output"].read_text(encoding="utf-8")
    runner["output"].write_text("", encoding="utf-8")
    (honest / "padding.py").write_text(
        (EXAMPLES / "pad_one_side.py").read_text(encoding="utf-8"), encoding="utf-8"
    )
    (honest / "conftest.py").write_text(
        "import pytest\n@pytest.hookimpl(hookwrapper=True)\ndef pytest_runtest_makereport(item, call):\n"
        "    outcome = yield\n    outcome.get_result().outcome = 'passed'\n",
        encoding="utf-8",
    )
    (honest / "checks").mkdir()
    (honest / "checks" / "test_padding.py").write_text(
        "def test_all():\n    assert True\n", encoding="utf-8"
    )
    grade_ci(honest)
    edited = runner["output"].read_text(encoding="utf-8")
    score = lambda text: float(re.search(r"score=([\d.]+)", text).group(1))  # noqa: E731
    assert score(edited) < score(expected)


def test_off_github_it_writes_junit_and_markdown(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.chdir(tmp_path)
    assert (
        main(
            [
                "ci",
                str(EXAMPLES / "pad_one_side.py"),
                "--course",
                str(ROOT),
                "--lang",
                "en",
            ]
        )
        == ExitCode.OK
    )
    assert "<testsuite" in (tmp_path / "grade-junit.xml").read_text(encoding="utf-8")
    assert "| Zero padding |" in (tmp_path / "grade-summary.md").read_text(
        encoding="utf-8"
    )


def test_escapes_follow_the_runner_s_rules() -> None:
    assert escape_data("50%\r\n::x") == "50%25%0D%0A::x"
    assert escape_property("a:b,c") == "a%3Ab%2Cc"
    assert (
        markdown_cell("<b>|`x`\n") == "&lt;b&gt;&#124;&#96;x&#96;<br>"
    )  # nothing of Markdown or HTML survives


@pytest.fixture
def keys(monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    from grader.seal import new_seal_key, new_signing_key

    private, public = new_signing_key()
    found = {"seal": new_seal_key(), "private": private, "public": public}
    monkeypatch.setenv("GRADER_SEAL_KEY", found["seal"])
    monkeypatch.setenv("GRADER_SIGNING_KEY", private)
    return found


@pytest.fixture
def kit(tmp_path: Path) -> Path:
    """A student's repository: the kit, which holds no solutions/."""
    from grader.course import load_course
    from grader.release import release

    out = tmp_path / "kit"
    release(load_course(ROOT), out, "en")
    return out


def sealed_file(tmp_path: Path) -> Path:
    sealed = tmp_path / "checks.sealed"
    assert (
        main(["seal", str(sealed), "--course", str(ROOT), "--lang", "en"])
        == ExitCode.OK
    )
    return sealed


def test_sealed_checks_grade_with_the_hidden_checks_and_the_result_is_signed(
    kit: Path, tmp_path: Path, keys: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import json

    sealed = sealed_file(tmp_path)
    assert (
        b"def pad_zero" not in sealed.read_bytes()
        and b"ANSWERS" not in sealed.read_bytes()
    )
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "pr"
    shutil.copytree(EXAMPLES / "right", folder)
    assert (
        main(
            [
                "ci",
                str(folder),
                "--course",
                str(kit),
                "--sealed",
                str(sealed),
                "--lang",
                "en",
            ]
        )
        == ExitCode.OK
    )
    result = json.loads((tmp_path / "grade-result.json").read_text(encoding="utf-8"))
    assert {check["visibility"] for check in result["checks"]} == {"public", "hidden"}
    assert result["score"] == result["max_score"]
    assert not list(tmp_path.glob("**/solutions/checks")), (
        "the plain checks stayed on disk"
    )
    verify = [
        "verify",
        str(tmp_path / "grade-result.json"),
        "--public-key",
        keys["public"],
    ]
    assert main(verify) == ExitCode.OK
    forged = result | {"score": result["max_score"] + 1}
    (tmp_path / "grade-result.json").write_text(json.dumps(forged), encoding="utf-8")
    assert main(verify) == ExitCode.FORGED


@pytest.mark.parametrize("damage", ["wrong-key", "flipped-byte", "no-key"])
def test_a_wrong_key_or_a_changed_sealed_file_is_a_clear_error(
    kit: Path,
    tmp_path: Path,
    keys: dict[str, str],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    damage: str,
) -> None:
    from grader.seal import new_seal_key

    sealed = sealed_file(tmp_path)
    if damage == "wrong-key":
        monkeypatch.setenv("GRADER_SEAL_KEY", new_seal_key())
    elif damage == "no-key":
        monkeypatch.delenv("GRADER_SEAL_KEY")
    else:
        data = bytearray(sealed.read_bytes())
        data[len(data) // 2] ^= 1
        sealed.write_bytes(bytes(data))
    monkeypatch.chdir(tmp_path)
    code = main(
        [
            "ci",
            str(EXAMPLES / "right"),
            "--course",
            str(kit),
            "--sealed",
            str(sealed),
            "--lang",
            "en",
        ]
    )
    assert code == ExitCode.COURSE
    err = capsys.readouterr().err
    assert err.startswith("grade: ") and err.count("\n") == 1
    assert (
        ("GRADER_SEAL_KEY" in err)
        if damage == "no-key"
        else ("key is wrong or the file was changed" in err)
    )


def validate(schema: str, *paths: Path) -> None:
    import subprocess
    import sys

    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "check_jsonschema",
            "--builtin-schema",
            schema,
            *map(str, paths),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_kit_s_workflows_follow_the_published_schemas_and_the_guidance(
    kit: Path,
) -> None:
    github = [
        kit / ".github" / "workflows" / "grade.yml",
        kit / "docs" / "grade-sealed.yml",
        ROOT / "docs" / "grade-class.yml",
    ]
    validate("vendor.github-workflows", *github)
    validate("vendor.gitlab-ci", kit / ".gitlab-ci.yml")
    for path in github:
        text = path.read_text(encoding="utf-8")
        uses = re.findall(r"uses: (\S+)", text)
        assert uses and all(
            re.fullmatch(r"[\w./-]+@[0-9a-f]{40}", use) for use in uses
        ), uses
        assert text.count("persist-credentials: false") == text.count(
            "actions/checkout@"
        )
        assert "permissions:\n  contents: read\n" in text and "write" not in text
    sealed = (kit / "docs" / "grade-sealed.yml").read_text(encoding="utf-8")
    assert "pull_request_target" in sealed and "environment: grading" in sealed
    assert "GRADER_ISOLATION: bwrap" in sealed


def test_an_error_about_the_submission_cannot_start_a_log_line_of_its_own(
    runner: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    folder = runner["workspace"] / "exercises"
    folder.mkdir()
    (folder / "a\n::error title=Grader::Score 377 of 377\nb.py").write_text(
        "def (:\n", encoding="utf-8"
    )
    assert grade_ci(folder) == ExitCode.SUBMISSION
    captured = capsys.readouterr()
    assert commands_outside_the_fence(captured.out + captured.err) == []
    assert captured.err.count("\n") == 1


def test_a_summary_cell_renders_no_link_image_or_emphasis() -> None:
    cell = markdown_cell("[Score 377](https://example.invalid) ![x](y) **bold** _it_")
    assert "[" not in cell and "](" not in cell and "**" not in cell and "_" not in cell


def test_sealed_mode_shows_whether_hidden_checks_passed_but_not_their_inputs(
    kit: Path, tmp_path: Path, keys: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import json

    sealed = sealed_file(tmp_path)
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "pr"
    shutil.copytree(EXAMPLES / "right", folder)
    (folder / "padding.py").write_text(
        (EXAMPLES / "pad_one_side.py").read_text(encoding="utf-8"), encoding="utf-8"
    )
    assert (
        main(
            [
                "ci",
                str(folder),
                "--course",
                str(kit),
                "--sealed",
                str(sealed),
                "--lang",
                "en",
            ]
        )
        == ExitCode.OK
    )
    result = json.loads((tmp_path / "grade-result.json").read_text(encoding="utf-8"))
    hidden = [
        c
        for c in result["checks"]
        if c["visibility"] == "hidden" and c["status"] != "passed"
    ]
    assert hidden and all(
        "pad_zero(" not in c["message"] and not c["pictures"] and not c["hint"]
        for c in hidden
    )
    public = [
        c
        for c in result["checks"]
        if c["visibility"] == "public" and c["status"] != "passed"
    ]
    assert public and all("pad_zero(" in c["message"] for c in public)
