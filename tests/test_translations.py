"""Every text a person reads exists in Russian and English, with the same placeholders."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from grader.catalogs import Message, catalog_sources, translated
from tests.conftest import EXAMPLES, ROOT

CATALOGS = catalog_sources(ROOT)
FIELDS = re.compile(r"\{[^{}]*\}|%\([a-z_]+\)[sd]")


def entries(path: Path) -> dict[Message, object]:
    with path.open("rb") as file:
        catalog = read_po(file)
    return {
        Message(message.id, message.context): message.string
        for message in catalog
        if message.id
    }


@pytest.mark.parametrize(
    "path",
    list(CATALOGS),
    ids=lambda path: (
        str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else path.name
    ),
)
def test_every_message_has_a_russian_translation(path: Path) -> None:
    found = CATALOGS[path]
    strings = entries(path) if path.is_file() else {}
    missing = [message.id for message in found if not translated(strings.get(message))]
    assert missing == [], "run `make translations`, then translate these"


@pytest.mark.parametrize(
    "path", list(CATALOGS), ids=lambda path: path.parent.parent.parent.name
)
def test_translations_keep_every_placeholder(path: Path) -> None:
    wrong = []
    for message, string in entries(path).items():
        sources = message.id if isinstance(message.id, tuple) else (message.id,)
        targets = string if isinstance(string, tuple) else (string,)
        expected = set(FIELDS.findall(sources[-1]))
        for target in targets:
            if target and set(FIELDS.findall(target)) != expected:
                wrong.append((sources[0], target))
    assert wrong == []


def test_a_russian_run_speaks_russian(capsys: pytest.CaptureFixture[str]) -> None:
    from grader.cli import main

    assert (
        main([str(EXAMPLES / "pad_one_side.py"), "--course", str(ROOT), "--lang", "ru"])
        == 0
    )
    out = capsys.readouterr().out
    assert "Подсказка" in out and "Итого" in out
    assert "Hint:" not in out and "Score:" not in out
