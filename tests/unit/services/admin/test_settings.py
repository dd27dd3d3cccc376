"""Terms versions, catalog defaults and ids."""

from __future__ import annotations

import re

from booking.services.admin.catalog import DEFAULT_BRANCH_SETTINGS, new_id, with_defaults
from booking.services.admin.settings import next_terms_version

TERMS = {"required": True, "text": "Be on time.", "url": ""}


def test_the_first_terms_get_version_one() -> None:
    assert next_terms_version({}, TERMS) == "1"


def test_unchanged_terms_keep_their_version() -> None:
    stored = {**TERMS, "version": "4"}
    assert next_terms_version(stored, {**TERMS, "required": False}) == "4"


def test_changed_text_or_link_bumps_the_version() -> None:
    stored = {**TERMS, "version": "4"}
    assert next_terms_version(stored, {**TERMS, "text": "Be early."}) == "5"
    assert next_terms_version(stored, {**TERMS, "url": "https://x.test/terms"}) == "5"


def test_a_version_set_by_hand_is_followed_by_one() -> None:
    assert next_terms_version({**TERMS, "version": "2026-11"}, {**TERMS, "text": "New"}) == "1"


def test_no_terms_need_no_version() -> None:
    assert next_terms_version({}, {"required": False, "text": "", "url": ""}) == ""


def test_new_ids_are_readable_and_valid() -> None:
    assert re.fullmatch(r"beard-trim-[0-9a-f]{4}", new_id("Beard trim!"))
    assert re.fullmatch(r"creme-brulee-[0-9a-f]{4}", new_id("Crème brûlée"))
    assert re.fullmatch(r"item-[0-9a-f]{12}", new_id("日本"))
    assert len(new_id("x" * 200)) <= 64


def test_branch_settings_are_completed_with_defaults() -> None:
    stored = {"waitlist": {"enabled": True}, "extra": 1}
    merged = with_defaults(stored, DEFAULT_BRANCH_SETTINGS)
    assert merged["waitlist"] == {"enabled": True, "mode": "manual", "offerExpiryHours": 2}
    assert merged["reminders"] == DEFAULT_BRANCH_SETTINGS["reminders"]
    assert merged["extra"] == 1
