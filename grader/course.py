"""The course layout: which exercises exist and where their checks live.

A course is a folder holding::

    exercises/course.toml     title, and one [[exercises]] table per exercise
    exercises/<id>.py         the stub a student fills in
    exercises/checks/         public checks (test_*.py)
    solutions/<id>.py         the reference solution        (instructor only)
    solutions/checks/         hidden checks (test_*.py)     (instructor only)

``course.toml`` may name a ``fixtures`` module (a path relative to the course
folder) whose pytest fixtures every check can use. The grader knows nothing
else about a course.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from grader.errors import CourseError
from grader.i18n import _

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


def read_toml(text: str) -> dict[str, Any]:
    return tomllib.loads(text)


IDENTIFIER = re.compile(r"^[a-z_][a-z0-9_]*$")


@dataclass(frozen=True)
class Exercise:
    id: str
    title: str
    section: str
    functions: tuple[str, ...]
    forbidden: tuple[str, ...] = ()

    @property
    def filename(self) -> str:
        return f"{self.id}.py"


@dataclass(frozen=True)
class Course:
    root: Path
    title: str
    exercises: tuple[Exercise, ...]
    fixtures: Path | None

    @property
    def public_checks(self) -> Path:
        return self.root / "exercises" / "checks"

    @property
    def hidden_checks(self) -> Path:
        return self.root / "solutions" / "checks"

    @property
    def has_hidden_checks(self) -> bool:
        return self.hidden_checks.is_dir()

    def exercise(self, exercise_id: str) -> Exercise:
        for exercise in self.exercises:
            if exercise.id == exercise_id:
                return exercise
        raise CourseError(
            _("course.toml has no exercise named {id!r}").format(id=exercise_id)
        )

    def check_files(self) -> list[Path]:
        """Public checks, and the hidden ones where this course holds them."""
        folders = [self.public_checks] + (
            [self.hidden_checks] if self.has_hidden_checks else []
        )
        return [path for folder in folders for path in sorted(folder.glob("test_*.py"))]


def find_course(start: Path) -> Path:
    """The nearest folder at or above ``start`` that holds exercises/course.toml."""
    for folder in (start.resolve(), *start.resolve().parents):
        if (folder / "exercises" / "course.toml").is_file():
            return folder
    raise CourseError(
        _(
            "no course found in {path} or above it (a course folder holds exercises/course.toml); pass one with --course"
        ).format(path=start)
    )


def load_course(root: Path) -> Course:
    """Read ``root/exercises/course.toml``; CourseError if the layout is off."""
    manifest = root / "exercises" / "course.toml"
    try:
        data = tomllib.loads(manifest.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CourseError(
            _("{root}: not a course folder (it has no exercises/course.toml)").format(
                root=root
            )
        ) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise CourseError(
            _("{path} is not valid TOML: {error}").format(path=manifest, error=exc)
        ) from None
    exercises = tuple(_exercise(entry, manifest) for entry in data.get("exercises", []))
    if not exercises:
        raise CourseError(_("{path} lists no exercises").format(path=manifest))
    fixtures = data.get("fixtures")
    return Course(
        root=root.resolve(),
        title=str(data.get("title", root.name)),
        exercises=exercises,
        fixtures=(root / fixtures).resolve() if fixtures else None,
    )


def _exercise(entry: dict[str, object], manifest: Path) -> Exercise:
    exercise_id = str(entry.get("id", ""))
    if not IDENTIFIER.match(exercise_id):
        raise CourseError(
            _("{path}: exercise id {id!r} is not a lower-case Python name").format(
                path=manifest, id=exercise_id
            )
        )
    functions = entry.get("functions", [])
    forbidden = entry.get("forbidden", [])
    if not isinstance(functions, list) or not isinstance(forbidden, list):
        raise CourseError(
            _("{path}: functions and forbidden of {id} must be lists").format(
                path=manifest, id=exercise_id
            )
        )
    return Exercise(
        id=exercise_id,
        title=str(entry.get("title", exercise_id)),
        section=str(entry.get("section", "")),
        functions=tuple(map(str, functions)),
        forbidden=tuple(map(str, forbidden)),
    )
