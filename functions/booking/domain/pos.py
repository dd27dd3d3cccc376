"""A site's POS settings and its stored sales (docs/pos.md)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any

from booking.domain.errors import Conflict, InvalidInput, NotFound
from booking.domain.receipt import COLUMNS, ReceiptOptions
from booking.domain.sale import Method, SaleLine, Tender, Totals

LOCAL_SIMULATED_READER = "local-simulated"
"""A reader that exists only on this server: card sales succeed at once.
For development without a Stripe key (docs/pos.md)."""
MAX_READERS = 20


@dataclass(frozen=True)
class Reader:
    id: str
    label: str
    simulated: bool = False
    """Stripe's test-mode simulated reader, or the local one."""

    @property
    def local(self) -> bool:
        return self.id == LOCAL_SIMULATED_READER


@dataclass(frozen=True)
class PosSettings:
    enabled: bool = False
    location_id: str | None = None
    """Stripe Terminal location new readers are registered at."""
    readers: tuple[Reader, ...] = ()
    default_reader_id: str | None = None
    receipt: ReceiptOptions = field(default_factory=ReceiptOptions)

    def require_enabled(self) -> None:
        if not self.enabled:
            raise Conflict("The POS register is not enabled for this site")

    def reader(self, reader_id: str | None) -> Reader:
        """The reader asked for, else the default one, else the only one."""
        wanted = reader_id or self.default_reader_id or (self.readers[0].id if len(self.readers) == 1 else None)
        for reader in self.readers:
            if reader.id == wanted:
                return reader
        if reader_id:
            raise NotFound("Card reader not found")
        raise Conflict("No card reader is set up: add one in POS Settings, or take cash")


def receipt_options_input(doc: Any) -> ReceiptOptions:
    """Validate the admin's receipt options; raises InvalidInput naming the field."""
    if not isinstance(doc, Mapping):
        raise InvalidInput("receipt", "must be an object")
    unknown = set(doc) - {"header", "footer", "vatPercent", "paperWidth"}
    if unknown:
        raise InvalidInput(f"receipt.{sorted(unknown)[0]}", "is not a known field")
    texts = {}
    for key in ("header", "footer"):
        value = doc.get(key, "")
        if not isinstance(value, str) or len(value) > 200:
            raise InvalidInput(f"receipt.{key}", "must be text of at most 200 characters")
        texts[key] = value.strip()
    vat = doc.get("vatPercent")
    percent = None
    if vat is not None:
        try:
            percent = Decimal(str(vat))
        except InvalidOperation:
            percent = Decimal(-1)
        if isinstance(vat, bool) or not percent.is_finite() or not 0 <= percent <= 100:
            raise InvalidInput("receipt.vatPercent", "must be a number from 0 to 100, or empty for no VAT line")
    paper = doc.get("paperWidth", 80)
    if paper not in COLUMNS or isinstance(paper, bool):
        raise InvalidInput("receipt.paperWidth", "must be 58 or 80")
    return ReceiptOptions(texts["header"], texts["footer"], percent, int(paper))


class SaleStatus(StrEnum):
    OPEN = "open"
    """Stored, not settled yet: a card part waits for the reader (webhook or polling settles it)."""
    PAID = "paid"
    FAILED = "failed"
    """Declined, cancelled at the reader, or the reader was offline: nothing was recorded."""


@dataclass(frozen=True)
class Sale:
    """A sale as stored in `sites/{siteId}/sales/{saleId}` (docs/data-model.md)."""

    id: str
    site_id: str
    branch_id: str | None
    booking_id: str | None
    lines: tuple[SaleLine, ...]
    totals: Totals
    tender: Tender
    method: Method
    currency: str
    timezone: str
    status: SaleStatus
    by: str
    created_at: datetime
    reader_id: str | None = None
    payment_intent_id: str | None = None
    error: str | None = None
    """Why the card part failed: `card_declined`, `customer_canceled`, `reader_offline`, ..."""
    receipt_number: int | None = None
    paid_at: datetime | None = None
    refunded_cents: int = 0
    client_email: str = ""


def pos_payment_id(method: str, sale_id: str) -> str:
    """One payment record per method and sale: a repeated settle finds it."""
    return f"pos-{method}-{sale_id}"


FAILURES = {
    "card_declined": "The card was declined",
    "customer_canceled": "The payment was cancelled at the reader",
    "reader_offline": "The card reader is offline",
}


def failure_message(code: str | None) -> str:
    return FAILURES.get(code or "", "The card payment did not go through")
