"""Amounts of money as people read them, in the site's language."""

from __future__ import annotations

CURRENCY_SYMBOLS = {"EUR": "€", "USD": "$", "GBP": "£"}


def format_money(cents: int, currency: str, lang: str, code_first: bool = False) -> str:
    """€12.50 in English, € 12,50 in Dutch, a minus sign in front of either.

    Currencies without a symbol show their code: after the amount (12.50 CHF),
    or before it with `code_first` (CHF 12.50, as e-mails show a price).
    """
    whole, rest = divmod(abs(cents), 100)
    sign = "-" if cents < 0 else ""
    grouped, decimal = (f"{whole:,}".replace(",", "."), ",") if lang == "nl" else (f"{whole:,}", ".")
    number = f"{grouped}{decimal}{rest:02d}"
    code = currency.upper()
    symbol = CURRENCY_SYMBOLS.get(code)
    if symbol is None:
        return f"{sign}{code} {number}" if code_first else f"{sign}{number} {code}"
    return f"{sign}{symbol} {number}" if lang == "nl" else f"{sign}{symbol}{number}"
