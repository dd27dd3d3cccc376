"""The back end's wording: one table per language, the same keys in each."""

from __future__ import annotations

import pytest

from booking.domain import strings


def test_dutch_locales_read_dutch_and_every_other_one_english() -> None:
    assert strings.language("nl") == "nl"
    assert strings.language("nl-BE") == "nl"
    assert strings.language("NL") == "nl"
    assert strings.language("en-GB") == "en"
    assert strings.language("de") == "en"
    assert strings.language("") == "en"
    assert strings.language(None) == "en"


def test_both_languages_have_the_same_keys() -> None:
    english, dutch = strings.table("en"), strings.table("nl")
    assert set(english) == set(dutch)
    assert len(english["weekdays"]) == len(dutch["weekdays"]) == 7
    assert len(english["months"]) == len(dutch["months"]) == 12


def test_a_sentence_is_looked_up_by_key_with_its_values_filled_in() -> None:
    assert strings.text("en", "footer.phone", phone="+31 20 123 4567") == "Phone: +31 20 123 4567"
    assert strings.text("nl", "footer.phone", phone="+31 20 123 4567") == "Telefoon: +31 20 123 4567"
    assert strings.text("nl", "policy.noShowFee.percent", percent="12,5") == "12,5% van de prijs van de behandeling"


def test_an_unknown_key_is_an_error_not_a_blank() -> None:
    with pytest.raises(KeyError):
        strings.text("en", "no.such.key")
