"""A sale at the desk (POS): its lines, totals and how it is paid.

Every amount is computed here from the booking and the catalog; the client
only says *what* is sold (a booking, catalog services, a discount) and how
the customer pays. Amounts are whole cents, prices include VAT.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from booking.domain.errors import InvalidInput

MAX_QUANTITY = 99
MAX_LINES = 30
MAX_CASH_CENTS = 1_000_000
"""No till takes more than €10,000 in one go; a typo is refused instead."""


class LineKind(StrEnum):
    SERVICE = "service"
    """The booking's service, or a catalog service sold on the spot."""
    DEPOSIT = "deposit"
    """The deposit the client already paid online: subtracted."""


class Method(StrEnum):
    CARD = "card"
    CASH = "cash"
    SPLIT = "split"
    """Part card (charged first), the rest in cash."""


@dataclass(frozen=True)
class SaleLine:
    kind: LineKind
    description: str
    quantity: int
    unit_cents: int
    """Negative for the paid deposit."""
    service_id: str | None = None

    @property
    def amount_cents(self) -> int:
        return self.quantity * self.unit_cents


@dataclass(frozen=True)
class Discount:
    """Either a percentage of the lines or a fixed amount, never both."""

    percent: Decimal = Decimal(0)
    cents: int = 0


@dataclass(frozen=True)
class Totals:
    subtotal_cents: int
    discount_cents: int
    total_cents: int


@dataclass(frozen=True)
class Tender:
    """What each method pays; `change_cents` goes back to the client in cash."""

    card_cents: int
    cash_cents: int
    cash_received_cents: int
    change_cents: int


def booking_lines(service_id: str, name: str, price_cents: int | None, deposit_paid_cents: int) -> list[SaleLine]:
    """The booking's service at the price it was booked at, less a paid deposit."""
    lines = [SaleLine(LineKind.SERVICE, name, 1, price_cents or 0, service_id)]
    if deposit_paid_cents:
        lines.append(SaleLine(LineKind.DEPOSIT, name, 1, -deposit_paid_cents, service_id))
    return lines


def extra_line(service_id: str, name: str, price_cents: int | None, quantity: int) -> SaleLine:
    if isinstance(quantity, bool) or not isinstance(quantity, int) or not 1 <= quantity <= MAX_QUANTITY:
        raise InvalidInput("extras.quantity", f"must be a whole number from 1 to {MAX_QUANTITY}")
    if not price_cents:
        raise InvalidInput("extras.serviceId", f"{name} has no price to sell it at")
    return SaleLine(LineKind.SERVICE, name, quantity, price_cents, service_id)


def totals(lines: Iterable[SaleLine], discount: Discount) -> Totals:
    """The sum of the lines (never below zero), less the discount, which
    can take the total to zero but not below."""
    lines = list(lines)
    if not lines:
        raise InvalidInput("extras", "a sale needs at least one line")
    if len(lines) > MAX_LINES:
        raise InvalidInput("extras", f"at most {MAX_LINES} lines")
    subtotal = max(0, sum(line.amount_cents for line in lines))
    off = discount.cents + int((Decimal(subtotal) * discount.percent / 100).quantize(Decimal(1), ROUND_HALF_UP))
    off = min(off, subtotal)
    return Totals(subtotal, off, subtotal - off)


def tender(total_cents: int, method: Method, card_cents: int = 0, cash_received_cents: int = 0) -> Tender:
    """Split the total over card and cash; the change due on cash received.
    Raises InvalidInput naming the field the desk got wrong."""
    for name, value in (("cardCents", card_cents), ("cashReceivedCents", cash_received_cents)):
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_CASH_CENTS:
            raise InvalidInput(name, f"must be a whole number of cents from 0 to {MAX_CASH_CENTS}")
    if method is Method.CARD:
        if total_cents <= 0:
            raise InvalidInput("method", "nothing is left to pay by card: take it as cash")
        return Tender(total_cents, 0, 0, 0)
    card = 0
    if method is Method.SPLIT:
        if not 0 < card_cents < total_cents:
            raise InvalidInput("cardCents", "the card part must be more than 0 and less than the total")
        card = card_cents
    cash_due = total_cents - card
    if cash_received_cents < cash_due:
        raise InvalidInput("cashReceivedCents", "is less than the cash due")
    return Tender(card, cash_due, cash_received_cents, cash_received_cents - cash_due)


def parse_discount(value: object) -> Discount:
    """`{"percent": 10}` or `{"cents": 500}` from the desk; None is no discount."""
    if value is None:
        return Discount()
    if not isinstance(value, dict) or len(value) != 1 or not set(value) <= {"percent", "cents"}:
        raise InvalidInput("discount", "must be {percent} or {cents}")
    if "cents" in value:
        cents = value["cents"]
        if isinstance(cents, bool) or not isinstance(cents, int) or not 0 <= cents <= MAX_CASH_CENTS:
            raise InvalidInput("discount.cents", f"must be a whole number of cents from 0 to {MAX_CASH_CENTS}")
        return Discount(cents=cents)
    percent = value["percent"]
    if isinstance(percent, bool) or not isinstance(percent, int | float) or not 0 <= percent <= 100:
        raise InvalidInput("discount.percent", "must be a number from 0 to 100")
    return Discount(percent=Decimal(str(percent)))


def vat_included(total_cents: int, percent: Decimal) -> int:
    """The VAT inside a price that includes it, rounded half up."""
    if percent <= 0:
        return 0
    return int((Decimal(total_cents) * percent / (100 + percent)).quantize(Decimal(1), ROUND_HALF_UP))
