"""The back end's wording in English and Dutch, in one place.

Every sentence a client reads (e-mails, the no-show policy) lives in
`booking/templates/i18n/{en,nl}.json`; code looks it up here by key. The
files ship with the code, so reading them is no I/O a caller must plan for.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

I18N = Path(__file__).resolve().parents[1] / "templates" / "i18n"
LANGUAGES = ("en", "nl")
DEFAULT_LANGUAGE = "en"


def language(locale: str | None) -> str:
    """The language of a locale: Dutch for `nl` and its regions, else English."""
    return "nl" if str(locale or "").lower().startswith("nl") else DEFAULT_LANGUAGE


@functools.cache
def table(lang: str) -> dict[str, Any]:
    """Every string of one language by key (lists for weekdays and months)."""
    loaded: dict[str, Any] = json.loads((I18N / f"{lang}.json").read_text(encoding="utf-8"))
    return loaded


def text(lang: str, key: str, **values: Any) -> str:
    """One sentence, its `{placeholders}` filled in."""
    return str(table(lang)[key]).format(**values)
