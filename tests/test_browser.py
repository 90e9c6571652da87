"""A report in a real browser: nothing leaves the file, nothing runs, everything is legible.

Needs Debian's chromium (`make test` and `.ci/run` install it where missing).
"""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, sync_playwright

from grader.i18n import set_language
from grader.render import html
from grader.results import GradeResult
from tests.conftest import EXAMPLES

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
HOSTILE = textwrap.dedent('''
    """<script>document.title='pwned'</script>"""
    import numpy as np
    print("<img src=x onerror=alert(1)>")
    def pad_zero(img, p):
        raise ValueError("<script>alert('xss')</script><img src=x onerror=alert(2)>")
''')


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(
            "chromium is not installed: run `make test` (it installs it) or apt-get install chromium"
        )
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield launched
        launched.close()


class Visit:
    """A page opened from a report file, with everything it tried to do."""

    def __init__(self, browser: Browser, report: Path) -> None:
        self.page: Page = browser.new_page()
        self.console: list[str] = []
        self.requests: list[str] = []
        self.page.on(
            "console",
            lambda message: self.console.append(f"{message.type}: {message.text}"),
        )
        self.page.on(
            "pageerror", lambda error: self.console.append(f"pageerror: {error}")
        )
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on(
            "dialog", lambda dialog: self.console.append(f"dialog: {dialog.message}")
        )
        self.url = report.as_uri()
        self.page.goto(self.url)


@pytest.fixture
def report_of(tmp_path: Path, grade: Callable[..., GradeResult]) -> Callable[..., Path]:
    def write(submission: Path, language: str = "en") -> Path:
        set_language(language)
        result = grade(submission)
        path = tmp_path / f"{submission.stem}-{language}.html"
        path.write_text(html(result), encoding="utf-8")
        set_language("en")
        return path

    return write


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    source = tmp_path / "padding.py"
    source.write_text(HOSTILE, encoding="utf-8")
    return source


@pytest.mark.parametrize("language", ["en", "ru"])
def test_a_failing_report_loads_offline_and_every_picture_decodes(
    browser: Browser, report_of: Callable[..., Path], tmp_path: Path, language: str
) -> None:
    visit = Visit(browser, report_of(EXAMPLES / "pad_one_side.py", language))
    images = visit.page.evaluate(
        "Array.from(document.images).map(i => i.complete && i.naturalWidth > 0)"
    )
    assert images and all(images)
    assert visit.console == []
    assert [
        url
        for url in visit.requests
        if url != visit.url and not url.startswith("data:")
    ] == []
    assert visit.page.evaluate("document.documentElement.lang") == language
    shot = tmp_path / f"failing-report-{language}.png"
    visit.page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000


def test_hostile_text_is_shown_as_text_and_never_runs(
    browser: Browser, report_of: Callable[..., Path], hostile: Path
) -> None:
    visit = Visit(browser, report_of(hostile))
    page = visit.page
    assert page.evaluate("document.scripts.length") == 0
    assert page.evaluate("document.querySelectorAll('[onerror]').length") == 0
    assert "pwned" not in page.title()
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    text = page.inner_text("body")
    assert "<script>alert('xss')</script>" in text
    assert "<img src=x onerror=alert(1)>" in text
    assert [
        line for line in visit.console if "dialog" in line or "pageerror" in line
    ] == []


@pytest.mark.parametrize(
    "example", ["pad_one_side.py", "slash_main_diagonal.py", "right"]
)
def test_reports_have_no_serious_accessibility_violations(
    browser: Browser, report_of: Callable[..., Path], example: str
) -> None:
    visit = Visit(browser, report_of(EXAMPLES / example))
    results = Axe().run(visit.page)
    serious = [
        (violation["id"], violation["help"])
        for violation in results.response["violations"]
        if violation["impact"] in ("serious", "critical")
    ]
    assert serious == []
