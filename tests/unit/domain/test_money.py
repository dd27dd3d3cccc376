"""Amounts as people read them: one formatter for e-mails and policy texts."""

from __future__ import annotations

from booking.domain.money import format_money


def test_money_reads_naturally_in_each_language() -> None:
    assert format_money(123456, "EUR", "en") == "€1,234.56"
    assert format_money(123456, "EUR", "nl") == "€ 1.234,56"
    assert format_money(5, "usd", "en") == "$0.05"
    assert format_money(0, "GBP", "nl") == "£ 0,00"


def test_a_currency_without_a_symbol_shows_its_code_after_or_before_the_amount() -> None:
    assert format_money(500, "CHF", "en") == "5.00 CHF"
    assert format_money(500, "CHF", "nl") == "5,00 CHF"
    assert format_money(500, "CHF", "en", code_first=True) == "CHF 5.00"
    assert format_money(123456, "chf", "nl", code_first=True) == "CHF 1.234,56"


def test_negative_amounts_carry_their_sign_in_front() -> None:
    assert format_money(-1250, "EUR", "en") == "-€12.50"
    assert format_money(-123456, "EUR", "nl") == "-€ 1.234,56"
    assert format_money(-5, "EUR", "en") == "-€0.05"
    assert format_money(-500, "CHF", "en") == "-5.00 CHF"
    assert format_money(-500, "CHF", "en", code_first=True) == "-CHF 5.00"


def test_languages_other_than_dutch_read_as_english() -> None:
    assert format_money(123456, "EUR", "de") == format_money(123456, "EUR", "en")
