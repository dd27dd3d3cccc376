"""Golden bytes of the ESC/POS receipt: what the printer gets, byte for byte."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime
from decimal import Decimal

from booking.domain.receipt import Receipt, ReceiptOptions, receipt_bytes, text_lines
from booking.domain.sale import Discount, Method, booking_lines, extra_line, tender, totals

START = b"\x1b@\x1bt\x13\x1ba\x01\x1bE\x01\x1d!\x11"
CUT = b"\x1ba\x00\x1dVB\x03"


def haircut_receipt(paper_mm: int = 80, language: str = "en", **options: object) -> Receipt:
    lines = booking_lines("haircut", "Haircut", 3500, 0)
    sale_totals = totals(lines, Discount())
    return Receipt(
        business="Demo Hair Studio",
        address=("Damrak 1", "Amsterdam"),
        number=42,
        paid_at=datetime(2026, 3, 10, 14, 5, tzinfo=UTC),
        timezone="Europe/Amsterdam",
        lines=tuple(lines),
        totals=sale_totals,
        tender=tender(sale_totals.total_cents, Method.CASH, cash_received_cents=5000),
        currency="EUR",
        language=language,
        options=ReceiptOptions(paper_mm=paper_mm, **options),  # type: ignore[arg-type]
    )


def test_an_80mm_cash_receipt_is_these_exact_bytes() -> None:
    expected = (
        START
        + b"Demo Hair Studio\n"
        + b"\x1d!\x00\x1bE\x00"
        + b"Damrak 1\nAmsterdam\nReceipt 42\n10-03-2026 15:05\n"
        + b"\x1ba\x00"
        + b"Haircut"
        + b" " * 35
        + b"\xd535.00\n"
        + b"-" * 48
        + b"\n"
        + b"Total"
        + b" " * 37
        + b"\xd535.00\n"
        + b"Cash"
        + b" " * 38
        + b"\xd550.00\n"
        + b"Change"
        + b" " * 36
        + b"\xd515.00\n"
        + b"\x1ba\x01"
        + CUT
    )
    assert receipt_bytes(haircut_receipt()) == expected


def test_a_58mm_receipt_has_32_columns_and_the_same_commands() -> None:
    data = receipt_bytes(haircut_receipt(58))
    assert data.startswith(START + b"Demo Hair Studio\n")
    assert data.endswith(CUT)
    assert b"Haircut" + b" " * 19 + b"\xd535.00\n" in data
    assert b"-" * 32 + b"\n" in data
    assert b"-" * 33 not in data


def test_the_euro_sign_is_0xd5_in_code_page_pc858_selected_first() -> None:
    data = receipt_bytes(haircut_receipt())
    assert data[:5] == b"\x1b@\x1bt\x13"
    assert "€".encode("cp858") == b"\xd5"
    assert b"\xe2\x82\xac" not in data  # never the UTF-8 bytes, which print as three odd signs


def test_long_names_wrap_under_themselves_and_keep_the_amount_on_the_first_line() -> None:
    receipt = haircut_receipt(58)
    long = extra_line("colour", "Colour treatment with toner and a deep conditioning mask", 8500, 1)
    receipt = dataclasses.replace(receipt, lines=(long,))
    _, body, _ = text_lines(receipt)
    assert body[:4] == [
        "Colour treatment with     \u20ac85.00",
        "toner and a deep",
        "conditioning mask",
        "-" * 32,
    ]
    assert all(len(line) <= 32 for line in body)


def test_a_dutch_receipt_with_deposit_discount_vat_split_and_branch_time() -> None:
    lines = booking_lines("colour", "Kleurbehandeling", 8500, 2000)
    sale_totals = totals(lines, Discount(percent=Decimal(10)))
    receipt = Receipt(
        business="Kapsalon Zuid",
        address=("Beethovenstraat 10",),
        number=7,
        paid_at=datetime(2026, 3, 29, 1, 30, tzinfo=UTC),  # 03:30 in Amsterdam, the night the clocks go forward
        timezone="Europe/Amsterdam",
        lines=tuple(lines),
        totals=sale_totals,
        tender=tender(sale_totals.total_cents, Method.SPLIT, card_cents=4000, cash_received_cents=2000),
        currency="EUR",
        language="nl",
        options=ReceiptOptions(header="Welkom", footer="Tot ziens!", vat_percent=Decimal(21), paper_mm=58),
    )
    head, body, foot = text_lines(receipt)
    assert head == ["Welkom", "Beethovenstraat 10", "Bon 7", "29-03-2026 03:30"]
    assert body == [
        "Kleurbehandeling         € 85,00",
        "Aanbetaling voldaan     -€ 20,00",
        "-" * 32,
        "Subtotaal                € 65,00",
        "Korting                  -€ 6,50",
        "Totaal                   € 58,50",
        "waarvan btw 21%          € 10,15",
        "Pin                      € 40,00",
        "Contant                  € 20,00",
        "Wisselgeld                € 1,50",
    ]
    assert foot == ["Tot ziens!"]
    data = receipt_bytes(receipt)
    assert b"Wisselgeld                \xd5 1,50\n" in data
    assert b"\x1ba\x01Tot ziens!\n" + CUT in data
