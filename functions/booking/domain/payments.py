"""Payment rules that need no storage or network: fees, no-show policy, what
a paid deposit does to a booking, the payment records, and when a site can
take deposits. Stripe's event JSON is read in `adapters/stripe_events.py`."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from enum import StrEnum
from typing import Any

from booking.domain import strings
from booking.domain.errors import InvalidInput
from booking.domain.model import BookingStatus
from booking.domain.money import format_money

log = logging.getLogger(__name__)


class PaymentKind(StrEnum):
    DEPOSIT = "deposit"
    NO_SHOW_FEE = "no_show_fee"
    REFUND = "refund"
    POS_CARD = "pos_card"
    """A card payment at the desk (Stripe Terminal), docs/pos.md."""
    POS_CASH = "pos_cash"
    SUBSCRIPTION = "subscription"
    """A paid invoice of a subscription (docs/subscriptions.md)."""


class PaymentStatus(StrEnum):
    PENDING = "pending"
    """Recorded, the call to Stripe is still to be made (or to be retried)."""
    PROCESSING = "processing"
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    NOT_COLLECTED = "not_collected"
    """A no-show fee that could not be charged: the client left no card."""


def payment_id(kind: PaymentKind, booking_id: str) -> str:
    """One record per kind and booking: a repeated signal finds the first."""
    return f"{kind.value.replace('_', '-')}-{booking_id}"


def percent_of(amount_cents: int, percent: Decimal) -> int:
    """`percent` % of an amount in cents, rounded half up, within [0, amount]."""
    share = (Decimal(amount_cents) * percent / 100).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return max(0, min(amount_cents, int(share)))


def parse_percent(value: Any, field: str = "percent") -> Decimal:
    """A percentage between 0 and 100 with at most two decimals."""
    if isinstance(value, bool):
        raise InvalidInput(field, "must be a number from 0 to 100")
    try:
        percent = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        raise InvalidInput(field, "must be a number from 0 to 100") from None
    if not percent.is_finite() or not 0 <= percent <= 100 or percent != percent.quantize(Decimal("0.01")):
        raise InvalidInput(field, "must be a number from 0 to 100 with at most two decimals")
    return percent


def application_fee_cents(amount_cents: int, percent: Decimal) -> int:
    """The platform's service fee on a charge that goes to a connected account."""
    return percent_of(amount_cents, percent)


@dataclass(frozen=True)
class PaymentConfig:
    """A site's private payment settings (`private/payments`, server only)."""

    connected_account_id: str | None = None
    charges_enabled: bool = False
    details_submitted: bool = False
    checked_at: datetime | None = None
    fee_percent: str | None = None
    """The platform operator's override of `PLATFORM_FEE_PERCENT`, as stored."""


def fee_percent(config: PaymentConfig, platform_percent: str) -> Decimal:
    """The site's override of the platform fee, else the platform's own; an
    unusable value takes no fee rather than a wrong one."""
    value = config.fee_percent if config.fee_percent is not None else platform_percent
    try:
        return parse_percent(value, "feePercent")
    except InvalidInput:
        log.error("unusable platform fee %r: no fee taken", value)
        return Decimal(0)


def platform_fee_cents(amount_cents: int, config: PaymentConfig, platform_percent: str) -> int:
    """The platform's fee on a charge: only charges to a connected account pay one."""
    if not config.connected_account_id:
        return 0
    return application_fee_cents(amount_cents, fee_percent(config, platform_percent))


class FeeKind(StrEnum):
    FIXED = "fixed"
    PERCENT = "percent"


@dataclass(frozen=True)
class NoShowFee:
    """A site's no-show fee: a fixed amount, or a share of the service price."""

    enabled: bool = False
    kind: FeeKind = FeeKind.FIXED
    amount_cents: int = 0
    percent: Decimal = Decimal(0)

    def amount_for(self, price_cents: int | None) -> int:
        if not self.enabled:
            return 0
        if self.kind is FeeKind.FIXED:
            return self.amount_cents
        return percent_of(price_cents or 0, self.percent)

    def to_doc(self) -> dict[str, Any]:
        doc: dict[str, Any] = {"enabled": self.enabled, "kind": self.kind.value}
        if self.kind is FeeKind.FIXED:
            doc["amountCents"] = self.amount_cents
        else:
            doc["percent"] = float(self.percent)
        return doc


MAX_FEE_CENTS = 1_000_000


def no_show_fee_from(doc: Mapping[str, Any] | None) -> NoShowFee:
    """The stored `settings.noShowFee`; anything unusable means no fee."""
    doc = doc or {}
    try:
        return no_show_fee_input(doc)
    except InvalidInput:
        return NoShowFee()


def no_show_fee_input(doc: Mapping[str, Any]) -> NoShowFee:
    """Validate an admin's `noShowFee`; raises InvalidInput naming the field."""
    if not isinstance(doc, Mapping):
        raise InvalidInput("noShowFee", "must be an object")
    unknown = set(doc) - {"enabled", "kind", "amountCents", "percent"}
    if unknown:
        raise InvalidInput(f"noShowFee.{sorted(unknown)[0]}", "is not a known field")
    enabled = doc.get("enabled", False)
    if not isinstance(enabled, bool):
        raise InvalidInput("noShowFee.enabled", "must be true or false")
    try:
        kind = FeeKind(doc.get("kind", FeeKind.FIXED.value))
    except ValueError:
        raise InvalidInput("noShowFee.kind", "must be 'fixed' or 'percent'") from None
    if kind is FeeKind.FIXED:
        amount = doc.get("amountCents", 0)
        if isinstance(amount, bool) or not isinstance(amount, int) or not 0 <= amount <= MAX_FEE_CENTS:
            raise InvalidInput("noShowFee.amountCents", f"must be a whole number of cents from 0 to {MAX_FEE_CENTS}")
        if enabled and amount == 0:
            raise InvalidInput("noShowFee.amountCents", "must be more than 0 when the fee is enabled")
        return NoShowFee(enabled=enabled, kind=kind, amount_cents=amount)
    percent = parse_percent(doc.get("percent", 0), "noShowFee.percent")
    if enabled and percent == 0:
        raise InvalidInput("noShowFee.percent", "must be more than 0 when the fee is enabled")
    return NoShowFee(enabled=enabled, kind=kind, percent=percent)


def no_show_policy_text(settings: Mapping[str, Any] | NoShowFee | None, locale: str, currency: str = "EUR") -> str:
    """The sentence a confirmation e-mail shows when no-show fees are on, else "".

    `settings` is the site document's `settings` map (its `noShowFee` is
    read) or a NoShowFee; `locale` is the site's ("en" or "nl").
    """
    fee = settings if isinstance(settings, NoShowFee) else no_show_fee_from((settings or {}).get("noShowFee"))
    if not fee.enabled:
        return ""
    language = locale if locale in strings.LANGUAGES else strings.DEFAULT_LANGUAGE
    if fee.kind is FeeKind.FIXED:
        amount = format_money(fee.amount_cents, currency, language)
    else:
        percent = f"{fee.percent.normalize():f}"
        percent = percent.replace(".", ",") if language == "nl" else percent
        amount = strings.text(language, "policy.noShowFee.percent", percent=percent)
    return strings.text(language, "policy.noShowFee", fee=amount)


def booking_no_show_policy(fee: NoShowFee, deposit_cents: int | None, locale: str, currency: str = "EUR") -> str:
    """The policy sentence for a booking with a paid deposit, else "": a fee
    is only ever charged to the card saved with a deposit, so a booking
    without one (or whose deposit the business waived) is not told it. The
    widget tells it before booking a deposit service."""
    return no_show_policy_text(fee, strings.language(locale), currency) if deposit_cents else ""


def payments_ready(stripe_available: bool, connected_account: str | None, charges_enabled: bool) -> bool:
    """Deposits are offered only when a charge can actually be made."""
    return stripe_available and (connected_account is None or charges_enabled)


class DepositAction(StrEnum):
    CONFIRM = "confirmed"
    """The booking waited for this payment: it is confirmed now."""
    RECLAIM = "reclaimed"
    """Paid after expiry: the booking takes its time back if still free."""
    RECORD = "recorded"
    """The booking needs no change; the payment is only recorded."""
    REFUND = "refunded"
    """The booking can't happen: the payment goes back."""


def deposit_action(status: BookingStatus, already_paid: bool, time_free: bool = True) -> DepositAction:
    """What a paid deposit does to a booking in `status`.

    A second signal for a deposit already recorded changes nothing, whatever
    the order the signals came in.
    """
    if already_paid:
        return DepositAction.RECORD
    if status in (BookingStatus.PENDING_PAYMENT, BookingStatus.PENDING):
        return DepositAction.CONFIRM
    if status is BookingStatus.EXPIRED:
        return DepositAction.RECLAIM if time_free else DepositAction.REFUND
    if status is BookingStatus.CANCELLED:
        return DepositAction.REFUND
    return DepositAction.RECORD


class Signal(StrEnum):
    DEPOSIT_PAID = "deposit_paid"
    FEE_SUCCEEDED = "fee_succeeded"
    FEE_FAILED = "fee_failed"


@dataclass(frozen=True)
class PaymentEvent:
    """What a Stripe event says about one of our bookings."""

    event_id: str
    event_type: str
    signal: Signal
    site_id: str
    booking_id: str
    amount_cents: int
    currency: str
    session_id: str | None = None
    payment_intent_id: str | None = None
    customer_id: str | None = None
    payment_method_id: str | None = None
    account: str | None = None
    """The connected account the event happened on (Stripe Connect); None: the platform's own."""
    destination: str | None = None
    """PaymentIntents: the connected account the money is transferred to, if any."""


@dataclass(frozen=True)
class SitePayments:
    """What payments read of a site's public document."""

    name: str
    locale: str = "en"
    currency: str = "EUR"
    no_show_fee: NoShowFee = NoShowFee()
    ready: bool = False
    """`payments.ready`: deposit services can be booked."""
    accent_color: str = "#2563eb"
    """The widget's colour, which the result page wears too."""
    logo_url: str = ""
    """The e-mails' logo, shown on the result page."""
