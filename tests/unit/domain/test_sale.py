"""Sale lines, totals and tender: every amount from the server's own data."""

from __future__ import annotations

from decimal import Decimal

import pytest

from booking.domain.errors import InvalidInput
from booking.domain.sale import (
    Discount,
    LineKind,
    Method,
    Tender,
    booking_lines,
    extra_line,
    parse_discount,
    tender,
    totals,
    vat_included,
)


def test_a_booking_sells_its_service_less_the_deposit_already_paid() -> None:
    lines = booking_lines("colour", "Colour treatment", 8500, 2000)
    assert [(line.kind, line.amount_cents) for line in lines] == [(LineKind.SERVICE, 8500), (LineKind.DEPOSIT, -2000)]
    assert totals(lines, Discount()).total_cents == 6500


def test_extras_multiply_and_a_discount_never_takes_the_total_below_zero() -> None:
    lines = [*booking_lines("haircut", "Haircut", 3500, 0), extra_line("beard", "Beard trim", 1500, 2)]
    assert totals(lines, Discount(percent=Decimal(10))).total_cents == 5850
    assert totals(lines, Discount(cents=99_999)).total_cents == 0
    assert totals(booking_lines("colour", "Colour", 1000, 2000), Discount()).total_cents == 0


def test_a_service_without_a_price_or_a_silly_quantity_is_refused() -> None:
    with pytest.raises(InvalidInput, match="no price"):
        extra_line("free", "Consultation", None, 1)
    with pytest.raises(InvalidInput, match="quantity"):
        extra_line("beard", "Beard trim", 1500, 100)


def test_cash_gives_change_card_pays_all_and_split_takes_the_rest_in_cash() -> None:
    assert tender(3500, Method.CASH, cash_received_cents=5000) == Tender(0, 3500, 5000, 1500)
    assert tender(3500, Method.CARD) == Tender(3500, 0, 0, 0)
    assert tender(3500, Method.SPLIT, card_cents=2000, cash_received_cents=2000) == Tender(2000, 1500, 2000, 500)


@pytest.mark.parametrize(
    ("method", "card", "received", "field"),
    [
        (Method.CASH, 0, 3000, "cashReceivedCents"),
        (Method.SPLIT, 3500, 0, "cardCents"),
        (Method.SPLIT, 0, 3500, "cardCents"),
        (Method.SPLIT, 1000, 2000, "cashReceivedCents"),
        (Method.CASH, 0, -1, "cashReceivedCents"),
    ],
)
def test_a_tender_that_does_not_cover_the_total_names_the_field(
    method: Method, card: int, received: int, field: str
) -> None:
    with pytest.raises(InvalidInput) as refused:
        tender(3500, method, card, received)
    assert refused.value.field == field


def test_nothing_left_to_pay_cannot_go_to_the_card_reader() -> None:
    with pytest.raises(InvalidInput, match="nothing is left"):
        tender(0, Method.CARD)
    assert tender(0, Method.CASH) == Tender(0, 0, 0, 0)


def test_discounts_from_the_desk_are_a_percentage_or_cents() -> None:
    assert parse_discount(None) == Discount()
    assert parse_discount({"percent": 12.5}) == Discount(percent=Decimal("12.5"))
    assert parse_discount({"cents": 500}) == Discount(cents=500)
    for bad in ({"percent": 101}, {"cents": -1}, {"percent": 5, "cents": 5}, "10%", {"cents": True}):
        with pytest.raises(InvalidInput):
            parse_discount(bad)


def test_vat_is_taken_out_of_a_price_that_includes_it() -> None:
    assert vat_included(12100, Decimal(21)) == 2100
    assert vat_included(1000, Decimal(9)) == 83
    assert vat_included(1000, Decimal(0)) == 0
