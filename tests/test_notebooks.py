"""Notebooks in, student kit out: release, round trip, and broken files."""

from __future__ import annotations

import json
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from grader.cli import ExitCode, main
from grader.course import Course
from grader.i18n import set_language
from grader.release import parts, release
from grader.results import GradeResult
from tests.conftest import EXAMPLES, ROOT

Grade = Callable[..., GradeResult]


@pytest.fixture(scope="module")
def kit(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from grader.course import load_course

    set_language("en")
    out = tmp_path_factory.mktemp("kit") / "kit"
    release(load_course(ROOT), out, "en")
    return out


def test_the_kit_has_stubs_checks_notebooks_readme_and_workflow(
    kit: Path, course: Course
) -> None:
    for exercise in course.exercises:
        assert (kit / "exercises" / exercise.filename).is_file()
    assert (kit / "exercises" / "checks" / "test_padding.py").is_file()
    assert (kit / "README.md").is_file() and (
        kit / ".github" / "workflows" / "grade.yml"
    ).is_file()
    assert not (kit / "solutions").exists()
    notebooks = sorted((kit / "notebooks").glob("*.ipynb"))
    assert len(notebooks) == len(parts(course))
    tagged = set()
    for path in notebooks:
        notebook = nbformat.read(str(path), as_version=4)
        nbformat.validate(notebook)
        assert notebook.nbformat == 4 and notebook.cells[0].cell_type == "markdown"
        tagged |= {
            tag for cell in notebook.cells for tag in cell.metadata.get("tags", [])
        }
    assert tagged == {exercise.id for exercise in course.exercises} | {"skip-grading"}


def solution_only_lines() -> set[str]:
    """Lines of solutions/ found nowhere in what is public (exercises/, the engine): what must never leak."""
    public = set()
    for folder in ("exercises", "grader", "templates"):
        for path in (ROOT / folder).rglob("*"):
            if path.is_file() and path.suffix in (".py", ".toml", ".md", ".j2"):
                public |= {
                    line.strip()
                    for line in path.read_text(encoding="utf-8").splitlines()
                }
    secret = set()
    for path in (ROOT / "solutions").rglob("*.py"):
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if (
                len(line) >= 16
                and line not in public
                and re.search(r"[A-Za-z0-9]", line)
                and not line.startswith("#")
            ):
                secret.add(line)
    return secret


def test_nothing_from_solutions_reaches_the_kit(kit: Path) -> None:
    secret = solution_only_lines()
    assert len(secret) > 200  # the comparison has something to compare
    leaked = []
    for path in kit.rglob("*"):
        if not path.is_file() or path.suffix not in (
            ".py",
            ".ipynb",
            ".md",
            ".yml",
            ".toml",
            ".po",
            ".j2",
        ):
            continue
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".ipynb":
            text = "\n".join(
                "".join(cell.source)
                for cell in nbformat.reads(text, as_version=4).cells
            )
        lines = {line.strip() for line in text.splitlines()}
        leaked += [(path.relative_to(kit).as_posix(), line) for line in secret & lines]
    assert leaked == []


@pytest.mark.parametrize("part", ["1", "3"])
def test_a_kit_notebook_runs_top_to_bottom_with_its_stubs_empty(
    kit: Path, part: str
) -> None:
    path = kit / "notebooks" / f"part-{part}.ipynb"
    notebook = nbformat.read(str(path), as_version=4)
    NotebookClient(
        notebook,
        timeout=120,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
    ).execute()
    outputs = [
        output
        for cell in notebook.cells
        if cell.cell_type == "code"
        for output in cell.get("outputs", [])
    ]
    assert not [output for output in outputs if output.get("output_type") == "error"]
    printed = "".join(
        output.get("text", "")
        for output in outputs
        if output.get("output_type") == "stream"
    )
    assert "Score: 0 /" in printed and "not implemented" in printed


def filled(kit_notebook: Path, into: Path) -> Path:
    """The kit's notebook with each tagged cell replaced by the reference solution."""
    notebook = nbformat.read(str(kit_notebook), as_version=4)
    for cell in notebook.cells:
        for tag in cell.metadata.get("tags", []):
            if tag != "skip-grading":
                cell.source = (ROOT / "solutions" / f"{tag}.py").read_text(
                    encoding="utf-8"
                )
    path = into / kit_notebook.name
    nbformat.write(notebook, str(path))
    return path


def test_round_trip_solutions_in_the_kit_notebook_score_full_marks(
    kit: Path, tmp_path: Path, grade: Grade
) -> None:
    for notebook in sorted((kit / "notebooks").glob("*.ipynb")):
        result = grade(filled(notebook, tmp_path))
        assert result.max_score > 0 and result.score == result.max_score, notebook.name


def test_round_trip_the_untouched_kit_notebook_scores_zero(
    kit: Path, grade: Grade
) -> None:
    result = grade(kit / "notebooks" / "part-3.ipynb")
    assert result.score == 0 and result.max_score > 0
    assert all("not implemented" in check.message for check in result.checks)


LESSON_STYLE = [
    ("markdown", "# Свёртки\nДля работы с фото мы будем использовать пакет `cv2`."),
    (
        "code",
        "import pandas as pd\nimport numpy as np\nimport pickle\nfrom tqdm import tqdm_notebook\nimport cv2\n"
        "from matplotlib import pyplot as plt\n%matplotlib inline",
    ),
    (
        "code",
        "with open('../vk_data/vk_data_photos_v1', 'rb') as f:\n    photo = pickle.load(f)\nphoto[10]",
    ),
    ("markdown", "Каждая картинка это набор пикселей."),
    (
        "code",
        "!pip install opencv-python\nimg = np.zeros((4, 4), np.uint8)\nplt.imshow(img)\nplt.show()",
    ),
]


def test_a_lesson_style_notebook_with_right_answers_gets_full_marks(
    tmp_path: Path, grade: Grade, course: Course
) -> None:
    cells = [
        nbformat.v4.new_markdown_cell(text)
        if kind == "markdown"
        else nbformat.v4.new_code_cell(text)
        for kind, text in LESSON_STYLE
    ]
    for exercise in course.exercises:  # untagged: matched by the functions they define
        cells.append(
            nbformat.v4.new_code_cell(
                (EXAMPLES / "right" / exercise.filename).read_text(encoding="utf-8")
            )
        )
        cells.append(
            nbformat.v4.new_code_cell("for i in tqdm_notebook(range(3)):\n    print(i)")
        )
    path = tmp_path / "lesson.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=cells), str(path))
    result = grade(path)
    assert {score.id for score in result.exercises} == {
        exercise.id for exercise in course.exercises
    }
    assert result.score == result.max_score
    assert (
        "FileNotFoundError" in result.output
    )  # the failing cell is reported, and the rest still ran


def write_bytes(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


BROKEN = {
    "merge-conflict": (
        lambda p: write_bytes(
            p, b'<<<<<<< HEAD\n{"cells": []}\n=======\n>>>>>>> other\n'
        ),
        "merge-conflict",
    ),
    "invalid-json": (lambda p: write_bytes(p, b'{"cells": [,]}'), "invalid JSON"),
    "not-utf8": (
        lambda p: write_bytes(
            p,
            json.dumps({"nbformat": 4, "cells": [], "metadata": {}}).encode()
            + "Привет".encode("cp1251"),
        ),
        "not UTF-8",
    ),
    "no-code-cells": (
        lambda p: nbformat.write(
            nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("hi")]),
            str(p),
        ),
        "no code cells",
    ),
    "format-2": (
        lambda p: write_bytes(
            p, json.dumps({"nbformat": 2, "worksheets": []}).encode()
        ),
        "format 2",
    ),
    "huge": (
        lambda p: write_bytes(
            p, b'{"nbformat": 4, "x": "' + b"A" * (21 * 1024 * 1024) + b'"}'
        ),
        "clear its outputs",
    ),
}


@pytest.mark.parametrize("case", list(BROKEN))
def test_a_broken_notebook_is_one_clear_line_and_exit_3(
    tmp_path: Path, case: str, capsys: pytest.CaptureFixture[str]
) -> None:
    make, phrase = BROKEN[case]
    path = tmp_path / "homework.ipynb"
    make(path)
    assert (
        main([str(path), "--course", str(ROOT), "--lang", "en"]) == ExitCode.SUBMISSION
    )
    err = capsys.readouterr().err
    assert err.startswith("grade: ") and err.count("\n") == 1 and phrase in err, err


def test_a_format_3_notebook_is_converted_and_graded(
    tmp_path: Path, grade: Grade
) -> None:
    from nbformat import v3
    from nbformat.v3 import nbjson

    source = (EXAMPLES / "right" / "padding.py").read_text(encoding="utf-8")
    old = v3.new_notebook(
        worksheets=[v3.new_worksheet(cells=[v3.new_code_cell(input=source)])]
    )
    path = tmp_path / "old.ipynb"
    path.write_text(nbjson.writes(old), encoding="utf-8")
    result = grade(path)
    assert result.score == result.max_score > 0
    assert any("format 3" in note for note in result.notes)


def test_outputs_and_widgets_are_never_read(tmp_path: Path, grade: Grade) -> None:
    cell = nbformat.v4.new_code_cell(
        (EXAMPLES / "right" / "padding.py").read_text(encoding="utf-8")
    )
    cell.outputs = [
        nbformat.v4.new_output(
            "display_data", data={"text/html": "<script>alert(1)</script>"}
        )
    ]
    notebook = nbformat.v4.new_notebook(cells=[cell])
    notebook.metadata["widgets"] = {
        "application/vnd.jupyter.widget-state+json": {"state": {}}
    }
    path = tmp_path / "outputs.ipynb"
    nbformat.write(notebook, str(path))
    result = grade(path)
    assert result.score == result.max_score
    assert "alert(1)" not in result.to_json()


def test_a_zip_slip_archive_stays_inside_and_grades_what_is_safe(
    tmp_path: Path, grade: Grade
) -> None:
    archive = tmp_path / "hand-in.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr(
            "hw/padding.py",
            (EXAMPLES / "right" / "padding.py").read_text(encoding="utf-8"),
        )
        zipped.writestr("../../escaped.py", "print('escaped')\n")
        zipped.writestr("/tmp/absolute-escape.py", "print('escaped')\n")
        link = zipfile.ZipInfo("hw/slash.py")
        link.external_attr = 0o120777 << 16
        zipped.writestr(link, "/etc/passwd")
    result = grade(archive)
    assert (
        not (tmp_path.parent / "escaped.py").exists()
        and not Path("/tmp/absolute-escape.py").exists()
    )
    padding = [score for score in result.exercises if score.id == "padding"]
    assert padding and padding[0].points == padding[0].max_points
    assert any("unsafe paths or links" in note for note in result.notes)


def test_a_zip_bomb_is_refused_with_a_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    archive = tmp_path / "bomb.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zipped:
        zipped.writestr("padding.py", b"#" * (60 * 1024 * 1024))
    assert (
        main([str(archive), "--course", str(ROOT), "--lang", "en"])
        == ExitCode.SUBMISSION
    )
    assert "more than" in capsys.readouterr().err


def test_a_folder_of_the_kit_s_notebooks_is_graded_as_one_submission(
    kit: Path, tmp_path: Path, grade: Grade, course: Course
) -> None:
    folder = tmp_path / "student"
    folder.mkdir()
    for notebook in sorted((kit / "notebooks").glob("*.ipynb")):
        filled(notebook, folder)
    result = grade(folder)
    assert {score.id for score in result.exercises} == {
        exercise.id for exercise in course.exercises
    }
    assert result.score == result.max_score
    assert (
        "No module named grader" not in result.output
    )  # the kit's own checks cell is not run


def test_a_failing_cell_is_reported_at_its_own_line(
    tmp_path: Path, grade: Grade
) -> None:
    source = (EXAMPLES / "right" / "padding.py").read_text(encoding="utf-8")
    cells = [
        nbformat.v4.new_code_cell("x = 1\n\nopen('missing.pkl')"),
        nbformat.v4.new_code_cell(source),
    ]
    path = tmp_path / "lines.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=cells), str(path))
    result = grade(path)
    assert "[cell 1, line 3] FileNotFoundError" in result.output
    assert result.score == result.max_score


@pytest.mark.parametrize(
    "members",
    [
        [("a", b"x"), ("a/padding.py", b"x")],
        [("a/padding.py", b"x"), ("a", b"x")],
        [("x" * 300 + ".py", b"x")],
    ],
    ids=["file-then-folder", "folder-then-file", "name-too-long"],
)
def test_an_odd_zip_is_a_clear_message_not_a_traceback(
    tmp_path: Path, members: list[tuple[str, bytes]], capsys: pytest.CaptureFixture[str]
) -> None:
    archive = tmp_path / "odd.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        for name, data in members:
            zipped.writestr(name, data)
    assert (
        main([str(archive), "--course", str(ROOT), "--lang", "en"])
        == ExitCode.SUBMISSION
    )
    assert capsys.readouterr().err.startswith("grade: ")
