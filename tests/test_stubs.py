"""Stubs are generated from solutions and never drift from them."""

from __future__ import annotations

import ast

import pytest

from grader.course import Course
from grader.errors import CourseError
from grader.stubs import expected_stubs, stale_stubs, stub_source
from tests.conftest import ROOT


def test_committed_stubs_are_what_the_solutions_generate(course: Course) -> None:
    assert stale_stubs(course) == [], "run: python -m grader stubs"


def test_a_stub_keeps_signatures_and_docstrings_but_no_solution_code(
    course: Course,
) -> None:
    for stub_path, stub in expected_stubs(course).items():
        solution = (ROOT / "solutions" / stub_path.name).read_text(encoding="utf-8")
        solution_tree, stub_tree = ast.parse(solution), ast.parse(stub)
        solution_functions = {
            n.name: n for n in solution_tree.body if isinstance(n, ast.FunctionDef)
        }
        stub_functions = {
            n.name: n for n in stub_tree.body if isinstance(n, ast.FunctionDef)
        }
        assert solution_functions.keys() == stub_functions.keys()
        for name, function in stub_functions.items():
            assert ast.get_docstring(function) == ast.get_docstring(
                solution_functions[name]
            )
            assert ast.unparse(solution_functions[name].args) == ast.unparse(
                function.args
            )
            raises = [
                node for node in ast.walk(function) if isinstance(node, ast.Raise)
            ]
            assert any("NotImplementedError" in ast.unparse(node) for node in raises), (
                name
            )
        assert "BEGIN SOLUTION" not in stub


def test_regions_are_replaced_at_their_indentation() -> None:
    source = "def f(x):\n    '''Doc.'''\n    # BEGIN SOLUTION\n    return x\n    # END SOLUTION\n"
    assert (
        stub_source(source)
        == "def f(x):\n    '''Doc.'''\n    raise NotImplementedError(\"f: write your solution here\")\n"
    )


@pytest.mark.parametrize(
    "source",
    ["# BEGIN SOLUTION\n", "# END SOLUTION\n", "# BEGIN SOLUTION\n# BEGIN SOLUTION\n"],
    ids=["unclosed", "unopened", "nested"],
)
def test_broken_markers_are_course_errors(source: str) -> None:
    with pytest.raises(CourseError):
        stub_source(source)
