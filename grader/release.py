"""The student kit: what a teacher hands out, and nothing from ``solutions/``.

``grade release OUT`` writes::

    OUT/README.md                   how to fill in, check and hand in (in the kit's language)
    OUT/exercises/                  stubs, public checks, data, course.toml, lesson texts
    OUT/notebooks/part-<N>.ipynb    one notebook per lesson part: the lesson's text,
                                    each stub in a cell tagged with its exercise id,
                                    and a cell that runs the public checks
    OUT/.github/workflows/grade.yml the CI workflow that runs the public checks
    OUT/docs/grade-sealed.yml       the sealed-mode workflow, for the teacher to enable
    OUT/.gitlab-ci.yml              the same for GitLab, with a JUnit report

A lesson part is the number before the first dot of an exercise's
``section`` in course.toml; its text is ``exercises/lesson/part-<N>.<lang>.md``.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterable
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from grader.course import Course, Exercise
from grader.errors import UsageError
from grader.i18n import _
from grader.notebooks import SKIP_TAG
from grader.render import environment

KIT_FILES = (
    (
        "kit/grade.yml.j2",
        ".github/workflows/grade.yml",
    ),  # public mode, on from the start
    (
        "kit/grade-sealed.yml.j2",
        "docs/grade-sealed.yml",
    ),  # sealed mode: the teacher moves it in
    ("kit/gitlab-ci.yml.j2", ".gitlab-ci.yml"),
)
LEFT_OUT = shutil.ignore_patterns("__pycache__", "*.pyc", ".ipynb_checkpoints")


def parts(course: Course) -> dict[str, list[Exercise]]:
    """Exercises grouped by lesson part, in the course's order."""
    grouped: dict[str, list[Exercise]] = {}
    for exercise in course.exercises:
        key = (
            exercise.section.split(".", 1)[0].strip()
            if "." in exercise.section
            else "1"
        )
        grouped.setdefault(key, []).append(exercise)
    return grouped


def release(course: Course, out: Path, language: str) -> list[Path]:
    """Write the kit into ``out`` (new or empty); the notebooks written."""
    if out.exists() and any(out.iterdir()):
        raise UsageError(
            _("{path} is not empty; choose a new folder for the kit").format(path=out)
        )
    shutil.copytree(course.root / "exercises", out / "exercises", ignore=LEFT_OUT)
    copy_engine(out)
    notebooks = [
        write_notebook(
            course, key, exercises, out / "notebooks" / f"part-{key}.ipynb", language
        )
        for key, exercises in parts(course).items()
    ]
    write_text(
        out / "README.md",
        render_kit("kit/README.md.j2", course, language, notebooks, out),
    )
    for template, target in KIT_FILES:
        write_text(out / target, render_kit(template, course, language, notebooks, out))
    return notebooks


def copy_engine(out: Path) -> None:
    """The grader itself, so students can run ``grade`` (it holds nothing of a course)."""
    engine = Path(__file__).resolve().parent
    shutil.copytree(engine, out / "grader", ignore=LEFT_OUT)
    templates = (
        engine / "templates"
        if (engine / "templates").is_dir()
        else engine.parent / "templates"
    )
    shutil.copytree(templates, out / "templates", ignore=LEFT_OUT)
    project = engine.parent / "pyproject.toml"
    if project.is_file():
        shutil.copyfile(project, out / "pyproject.toml")


def write_text(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def render_kit(
    name: str, course: Course, language: str, notebooks: Iterable[Path], out: Path
) -> str:
    template = environment().get_template(name)
    return template.render(
        course=course,
        language=language,
        notebooks=[path.relative_to(out).as_posix() for path in notebooks],
    )


def lesson_text(course: Course, key: str, language: str) -> str:
    for candidate in (language, "en", "ru"):
        path = course.root / "exercises" / "lesson" / f"part-{key}.{candidate}.md"
        if path.is_file():
            return path.read_text(encoding="utf-8")
    return f"# {key}"


def write_notebook(
    course: Course, key: str, exercises: list[Exercise], path: Path, language: str
) -> Path:
    """One lesson part: its text, then each exercise's stub in a tagged cell, then the checks."""
    cells = [new_markdown_cell(lesson_text(course, key, language))]
    for exercise in exercises:
        stub = (course.root / "exercises" / exercise.filename).read_text(
            encoding="utf-8"
        )
        cells.append(
            new_markdown_cell(f"## {_(exercise.title)}\n\n{_(exercise.section)}")
        )
        cells.append(new_code_cell(stub, metadata={"tags": [exercise.id]}))
    cells.append(
        new_markdown_cell(
            _(
                "## Check your work\n\nSave the notebook first (Ctrl+S): the checks read the saved file."
            )
        )
    )
    cells.append(new_code_cell(checks_cell(path.name), metadata={"tags": [SKIP_TAG]}))
    notebook = new_notebook(
        cells=cells,
        metadata={
            "language_info": {"name": "python"},
            "kernelspec": {
                "name": "python3",
                "display_name": "Python 3",
                "language": "python",
            },
        },
    )
    nbformat.validate(notebook)
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, str(path))
    return path


def checks_cell(notebook_name: str) -> str:
    """Runs the public checks on this notebook's saved file, in a separate process."""
    return (
        "import subprocess, sys\n"
        f'done = subprocess.run([sys.executable, "-m", "grader", "notebooks/{notebook_name}", "--course", "."], '
        'cwd="..", capture_output=True, text=True)\n'
        "print(done.stdout or done.stderr)\n"
    )
