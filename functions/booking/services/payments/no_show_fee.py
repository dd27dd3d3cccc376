"""No-show fees: recorded when a booking becomes a no-show, then charged
off-session to the card saved with the deposit.

The hook only writes the fee's record, so it works from any function; the
charge runs in the function watching payment records. An overrule that came
while the charge was under way is honoured when its result is recorded
(`payments_no_show_refund`).
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any

from booking.adapters import payments_store, stripe_gateway
from booking.adapters.stripe_gateway import OffSessionCharge, PaymentsUnavailable
from booking.domain.payments import PaymentKind, PaymentStatus, application_fee_cents, no_show_fee_from, payment_id
from booking.services.payments.checkout import fee_percent
from booking.services.payments.fee_refund import fee_outcome_writes, fee_refund_id

log = logging.getLogger(__name__)


def booking_no_show(site_id: str, booking_id: str, booking: dict[str, Any]) -> str | None:
    """Record the site's no-show fee for a booking: `pending` (to charge)
    with a saved card, else `not_collected`. Once per booking, even if it is
    marked a no-show again later. Returns the record's status, if one was made."""
    site = payments_store.site(site_id) or {}
    fee = no_show_fee_from((site.get("settings") or {}).get("noShowFee"))
    amount = fee.amount_for((booking.get("service") or {}).get("priceCents"))
    if amount <= 0:
        return None
    payment = booking.get("payment") or {}
    customer, method = payment.get("customerId"), payment.get("paymentMethodId")
    now = booking.get("updatedAt") or datetime.now(UTC)
    status = PaymentStatus.PENDING if customer and method else PaymentStatus.NOT_COLLECTED
    record: dict[str, Any] = {
        "bookingId": booking_id,
        "kind": PaymentKind.NO_SHOW_FEE.value,
        "amountCents": amount,
        "currency": site.get("currency", "EUR"),
        "status": status.value,
        "stripe": {"customerId": customer, "paymentMethodId": method} if status is PaymentStatus.PENDING else {},
        "createdAt": now,
        "updatedAt": now,
    }
    if status is PaymentStatus.NOT_COLLECTED:
        record["reason"] = "no_payment_method"
    created = payments_store.create_payment(site_id, payment_id(PaymentKind.NO_SHOW_FEE, booking_id), record)
    return status.value if created else None


def charge_pending_fee(site_id: str, fee_id: str, now: datetime) -> str | None:
    """Charge a pending no-show fee once; returns its new status.

    Moving the record from `pending` to `processing` in a transaction picks
    one caller when the trigger is delivered twice; the idempotency key makes
    Stripe answer a repeated request with the first PaymentIntent.
    """
    started = {"status": PaymentStatus.PROCESSING.value, "updatedAt": now}
    record = payments_store.transition_payment(
        site_id, fee_id, (PaymentStatus.PENDING.value,), started, kind=PaymentKind.NO_SHOW_FEE.value
    )
    if record is None:
        return None
    card = record.get("stripe") or {}
    config = payments_store.private_config(site_id)
    account = config.get("connectedAccountId") or None
    amount = int(record["amountCents"])
    try:
        result = stripe_gateway.gateway().charge_off_session(
            OffSessionCharge(
                site_id=site_id,
                booking_id=str(record["bookingId"]),
                amount_cents=amount,
                currency=str(record.get("currency", "EUR")),
                customer_id=str(card.get("customerId")),
                payment_method_id=str(card.get("paymentMethodId")),
                connected_account=account,
                application_fee_cents=application_fee_cents(amount, fee_percent(config)) if account else 0,
            )
        )
        status = {"succeeded": PaymentStatus.SUCCEEDED, "processing": PaymentStatus.PROCESSING}.get(
            result.status, PaymentStatus.FAILED
        )
        error = result.error or ("" if status is not PaymentStatus.FAILED else result.status)
        stripe_ids = {"paymentIntentId": result.payment_intent_id} if result.payment_intent_id else {}
    except PaymentsUnavailable as failure:
        status, error, stripe_ids = PaymentStatus.FAILED, failure.message, {}
    outcome: dict[str, Any] = {"status": status.value, "stripe": stripe_ids, "updatedAt": now}
    if error:
        outcome["error"] = error
    if account:
        outcome["connectedAccountId"] = account
    _record_outcome(site_id, fee_id, str(record["bookingId"]), outcome, now)
    log.info("no-show fee %s/%s: %s %s", site_id, fee_id, status.value, error)
    return status.value


def _record_outcome(site_id: str, fee_id: str, booking_id: str, outcome: dict[str, Any], now: datetime) -> None:
    """Stripe's answer, and in the same transaction the refund if the no-show
    was overruled while the charge was under way."""
    refund_id = fee_refund_id(booking_id)

    def decide(records: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
        fee = records.get(fee_id)
        if fee is None or fee.get("status") != PaymentStatus.PROCESSING.value:
            return {}
        return fee_outcome_writes(booking_id, fee, outcome, records.get(refund_id), now)

    payments_store.update_payments(site_id, (fee_id, refund_id), decide)
