"""The translation layer: every text a person reads passes through ``_``.

Messages are written in English in the code and looked up in gettext catalogs
(``grader/locale/<lang>/LC_MESSAGES/grader.mo``, built from ``.po`` files with
Babel). The language is chosen once per run with ``set_language``.
"""

from __future__ import annotations

import gettext
import locale
import os
from pathlib import Path

DOMAIN = "grader"
LOCALE_DIR = Path(__file__).parent / "locale"
LANGUAGES = ("en", "ru")

_active: gettext.NullTranslations = gettext.NullTranslations()
_language = "en"


def default_language() -> str:
    """The language of the environment's locale, if we have it; else English."""
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name, "")
        if value:
            code = value.split(":")[0].split("_")[0].split(".")[0].lower()
            return code if code in LANGUAGES else "en"
    code = (locale.getlocale()[0] or "en").split("_")[0].lower()
    return code if code in LANGUAGES else "en"


def set_language(language: str) -> None:
    """Make ``language`` the one every later ``_`` call answers in."""
    global _active, _language
    _language = language if language in LANGUAGES else "en"
    _active = gettext.translation(
        DOMAIN, LOCALE_DIR, languages=[_language], fallback=True
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
