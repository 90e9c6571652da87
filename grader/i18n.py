"""The translation layer: every text a person reads passes through ``_``.

Messages are written in English in the code and looked up in gettext catalogs:
the grader's own (``grader/locale/<lang>/LC_MESSAGES/grader.po``) and the
course's (``exercises/locale/...`` for public checks, ``solutions/locale/...``
for hidden ones, domain ``course``). Catalogs are kept as ``.po`` files only
and compiled in memory with Babel when a language is chosen, so no compiled
file can go stale. ``make translations`` extracts and merges them.
"""

from __future__ import annotations

import functools
import gettext
import io
import locale
import os
from collections.abc import Sequence
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

DOMAIN = "grader"
COURSE_DOMAIN = "course"
LOCALE_DIR = Path(__file__).parent / "locale"
LANGUAGES = ("en", "ru")

_active: gettext.NullTranslations = gettext.NullTranslations()
_language = "en"


def default_language() -> str:
    """The language of the environment's locale, if we have it; else English."""
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name, "")
        if value:
            return _known(value.split(":")[0])
    return _known(locale.getlocale()[0] or "en")


def _known(value: str) -> str:
    code = value.split("_")[0].split(".")[0].split("-")[0].lower()
    return code if code in LANGUAGES else "en"


@functools.lru_cache(maxsize=32)
def _compiled(path: Path, stamp: float) -> bytes | None:
    """A .po file compiled to .mo bytes (fuzzy entries left out); None if absent."""
    try:
        with path.open("rb") as file:
            catalog = read_po(file, ignore_obsolete=True)
    except FileNotFoundError:
        return None
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def _catalog(path: Path) -> gettext.GNUTranslations | None:
    stamp = path.stat().st_mtime if path.is_file() else 0.0
    data = _compiled(path, stamp)
    return gettext.GNUTranslations(io.BytesIO(data)) if data else None


def set_language(language: str, course_locales: Sequence[Path] = ()) -> None:
    """Answer every later ``_`` call in ``language``, from the grader's and a course's catalogs."""
    global _active, _language
    _language = language if language in LANGUAGES else "en"
    active: gettext.NullTranslations = gettext.NullTranslations()
    paths = [LOCALE_DIR / _language / "LC_MESSAGES" / f"{DOMAIN}.po"]
    paths += [
        folder / _language / "LC_MESSAGES" / f"{COURSE_DOMAIN}.po"
        for folder in course_locales
    ]
    chain = [catalog for catalog in map(_catalog, paths) if catalog is not None]
    if chain:
        active = chain[0]
        for catalog in chain[1:]:
            active.add_fallback(catalog)
    _active = active


def use_course(root: Path) -> None:
    """Add a course's catalogs (public and hidden) to the active language."""
    set_language(
        _language, [root / "exercises" / "locale", root / "solutions" / "locale"]
    )


def language() -> str:
    return _language


def translations() -> gettext.NullTranslations:
    """The active catalog, for Jinja2's i18n extension."""
    return _active


def _(message: str) -> str:
    """Translate ``message`` into the active language."""
    return _active.gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    return _active.ngettext(singular, plural, count)


def pgettext(context: str, message: str) -> str:
    """Translate ``message`` as used in ``context`` (the same English word, other uses)."""
    return _active.pgettext(context, message)
