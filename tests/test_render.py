"""Reports present results; text from a submission is always shown as text."""

from __future__ import annotations

import io
import json

import numpy as np

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
