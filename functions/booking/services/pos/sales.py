"""A sale at the desk, from the staff app or the admin booking detail.

The amounts come from the booking and the catalog (`domain/sale.py`), the
sale is stored once per client-made id, and a paid sale settles in one
transaction (receipt number and payment records), then completes its
booking through the status pipeline.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime

from booking.adapters import booking_store, payments_store, sale_store, site_store
from booking.adapters.stripe_gateway import PaymentsUnavailable
from booking.adapters.terminal_gateway import CardPayment, ReaderUnavailable, terminal_for
from booking.domain.catalog import Catalog
from booking.domain.errors import Conflict, InvalidInput, NotFound
from booking.domain.model import BookingStatus
from booking.domain.payment_record import PaymentRecord, StripeIds
from booking.domain.payments import PaymentKind, PaymentStatus
from booking.domain.pos import PosSettings, Sale, SaleStatus, pos_payment_id
from booking.domain.record import BookingRecord, DepositStatus
from booking.domain.sale import Discount, Method, SaleLine, Totals, booking_lines, extra_line, tender, totals
from booking.domain.transitions import Action

log = logging.getLogger(__name__)
CHECKOUT_STATUSES = (BookingStatus.CONFIRMED, BookingStatus.NO_SHOW)
"""A booking that can be checked out: one the pipeline can complete."""


@dataclass(frozen=True)
class Seller:
    """Who sells, and where: staff are held to their site and branch."""

    site_id: str
    name: str
    branch_id: str | None = None
    """Staff of a branch sell only there; None: any branch of the site."""


@dataclass(frozen=True)
class SaleRequest:
    sale_id: str
    method: Method
    booking_id: str | None = None
    extras: tuple[tuple[str, int], ...] = ()
    """Catalog service ids with a quantity."""
    discount: Discount = field(default_factory=Discount)
    card_cents: int = 0
    cash_received_cents: int = 0
    reader_id: str | None = None
    branch_id: str | None = None
    """Walk-in sales: the branch sold at (staff of a branch: theirs)."""


def _booking(seller: Seller, booking_id: str) -> BookingRecord:
    booking = booking_store.get(seller.site_id, booking_id)
    if booking is None or (seller.branch_id and booking.branch_id not in (seller.branch_id, None)):
        raise NotFound("Booking not found")
    if booking.status not in CHECKOUT_STATUSES:
        raise Conflict(f"A {booking.status.value.replace('_', ' ')} booking can't be checked out")
    return booking


def _lines(catalog: Catalog, booking: BookingRecord | None, request: SaleRequest) -> list[SaleLine]:
    lines: list[SaleLine] = []
    if booking is not None:
        deposit = booking.payment
        paid = deposit.deposit_cents if deposit and deposit.deposit_status == DepositStatus.PAID.value else 0
        lines += booking_lines(booking.service_id, booking.service.name, booking.service.price_cents, paid)
    for service_id, quantity in request.extras:
        service = catalog.desk_service(service_id)
        lines.append(extra_line(service.id, service.name, service.price_cents, quantity))
    return lines


def _branch(catalog: Catalog, seller: Seller, booking: BookingRecord | None, wanted: str | None) -> str | None:
    if booking is not None:
        return booking.branch_id
    if seller.branch_id and wanted not in (None, seller.branch_id):
        raise NotFound("Branch not found")
    branch = catalog.branch(seller.branch_id or wanted)
    return branch.id if branch else None


@dataclass(frozen=True)
class Quote:
    """What the checkout shows before anyone pays."""

    lines: tuple[SaleLine, ...]
    totals: Totals
    currency: str
    settings: PosSettings


def quote(seller: Seller, request: SaleRequest) -> Quote:
    settings = sale_store.settings(seller.site_id)
    settings.require_enabled()
    catalog = site_store.load_catalog(seller.site_id, require_enabled=False)
    booking = _booking(seller, request.booking_id) if request.booking_id else None
    lines = _lines(catalog, booking, request)
    return Quote(tuple(lines), totals(lines, request.discount), catalog.site.currency, settings)


def sell(seller: Seller, request: SaleRequest, now: datetime) -> Sale:
    """Open (and for cash, settle) the sale; a repeated sale id returns the
    stored sale without charging again. Card sales wait for the reader:
    `refresh` (or the webhook) settles them."""
    existing = sale_store.get(seller.site_id, request.sale_id)
    if existing is not None:
        return own_sale(seller, existing)
    settings = sale_store.settings(seller.site_id)
    settings.require_enabled()
    catalog = site_store.load_catalog(seller.site_id, require_enabled=False)
    booking = _booking(seller, request.booking_id) if request.booking_id else None
    lines = _lines(catalog, booking, request)
    sale_totals = totals(lines, request.discount)
    sale_tender = tender(sale_totals.total_cents, request.method, request.card_cents, request.cash_received_cents)
    reader = settings.reader(request.reader_id) if sale_tender.card_cents else None
    branch_id = _branch(catalog, seller, booking, request.branch_id)
    sale = Sale(
        id=request.sale_id,
        site_id=seller.site_id,
        branch_id=branch_id,
        booking_id=booking.id if booking else None,
        lines=tuple(lines),
        totals=sale_totals,
        tender=sale_tender,
        method=request.method,
        currency=catalog.site.currency,
        timezone=catalog.timezone_of(catalog.branch(branch_id) if branch_id else None),
        status=SaleStatus.OPEN,
        by=seller.name,
        created_at=now,
        reader_id=reader.id if reader else None,
        client_email=booking.customer.email if booking else "",
    )
    sale, created = sale_store.create_once(sale)
    if not created:
        return own_sale(seller, sale)
    if reader is None:
        return finish(sale, now)
    description = f"{catalog.site.name}: " + ", ".join(line.description for line in lines)[:200]
    payment = CardPayment(
        sale.site_id,
        sale.id,
        sale.booking_id,
        sale_tender.card_cents,
        sale.currency,
        reader.id,
        description,
        _account(seller.site_id),
    )
    try:
        intent = terminal_for(reader).start_payment(payment)
    except ReaderUnavailable as error:
        sale_store.fail(sale.site_id, sale.id, error.code)
        raise
    except PaymentsUnavailable:  # nothing reached the reader: the desk tries again as a new sale
        sale_store.fail(sale.site_id, sale.id, "stripe_unavailable")
        raise
    return sale_store.update(sale, payment_intent_id=intent)


def refresh(seller: Seller, sale_id: str, now: datetime) -> Sale:
    """The sale as it stands; a card part still waiting is asked about at the reader."""
    sale = sale_store.get(seller.site_id, sale_id)
    if sale is None:
        raise NotFound("Sale not found")
    sale = own_sale(seller, sale)
    if sale.status is not SaleStatus.OPEN or not sale.payment_intent_id:
        return sale
    settings = sale_store.settings(seller.site_id)
    reader = next((r for r in settings.readers if r.id == sale.reader_id), None)
    state = terminal_for(reader).card_state(sale.reader_id or "", sale.payment_intent_id, _account(seller.site_id))
    if state.status == "succeeded":
        return finish(sale, now)
    if state.status == "failed":
        return sale_store.fail(sale.site_id, sale.id, state.error) or sale
    return sale


def card_succeeded(site_id: str, sale_id: str, payment_intent_id: str, now: datetime) -> str:
    """Stripe says the card part was paid (webhook): settle the sale."""
    sale = sale_store.get(site_id, sale_id)
    if sale is None or sale.payment_intent_id not in (None, payment_intent_id):
        return "ignored"
    if sale.status is not SaleStatus.OPEN:
        return "duplicate"
    finish(sale, now, payment_intent_id)
    return "pos_paid"


def card_failed(site_id: str, sale_id: str, code: str) -> str:
    sale = sale_store.fail(site_id, sale_id, code)
    return "pos_failed" if sale is not None else "ignored"


def finish(sale: Sale, now: datetime, payment_intent_id: str | None = None) -> Sale:
    """Settle the sale (receipt number and payment records in one
    transaction), then complete its booking through the status pipeline."""
    from booking.services import booking_actions

    intent = payment_intent_id or sale.payment_intent_id
    settled, _ = sale_store.settle(sale.site_id, sale.id, now, lambda paid: payment_records(paid, intent, now))
    settled = settled or sale
    if settled.status is SaleStatus.PAID and settled.booking_id:
        booking = booking_store.get(settled.site_id, settled.booking_id)
        if booking is not None and booking.status in CHECKOUT_STATUSES:
            try:
                booking_actions.apply(settled.site_id, settled.booking_id, Action.COMPLETE, settled.by, now)
            except Conflict as error:  # completed meanwhile by someone else
                log.info("sale %s: booking not completed: %s", settled.id, error.message)
    return settled


def payment_records(sale: Sale, payment_intent_id: str | None, now: datetime) -> list[PaymentRecord]:
    """One record per method: they feed the payments list and revenue."""
    records = []
    parts = ((PaymentKind.POS_CARD, sale.tender.card_cents), (PaymentKind.POS_CASH, sale.tender.cash_cents))
    for kind, cents in parts:
        if cents or (kind is PaymentKind.POS_CASH and not sale.tender.card_cents):
            records.append(
                PaymentRecord(
                    id=pos_payment_id(kind.value.removeprefix("pos_"), sale.id),
                    booking_id=sale.booking_id or "",
                    kind=kind,
                    amount_cents=cents,
                    currency=sale.currency,
                    status=PaymentStatus.SUCCEEDED,
                    stripe=StripeIds(payment_intent_id=payment_intent_id if kind is PaymentKind.POS_CARD else None),
                    created_at=now,
                    updated_at=now,
                    sale_id=sale.id,
                )
            )
    return records


def own_sale(seller: Seller, sale: Sale) -> Sale:
    """Another branch's sale looks like a missing one to staff of a branch."""
    if seller.branch_id and sale.branch_id not in (seller.branch_id, None):
        raise NotFound("Sale not found")
    return sale


def _account(site_id: str) -> str | None:
    return payments_store.private_config(site_id).connected_account_id


def parse_extras(value: object) -> tuple[tuple[str, int], ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or len(value) > 20:
        raise InvalidInput("extras", "must be a list of at most 20 {serviceId, quantity}")
    extras = []
    for item in value:
        if not isinstance(item, dict) or not isinstance(item.get("serviceId"), str) or not item["serviceId"]:
            raise InvalidInput("extras.serviceId", "must name a service")
        extras.append((item["serviceId"][:100], item.get("quantity", 1)))
    return tuple(extras)
