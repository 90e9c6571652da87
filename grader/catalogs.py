"""Message catalogs: what to translate, found in the sources (used by Babel and tests).

``extract_checks`` is a Babel extraction method for course check files: the
``_()`` texts, and the first docstring line of each check, which the report
shows as the check's title.
"""

from __future__ import annotations

import ast
from collections.abc import Collection, Iterator, Mapping
from pathlib import Path
from typing import IO, Any, NamedTuple

from babel.messages.extract import extract_from_dir, extract_python

PYTHON_KEYWORDS = {"_": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2)}
GRADER_METHODS = [("**/*.py", "python"), ("**/*.j2", "jinja2")]
CHECK_METHODS = [("**/test_*.py", "grader.catalogs:extract_checks")]


class Message(NamedTuple):
    """A text to translate: its msgid (a tuple for plural forms) and its context."""

    id: str | tuple[str, ...]
    context: str | None = None


JINJA_OPTIONS = {"extensions": "jinja2.ext.i18n"}


def extract_checks(
    fileobj: IO[bytes],
    keywords: Mapping[str, Any],
    comment_tags: Collection[str],
    options: dict[str, Any],
) -> Iterator[Any]:
    source = fileobj.read()
    fileobj.seek(0)
    yield from extract_python(fileobj, keywords, comment_tags, options)  # type: ignore[arg-type]
    for node in ast.walk(ast.parse(source)):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "concept"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            yield (
                node.lineno,
                "_",
                node.args[0].value,
                [],
            )  # a lesson section, shown translated
        if isinstance(node, ast.FunctionDef) and node.name.startswith("test_"):
            doc = ast.get_docstring(node)
            if doc:
                yield node.lineno, "_", doc.strip().splitlines()[0], []


def messages(
    folder: Path, method_map: list[tuple[str, str]]
) -> dict[Message, list[str]]:
    """Every translatable text below ``folder``: msgid (a pair for plurals) -> where it is."""
    found: dict[Message, list[str]] = {}
    options_map = {"**/*.j2": JINJA_OPTIONS}
    for filename, lineno, message, _comments, context in extract_from_dir(
        folder, method_map, options_map, keywords=PYTHON_KEYWORDS
    ):
        if message and all(message):
            found.setdefault(Message(message, context), []).append(
                f"{filename}:{lineno}"
            )
    return found


def extract_course_toml(
    fileobj: IO[bytes],
    keywords: Mapping[str, Any],
    comment_tags: Collection[str],
    options: dict[str, Any],
) -> Iterator[Any]:
    """The course's title and each exercise's title and section."""
    from grader.course import read_toml

    data = read_toml(fileobj.read().decode("utf-8"))
    texts = [data.get("title", "")]
    texts += [
        exercise.get(key, "")
        for exercise in data.get("exercises", [])
        for key in ("title", "section")
    ]
    for text in texts:
        if text:
            yield 0, "_", text, []


COURSE_METHODS = [
    ("course.toml", "grader.catalogs:extract_course_toml"),
    *CHECK_METHODS,
]


def catalog_sources(root: Path) -> dict[Path, dict[Message, list[str]]]:
    """For each Russian catalog of the grader and the course in ``root``: its messages."""
    package = Path(__file__).resolve().parent
    grader_messages = messages(package, GRADER_METHODS) | messages(
        root / "templates", GRADER_METHODS
    )
    public = messages(root / "exercises", COURSE_METHODS)
    hidden = (
        messages(root / "solutions", COURSE_METHODS)
        if (root / "solutions").is_dir()
        else {}
    )
    hidden = {text: places for text, places in hidden.items() if text not in public}
    path = Path("ru") / "LC_MESSAGES"
    return {
        package / "locale" / path / "grader.po": grader_messages,
        root / "exercises" / "locale" / path / "course.po": public,
        root / "solutions" / "locale" / path / "course.po": hidden,
    }


def update(po_path: Path, found: dict[Message, list[str]]) -> int:
    """Merge ``found`` into a .po file: new texts untranslated, gone ones dropped; count untranslated."""
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import read_po, write_po

    template = Catalog()
    for message in sorted(found, key=str):
        template.add(message.id, context=message.context)
    if po_path.is_file():
        with po_path.open("rb") as file:
            catalog = read_po(file, locale="ru")
    else:
        catalog = Catalog(
            locale="ru", domain=po_path.stem, project="kernel-grader", fuzzy=False
        )
    if any(message.id for message in catalog):
        template.creation_date = catalog.creation_date  # no churn when nothing changed
    catalog.update(template, no_fuzzy_matching=True)
    catalog.fuzzy = False
    catalog.obsolete.clear()
    po_path.parent.mkdir(parents=True, exist_ok=True)
    with po_path.open("wb") as file:
        write_po(file, catalog, width=100, no_location=True, sort_output=True)
    return sum(
        1 for message in catalog if message.id and not translated(message.string)
    )


def translated(string: object) -> bool:
    """Whether a msgstr (a tuple for plural forms) is filled in."""
    return all(string) if isinstance(string, (tuple, list)) else bool(string)


def main() -> None:
    """``python -m grader.catalogs``: bring every Russian catalog up to date."""
    for po_path, found in catalog_sources(Path.cwd()).items():
        if found:
            missing = update(po_path, found)
            print(f"{po_path}: {len(found)} messages, {missing} untranslated")


if __name__ == "__main__":
    main()
