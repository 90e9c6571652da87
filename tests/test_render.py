"""Reports present results; text from a submission is always shown as text."""

from __future__ import annotations

import io
import json
import os
import re
from pathlib import Path

import numpy as np
import pytest

from grader.i18n import set_language
from grader.render import html, safe_text, terminal
from grader.results import CheckResult, ExerciseScore, GradeResult, picture

HOSTILE = "<script>alert(1)</script><img src=x onerror=alert(2)> \x1b[2J\x1b]52;c;ZXZpbA==\x07 ::set-output name=score::100"


def result_with(message: str) -> GradeResult:
    check = CheckResult(
        id="padding::test_x",
        exercise="padding",
        title="pads",
        visibility="hidden",
        concept="3. Borders",
        points=0,
        max_points=2,
        status="failed",
        message=message,
        hint=message,
        pictures=(picture("expected", np.zeros((8, 8), np.uint8)),),
        table={"expected": [["1"]], "got": [[message]], "wrong": [[True]]},
    )
    return GradeResult(
        submission=message,
        course="c",
        language="en",
        checks=(check,),
        exercises=(ExerciseScore("padding", "Zero padding", 0, 2),),
        notes=(message,),
        output=message,
        environment={
            "grader": "0",
            "python": "3",
            "numpy": "2",
            "opencv": "4",
            "isolation": "process",
        },
    )


def test_hostile_text_is_escaped_everywhere_in_html() -> None:
    page = html(result_with(HOSTILE))
    assert "<script>" not in page and "<img src=x" not in page
    assert page.count("&lt;script&gt;alert(1)&lt;/script&gt;") >= 5
    assert "default-src 'none'" in page


def test_the_terminal_never_receives_escape_sequences() -> None:
    stream = io.StringIO()
    terminal(result_with(HOSTILE), stream)
    out = stream.getvalue()
    assert "\x1b" not in out and "\x07" not in out
    assert "\\x1b[2J" in out


def test_safe_text_makes_control_and_bidi_characters_visible() -> None:
    assert safe_text("a\x1b[31mb\u202ec\n") == "a\\x1b[31mb\\x202ec\n"


def test_json_has_the_documented_fields() -> None:
    data = json.loads(result_with("m").to_json())
    assert {
        "schema_version",
        "score",
        "max_score",
        "checks",
        "exercises",
        "environment",
    } <= data.keys()
    assert {
        "id",
        "exercise",
        "points",
        "max_points",
        "status",
        "message",
        "hint",
    } <= data["checks"][0].keys()


def test_pictures_are_small_pngs() -> None:
    big = picture(
        "x", np.random.default_rng(0).integers(0, 256, (600, 900, 3)).astype(np.uint8)
    )
    import base64

    import cv2

    decoded = cv2.imdecode(
        np.frombuffer(base64.b64decode(big.png), np.uint8), cv2.IMREAD_UNCHANGED
    )
    assert max(decoded.shape[:2]) <= 160


GOLDEN = Path(__file__).parent / "golden"


def fixed_result() -> GradeResult:
    """A result with every kind of check, and nothing time- or version-dependent."""
    failed = CheckResult(
        id="padding::test_gray",
        exercise="padding",
        title="pad_zero pads a gray image",
        visibility="hidden",
        concept="3. Borders",
        points=0,
        max_points=2,
        status="failed",
        message="pad_zero(5x7 uint8 image, 2) returned shape (7, 9); expected (9, 11).",
        hint="Padding went on one side only.",
        table={"expected": [["0", "1"]], "got": [["0", "2"]], "wrong": [[False, True]]},
    )
    passed = CheckResult(
        id="padding::test_small",
        exercise="padding",
        title="pad_zero on a small image",
        visibility="public",
        concept="3. Borders",
        points=1,
        max_points=1,
        status="passed",
    )
    timeout = CheckResult(
        id="slash::test_any",
        exercise="slash",
        title="classify_slash anywhere",
        visibility="hidden",
        concept="3. Slash",
        points=0,
        max_points=2,
        status="timeout",
        message="The call did not finish within 5 s.",
    )
    return GradeResult(
        submission="student-7",
        course="Images",
        language="en",
        checks=(failed, passed, timeout),
        exercises=(
            ExerciseScore("padding", "Zero padding", 1, 3),
            ExerciseScore("slash", "Slash", 0, 2),
        ),
        notes=("Ignored files that belong to no exercise: notes.py",),
        output="debug print\n",
        environment={
            "grader": "0.0",
            "python": "3",
            "numpy": "2",
            "opencv": "4",
            "isolation": "process",
        },
    )


@pytest.mark.parametrize("language", ["en", "ru"])
def test_the_report_matches_its_stored_rendering(language: str) -> None:
    """Rendering is stable: a change shows up here (set UPDATE_GOLDEN=1 to accept it)."""
    set_language(language)
    page = html(fixed_result())
    golden = GOLDEN / f"report-{language}.html"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(page, encoding="utf-8")
    assert page == golden.read_text(encoding="utf-8")


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_terminal_has_colour_unless_no_color_is_set(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    coloured = FakeTerminal()
    terminal(fixed_result(), coloured)
    assert COLOUR.search(coloured.getvalue())
    monkeypatch.setenv("NO_COLOR", "1")
    plain = FakeTerminal()
    terminal(fixed_result(), plain)
    assert not COLOUR.search(plain.getvalue()) and "Score: 1 / 5" in plain.getvalue()


COLOUR = re.compile(r"\x1b\[[\d;]*?(?:3[0-7]|9[0-7]|38;[25])[;m]")


def test_a_message_cannot_pass_for_a_line_of_the_terminal_summary() -> None:
    stream = io.StringIO()
    terminal(result_with("wrong\nScore: 17 / 17 (passed: 10)"), stream)
    lines = stream.getvalue().splitlines()
    assert not any(line.startswith("Score: 17") for line in lines)


def test_bidi_controls_are_made_visible_in_html() -> None:
    page = html(result_with("evil\u202etxt.exe"))
    assert "\u202e" not in page and "\\u202e" in page
