"""A receipt as the bytes an ESC/POS printer prints (docs/pos.md).

A small module of our own rather than python-escpos: a receipt needs a
handful of commands (initialise, code page, alignment, bold, cut), and this
stays pure, importable by the domain and free at cold start.

Text is encoded in code page PC858 (ESC t 19), PC850 with the euro sign
at 0xD5; characters it lacks become "?". Widths are Font A columns: 32 on
58 mm paper, 48 on 80 mm.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from booking.domain.money import format_money
from booking.domain.sale import SaleLine, Tender, Totals, vat_included

ESC, GS = b"\x1b", b"\x1d"
INIT = ESC + b"@"
CODE_PAGE = ESC + b"t\x13"
"""Code page 19: PC858 (Epson and most compatibles)."""
ENCODING = "cp858"
CENTER, LEFT = ESC + b"a\x01", ESC + b"a\x00"
BOLD_ON, BOLD_OFF = ESC + b"E\x01", ESC + b"E\x00"
DOUBLE_ON, DOUBLE_OFF = GS + b"!\x11", GS + b"!\x00"
FEED_AND_CUT = GS + b"V\x42\x03"
"""Feed three lines past the cutter, then a partial cut."""
COLUMNS = {58: 32, 80: 48}

WORDS = {
    "en": {
        "receipt": "Receipt",
        "subtotal": "Subtotal",
        "discount": "Discount",
        "deposit": "Deposit paid",
        "total": "Total",
        "vat": "incl. VAT {percent}%",
        "card": "Card",
        "cash": "Cash",
        "change": "Change",
    },
    "nl": {
        "receipt": "Bon",
        "subtotal": "Subtotaal",
        "discount": "Korting",
        "deposit": "Aanbetaling voldaan",
        "total": "Totaal",
        "vat": "waarvan btw {percent}%",
        "card": "Pin",
        "cash": "Contant",
        "change": "Wisselgeld",
    },
}


@dataclass(frozen=True)
class ReceiptOptions:
    """The site's receipt settings (POS settings page)."""

    header: str = ""
    footer: str = ""
    vat_percent: Decimal | None = None
    """None: no VAT line."""
    paper_mm: int = 80


@dataclass(frozen=True)
class Receipt:
    business: str
    address: tuple[str, ...]
    number: int
    paid_at: datetime
    timezone: str
    """The branch's zone: the time printed is the one on the wall."""
    lines: tuple[SaleLine, ...]
    totals: Totals
    tender: Tender
    currency: str
    language: str
    options: ReceiptOptions = ReceiptOptions()


def _money(receipt: Receipt, cents: int) -> str:
    return format_money(cents, receipt.currency, receipt.language)


def _row(left: str, right: str, columns: int) -> list[str]:
    """`left` wrapped in the space `right` leaves; `right` on the first line."""
    room = max(8, columns - len(right) - 1)
    parts = textwrap.wrap(left, room, break_long_words=True) or [""]
    first = parts[0].ljust(columns - len(right)) + right
    return [first, *parts[1:]]


def _centred(text: str, columns: int) -> list[str]:
    return [part for line in text.splitlines() for part in (textwrap.wrap(line, columns) or [""])]


def text_lines(receipt: Receipt) -> tuple[list[str], list[str], list[str]]:
    """The receipt as text: the centred head, the body, the centred foot."""
    words = WORDS.get(receipt.language, WORDS["en"])
    columns = COLUMNS[receipt.options.paper_mm]
    head = [*_centred(receipt.options.header, columns)] if receipt.options.header else []
    head += [line for part in receipt.address for line in _centred(part, columns)]
    local = receipt.paid_at.astimezone(ZoneInfo(receipt.timezone))
    head += [f"{words['receipt']} {receipt.number}", local.strftime("%d-%m-%Y %H:%M")]
    body: list[str] = []
    for line in receipt.lines:
        name = words["deposit"] if line.kind.value == "deposit" else line.description
        label = f"{line.quantity} x {name}" if line.quantity > 1 else name
        body += _row(label, _money(receipt, line.amount_cents), columns)
    body.append("-" * columns)
    totals, tender = receipt.totals, receipt.tender
    if totals.discount_cents:
        body += _row(words["subtotal"], _money(receipt, totals.subtotal_cents), columns)
        body += _row(words["discount"], _money(receipt, -totals.discount_cents), columns)
    body += _row(words["total"], _money(receipt, totals.total_cents), columns)
    vat = receipt.options.vat_percent
    if vat is not None:
        percent = f"{vat.normalize():f}".replace(".", "," if receipt.language == "nl" else ".")
        vat_cents = vat_included(totals.total_cents, vat)
        body += _row(words["vat"].format(percent=percent), _money(receipt, vat_cents), columns)
    if tender.card_cents:
        body += _row(words["card"], _money(receipt, tender.card_cents), columns)
    if tender.cash_received_cents or tender.cash_cents:
        body += _row(words["cash"], _money(receipt, tender.cash_received_cents or tender.cash_cents), columns)
    if tender.change_cents:
        body += _row(words["change"], _money(receipt, tender.change_cents), columns)
    foot = _centred(receipt.options.footer, columns) if receipt.options.footer else []
    return head, body, foot


def _encode(lines: list[str]) -> bytes:
    return b"".join(line.encode(ENCODING, errors="replace") + b"\n" for line in lines)


def receipt_bytes(receipt: Receipt) -> bytes:
    """The whole print job: initialise, code page, the receipt, feed and cut."""
    head, body, foot = text_lines(receipt)
    name = _centred(receipt.business, COLUMNS[receipt.options.paper_mm] // 2)
    return b"".join(
        [
            INIT,
            CODE_PAGE,
            CENTER,
            BOLD_ON + DOUBLE_ON,
            _encode(name),
            DOUBLE_OFF + BOLD_OFF,
            _encode(head),
            LEFT,
            _encode(body),
            CENTER,
            _encode(foot),
            LEFT,
            FEED_AND_CUT,
        ]
    )
