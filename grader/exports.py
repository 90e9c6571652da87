"""Results in other systems' formats: Gradescope's results.json and JUnit XML.

Both are built from a GradeResult only; texts from the submission are carried
as data (JSON strings, XML text and attributes, escaped by the libraries).
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ElementTree
import zipfile
from pathlib import Path

from grader.course import Course
from grader.i18n import _
from grader.render import number
from grader.results import CheckResult, GradeResult


def feedback_text(check: CheckResult) -> str:
    """A check's message and hint as plain text."""
    parts = [check.message] if check.message else []
    if check.hint:
        parts.append(_("Hint: ") + check.hint)
    return "\n".join(parts)


def gradescope_json(result: GradeResult) -> str:
    """Gradescope's autograder results format: one test per check, visible to the student."""
    tests = [
        {
            "name": f"{check.exercise}: {check.title}",
            "number": check.id,
            "score": check.points,
            "max_score": check.max_points,
            "status": "passed" if check.passed else "failed",
            "output": feedback_text(check),
            "tags": [check.exercise, check.status],
            "visibility": "visible",
        }
        for check in result.checks
    ]
    summary = _("Score: {score} / {max_score}").format(
        score=number(result.score), max_score=number(result.max_score)
    )
    data = {
        "score": result.score,
        "output": summary,
        "output_format": "text",
        "test_output_format": "text",
        "visibility": "visible",
        "stdout_visibility": "hidden",
        "tests": tests,
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def unreadable_gradescope_json(message: str) -> str:
    """Gradescope's results for a submission that could not be read: 0 and the reason."""
    data = {
        "score": 0.0,
        "output": message,
        "output_format": "text",
        "visibility": "visible",
        "tests": [],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def junit_xml(result: GradeResult, suite: str = "") -> str:
    """JUnit XML as GitLab, Jenkins and most CI systems show it: one testcase per check."""
    failures = sum(1 for check in result.checks if check.status == "failed")
    errors = sum(
        1 for check in result.checks if not check.passed and check.status != "failed"
    )
    root = ElementTree.Element("testsuites")
    node = ElementTree.SubElement(
        root,
        "testsuite",
        name=suite or result.submission,
        tests=str(len(result.checks)),
        failures=str(failures),
        errors=str(errors),
    )
    for check in result.checks:
        case = ElementTree.SubElement(
            node, "testcase", classname=check.exercise, name=check.id
        )
        if check.passed:
            continue
        tag = "failure" if check.status == "failed" else "error"
        problem = ElementTree.SubElement(
            case, tag, message=xml_safe(check.message[:500]), type=check.status
        )
        problem.text = xml_safe(feedback_text(check))
    ElementTree.indent(root)
    return ElementTree.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


def xml_safe(text: str) -> str:
    """XML 1.0 cannot carry most control characters even escaped: show them instead."""
    return "".join(
        ch
        if ch in "\t\n\r" or (ord(ch) >= 0x20 and ch not in "\ufffe\uffff")
        else f"\\x{ord(ch):02x}"
        for ch in text
    )


PACKAGE_FOLDERS = ("grader", "templates", "exercises", "solutions")
PACKAGE_FILES = ("pyproject.toml", "README.md")

SETUP_SH = """#!/usr/bin/env bash
# Gradescope runs this once while it builds the autograder image.
set -euo pipefail
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3 python3-pip python3-venv bubblewrap >/dev/null
python3 -m venv /autograder/venv
/autograder/venv/bin/pip install --quiet /autograder/source
# The hidden checks and solutions: readable by root only; student code runs as another user.
chmod -R go-rwx /autograder/source/solutions
"""

RUN_AUTOGRADER = """#!/usr/bin/env bash
# Gradescope runs this once per submission, in a fresh container.
set -uo pipefail
mkdir -p /autograder/results
# Fail rather than run student code without the sandbox's walls.
export GRADER_ISOLATION=bwrap
/autograder/venv/bin/grade /autograder/submission --course /autograder/source \\
    --gradescope /autograder/results/results.json --lang {language}
"""


def gradescope_package(course: Course, output: Path, language: str = "en") -> None:
    """The autograder .zip Gradescope builds its image from: course, grader and scripts."""
    output.parent.mkdir(parents=True, exist_ok=True)
    root = course.root
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        add_script(archive, "setup.sh", SETUP_SH)
        add_script(archive, "run_autograder", RUN_AUTOGRADER.format(language=language))
        for folder in PACKAGE_FOLDERS:
            for path in sorted((root / folder).rglob("*")):
                if path.is_file() and "__pycache__" not in path.parts:
                    archive.write(path, str(path.relative_to(root)))
        for name in PACKAGE_FILES:
            if (root / name).is_file():
                archive.write(root / name, name)


def add_script(archive: zipfile.ZipFile, name: str, text: str) -> None:
    info = zipfile.ZipInfo(name)
    info.external_attr = 0o755 << 16
    info.compress_type = zipfile.ZIP_DEFLATED
    archive.writestr(info, text)
