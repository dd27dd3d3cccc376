"""No-show fees: recorded when a booking becomes a no-show, then charged
off-session to the card saved with the deposit.

The follow-up step of a no-show only writes the fee's record, so it works
from any function; the charge runs in the function watching payment
records. An overrule that came while the charge was under way is honoured
when its result is recorded (`fee_refund`).
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable
from datetime import datetime

from booking.adapters import payments_store, stripe_gateway
from booking.adapters.payments_store import Records
from booking.adapters.stripe_gateway import OffSessionCharge, PaymentsUnavailable
from booking.config import PLATFORM_FEE_PERCENT
from booking.domain.payment_record import PaymentRecord, PaymentUpdate, StripeIds
from booking.domain.payments import PaymentKind, PaymentStatus, payment_id, platform_fee_cents
from booking.domain.record import FollowUp
from booking.services.payments.fee_refund import fee_outcome, fee_refund_id

log = logging.getLogger(__name__)
CHARGE_STATUS = {"succeeded": PaymentStatus.SUCCEEDED, "processing": PaymentStatus.PROCESSING}
"""Stripe's PaymentIntent statuses we record as such; any other is a failure."""


def booking_no_show(follow_up: FollowUp) -> str | None:
    """Record the site's no-show fee for a booking: `pending` (to charge)
    with a saved card, else `not_collected`. Once per booking, even if it is
    marked a no-show again later. Returns the record's status, if one was made.

    A booking the client once cancelled is never charged by itself, even
    after the desk reopened it: the client may rightly believe it cancelled.
    Its fee is recorded `not_collected` (`client_cancelled`); charging it is
    the admin's decision, made in the Stripe Dashboard."""
    booking, now = follow_up.booking, follow_up.entry.at
    site = payments_store.site_payments(booking.site_id)
    if site is None:
        return None
    amount = site.no_show_fee.amount_for(booking.service.price_cents)
    if amount <= 0:
        return None
    deposit = booking.payment
    customer = deposit.customer_id if deposit else None
    method = deposit.payment_method_id if deposit else None
    card = customer and method
    reason = "client_cancelled" if booking.cancelled_by_client else None if card else "no_payment_method"
    record = PaymentRecord(
        id=payment_id(PaymentKind.NO_SHOW_FEE, booking.id),
        booking_id=booking.id,
        kind=PaymentKind.NO_SHOW_FEE,
        amount_cents=amount,
        currency=site.currency,
        status=PaymentStatus.NOT_COLLECTED if reason else PaymentStatus.PENDING,
        stripe=StripeIds(customer_id=customer, payment_method_id=method) if card else StripeIds(),
        reason=reason,
        created_at=now,
        updated_at=now,
    )
    return record.status.value if payments_store.create_payment(booking.site_id, record) else None


def charge_pending_fee(site_id: str, fee_id: str, now: datetime) -> str | None:
    """Charge a pending no-show fee once; returns its new status.

    Moving the record from `pending` to `processing` in a transaction picks
    one caller when the trigger is delivered twice; the idempotency key makes
    Stripe answer a repeated request with the first PaymentIntent.
    """

    def start(record: PaymentRecord) -> PaymentRecord:
        return dataclasses.replace(record, status=PaymentStatus.PROCESSING, updated_at=now)

    record = payments_store.transition_payment(
        site_id, fee_id, (PaymentStatus.PENDING,), start, kind=PaymentKind.NO_SHOW_FEE
    )
    if record is None:
        return None
    config = payments_store.private_config(site_id)
    account = config.connected_account_id
    amount = record.amount_cents
    try:
        result = stripe_gateway.gateway().charge_off_session(
            OffSessionCharge(
                site_id=site_id,
                booking_id=record.booking_id,
                amount_cents=amount,
                currency=record.currency,
                customer_id=str(record.stripe.customer_id),
                payment_method_id=str(record.stripe.payment_method_id),
                connected_account=account,
                application_fee_cents=platform_fee_cents(amount, config, PLATFORM_FEE_PERCENT.value),
            )
        )
        status = CHARGE_STATUS.get(result.status, PaymentStatus.FAILED)
        error = result.error or ("" if status is not PaymentStatus.FAILED else result.status)
        intent = StripeIds(payment_intent_id=result.payment_intent_id)
    except PaymentsUnavailable as failure:
        status, error, intent = PaymentStatus.FAILED, failure.message, StripeIds()

    update = PaymentUpdate(status, now, error=error or None, stripe=intent)

    def outcome(fee: PaymentRecord) -> PaymentRecord:
        return dataclasses.replace(update.applied_to(fee), connected_account_id=account or fee.connected_account_id)

    _record_outcome(site_id, fee_id, record.booking_id, outcome, now)
    log.info("no-show fee %s/%s: %s %s", site_id, fee_id, status.value, error)
    return status.value


def _record_outcome(
    site_id: str, fee_id: str, booking_id: str, outcome: Callable[[PaymentRecord], PaymentRecord], now: datetime
) -> None:
    """Stripe's answer, and in the same transaction the refund if the no-show
    was overruled while the charge was under way."""
    refund_id = fee_refund_id(booking_id)

    def decide(records: Records) -> Records:
        fee = records.get(fee_id)
        if fee is None or fee.status is not PaymentStatus.PROCESSING:
            return {}
        return fee_outcome(outcome(fee), records.get(refund_id), now)

    payments_store.update_payments(site_id, (fee_id, refund_id), decide)
