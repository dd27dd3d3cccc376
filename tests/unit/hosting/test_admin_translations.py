"""The admin pages' Dutch: every t("…") in hosting/src/admin has a
translation in hosting/src/admin/nl/*.json, with the same placeholders, and
no translation is left over from a string the code no longer has."""

from __future__ import annotations

import json
import re
from pathlib import Path

ADMIN = Path(__file__).resolve().parents[3] / "hosting" / "src" / "admin"
CALL = re.compile(r'\bt\(\s*("(?:[^"\\]|\\.)*")')
PLACEHOLDER = re.compile(r"\{(\w+)\}")


def used_strings() -> dict[str, str]:
    """Each English string passed to t(), with the file that uses it first."""
    found: dict[str, str] = {}
    for path in sorted(ADMIN.rglob("*.js")):
        for literal in CALL.findall(path.read_text(encoding="utf-8")):
            found.setdefault(json.loads(literal), path.relative_to(ADMIN).as_posix())
    return found


def dutch() -> dict[str, str]:
    table: dict[str, str] = {}
    for path in sorted((ADMIN / "nl").glob("*.json")):
        part = json.loads(path.read_text(encoding="utf-8"))
        assert not set(part) & set(table), f"{path.name} repeats {sorted(set(part) & set(table))}"
        table.update(part)
    return table


def test_the_admin_code_asks_for_translations() -> None:
    assert len(used_strings()) > 40


def test_every_admin_string_has_its_dutch() -> None:
    table = dutch()
    missing = {english: where for english, where in used_strings().items() if english not in table}
    assert not missing, f"no Dutch for: {missing}"


def test_dutch_keeps_the_placeholders_of_the_english() -> None:
    wrong = {
        english: dutch_text
        for english, dutch_text in dutch().items()
        if set(PLACEHOLDER.findall(english)) != set(PLACEHOLDER.findall(dutch_text))
    }
    assert not wrong, f"placeholders differ: {wrong}"


def test_no_dutch_is_left_without_its_english_in_the_code() -> None:
    stale = sorted(set(dutch()) - set(used_strings()))
    assert not stale, f"translations no code uses: {stale}"
