"""A sale and the POS settings survive the trip to Firestore and back."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from booking.adapters import sale_store
from booking.domain.pos import PosSettings, Reader, Sale, SaleStatus
from booking.domain.receipt import ReceiptOptions
from booking.domain.sale import Discount, Method, booking_lines, tender, totals

AT = datetime(2026, 3, 10, 14, 5, tzinfo=UTC)


def test_a_stored_sale_reads_back_the_same() -> None:
    lines = booking_lines("colour", "Colour", 8500, 2000)
    sale_totals = totals(lines, Discount(cents=500))
    sale = Sale(
        id="sale-1",
        site_id="demo",
        branch_id="centrum",
        booking_id="b1",
        lines=tuple(lines),
        totals=sale_totals,
        tender=tender(sale_totals.total_cents, Method.SPLIT, 3000, 5000),
        method=Method.SPLIT,
        currency="EUR",
        timezone="Europe/Amsterdam",
        status=SaleStatus.PAID,
        by="Anna",
        created_at=AT,
        reader_id="tmr_1",
        payment_intent_id="pi_1",
        receipt_number=7,
        paid_at=AT,
        client_email="ada@example.com",
    )
    assert sale_store.sale_from("demo", "sale-1", sale_store.sale_doc(sale)) == sale


def test_pos_settings_read_back_the_same() -> None:
    settings = PosSettings(
        enabled=True,
        location_id="tml_1",
        readers=(Reader("tmr_1", "Front", True),),
        default_reader_id="tmr_1",
        receipt=ReceiptOptions("Hi", "Bye", Decimal("21"), 58),
    )
    assert sale_store.settings_from(sale_store.settings_doc(settings)) == settings
    assert sale_store.settings_from({}) == PosSettings()
