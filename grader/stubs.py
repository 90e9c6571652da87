"""Stubs from solutions: one source, so a stub never drifts from its solution.

In ``solutions/<id>.py`` the code between ``# BEGIN SOLUTION`` and
``# END SOLUTION`` (inside a function) is the answer. ``exercises/<id>.py`` is
the same file with each such region replaced by ``raise NotImplementedError``.
"""

from __future__ import annotations

import re
from pathlib import Path

from grader.course import Course
from grader.errors import CourseError
from grader.i18n import _

BEGIN = re.compile(r"^(?P<indent>[ \t]*)# BEGIN SOLUTION[ \t]*$")
END = re.compile(r"^[ \t]*# END SOLUTION[ \t]*$")
DEF = re.compile(r"^[ \t]*(?:async[ \t]+)?def[ \t]+(?P<name>\w+)")


def stub_source(source: str, origin: str = "<solution>") -> str:
    """``source`` with every solution region replaced by a not-implemented body."""
    lines = source.splitlines(keepends=True)
    out: list[str] = []
    function = ""
    inside = False
    for number, line in enumerate(lines, start=1):
        if (match := DEF.match(line)) and not inside:
            function = match.group("name")
        if begin := BEGIN.match(line):
            if inside:
                raise CourseError(
                    _("{file}:{line}: BEGIN SOLUTION inside another region").format(
                        file=origin, line=number
                    )
                )
            inside = True
            out.append(
                f'{begin.group("indent")}raise NotImplementedError("{function}: write your solution here")\n'
            )
        elif END.match(line):
            if not inside:
                raise CourseError(
                    _("{file}:{line}: END SOLUTION without BEGIN").format(
                        file=origin, line=number
                    )
                )
            inside = False
        elif not inside:
            out.append(line)
    if inside:
        raise CourseError(
            _("{file}: a BEGIN SOLUTION region is never closed").format(file=origin)
        )
    return "".join(out)


def expected_stubs(course: Course) -> dict[Path, str]:
    """What every exercise stub should contain, generated from its solution."""
    stubs = {}
    for exercise in course.exercises:
        solution = course.root / "solutions" / exercise.filename
        if not solution.is_file():
            raise CourseError(
                _("{path}: the solution of {id} is missing").format(
                    path=solution, id=exercise.id
                )
            )
        stubs[course.root / "exercises" / exercise.filename] = stub_source(
            solution.read_text(encoding="utf-8"), str(solution)
        )
    return stubs


def stale_stubs(course: Course) -> list[Path]:
    """Stubs that differ from what their solution would generate."""
    return [
        path
        for path, text in expected_stubs(course).items()
        if not path.is_file() or path.read_text(encoding="utf-8") != text
    ]


def write_stubs(course: Course, force: bool = False) -> list[Path]:
    """Regenerate every stub; the paths that changed.

    A stub whose functions no longer raise NotImplementedError holds someone's
    own code (a student practising in the course folder): it is kept unless
    ``force``, and the CourseError says which.
    """
    changed = stale_stubs(course)
    expected = expected_stubs(course)
    filled = [
        path for path in changed if not force and holds_own_code(path, expected[path])
    ]
    if filled:
        names = ", ".join(str(path) for path in filled)
        raise CourseError(
            _(
                "these stubs hold code of their own and were not overwritten (use --force to replace them): {names}"
            ).format(names=names)
        )
    for path, text in expected.items():
        if path in changed:
            path.write_text(text, encoding="utf-8")
    return changed


def holds_own_code(path: Path, generated: str) -> bool:
    """Whether a stub lost some of the ``raise NotImplementedError`` lines it was generated with."""
    if not path.is_file():
        return False
    marker = "raise NotImplementedError("
    return path.read_text(encoding="utf-8", errors="replace").count(
        marker
    ) < generated.count(marker)
