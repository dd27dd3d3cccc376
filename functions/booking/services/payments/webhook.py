"""Stripe events, processed exactly once each, in whatever order they come.

Each event's record commits in the same transaction as the change it
causes, so a replay finds it and does nothing. A paid deposit confirms its
booking; after expiry it takes the time back if still free, else the money
is refunded. Stripe calls and notifications happen after the commit.
"""

from __future__ import annotations

import functools
import logging
from datetime import datetime
from typing import Any

from booking.adapters import payments_store, stripe_gateway
from booking.adapters.booking_store import FOLLOW_UP, SlotTaken, follow_up_mark
from booking.adapters.payments_store import Plan
from booking.adapters.stripe_gateway import PaymentsUnavailable
from booking.domain.booking import StatusChange
from booking.domain.model import BookingStatus
from booking.domain.payments import (
    DepositAction,
    PaymentEvent,
    PaymentKind,
    PaymentStatus,
    Signal,
    deposit_action,
    payment_id,
    read_event,
)
from booking.domain.transitions import Action
from booking.services import follow_ups
from booking.services.email import notifications
from booking.services.payments.fee_refund import fee_outcome_writes, fee_refund_id

log = logging.getLogger(__name__)
OPEN_REFUND = (PaymentStatus.PENDING.value, PaymentStatus.FAILED.value)


def handle(event: dict[str, Any], now: datetime) -> str:
    """Process one verified event; returns what it did (for logs and tests)."""
    parsed = read_event(event)
    if parsed is None:
        first = payments_store.record_event(str(event.get("id")), str(event.get("type")), "ignored", now)
        return "ignored" if first else "duplicate"
    if parsed.signal is Signal.DEPOSIT_PAID:
        return deposit_paid(parsed, now)
    return fee_result(parsed, now)


def deposit_paid(event: PaymentEvent, now: datetime) -> str:
    event = _with_card(event)
    ids = (payment_id(PaymentKind.DEPOSIT, event.booking_id), payment_id(PaymentKind.REFUND, event.booking_id))

    def apply(time_free: bool) -> payments_store.Applied | None:
        decide = functools.partial(_deposit_plan, event, now, time_free)
        return payments_store.apply_event(
            event.event_id, event.event_type, event.site_id, event.booking_id, ids, decide, now
        )

    try:
        applied = apply(time_free=True)
    except SlotTaken:
        applied = apply(time_free=False)
    if applied is None:
        settle_refund(event.site_id, event.booking_id, now)  # finish what an earlier delivery could not
        return "duplicate"
    if applied.plan.change is not None:
        follow_ups.after_change(event.site_id, event.booking_id, Action.CONFIRM, applied.booking)
    if applied.plan.outcome == DepositAction.REFUND.value:
        settle_refund(event.site_id, event.booking_id, now)
    return applied.plan.outcome


def _with_card(event: PaymentEvent) -> PaymentEvent:
    """A completed session names no card: ask Stripe for the saved one."""
    if event.payment_method_id or not event.session_id:
        return event
    try:
        card = stripe_gateway.gateway().card_on_file(event.session_id)
    except PaymentsUnavailable:
        return event  # the payment intent's own event brings it too
    return PaymentEvent(
        **{
            **event.__dict__,
            "customer_id": event.customer_id or card.customer_id,
            "payment_method_id": card.payment_method_id,
        }
    )


def _deposit_plan(
    event: PaymentEvent, now: datetime, time_free: bool, stored: dict[str, Any] | None, records: dict[str, Any]
) -> Plan:
    if stored is None:
        log.error("paid deposit for unknown booking %s/%s", event.site_id, event.booking_id)
        return Plan(outcome="unknown_booking")
    deposit_id = payment_id(PaymentKind.DEPOSIT, event.booking_id)
    deposit = records.get(deposit_id)
    already_paid = deposit is not None and deposit.get("status") == PaymentStatus.SUCCEEDED.value
    current = BookingStatus(stored["status"])
    action = deposit_action(current, already_paid, time_free)
    payment = stored.get("payment") or {}
    amount = event.amount_cents or int(payment.get("depositCents") or 0)
    currency = event.currency or str(payment.get("currency") or "EUR")
    stripe_ids = _present(
        checkoutSessionId=event.session_id or payment.get("checkoutSessionId"),
        paymentIntentId=event.payment_intent_id,
        customerId=event.customer_id,
        paymentMethodId=event.payment_method_id,
    )
    fields: dict[str, Any] = {
        f"payment.{key}": value for key, value in stripe_ids.items() if key != "checkoutSessionId"
    }
    records_out: dict[str, dict[str, Any]] = {}
    if already_paid:
        records_out[deposit_id] = {"stripe": stripe_ids, "updatedAt": now}
    else:
        fields.update({"payment.depositStatus": "paid", "payment.paidAt": now})
        records_out[deposit_id] = {
            "bookingId": event.booking_id,
            "kind": PaymentKind.DEPOSIT.value,
            "amountCents": amount,
            "currency": currency,
            "status": PaymentStatus.SUCCEEDED.value,
            "stripe": stripe_ids,
            "connectedAccountId": payment.get("connectedAccountId"),
            "applicationFeeCents": payment.get("applicationFeeCents", 0),
            "createdAt": now,
            "updatedAt": now,
        }
    change = None
    if action in (DepositAction.CONFIRM, DepositAction.RECLAIM):
        change = StatusChange(at=now, by="payment", to=BookingStatus.CONFIRMED, source=current)
        fields["holdExpiresAt"] = None
        fields[FOLLOW_UP] = follow_up_mark(Action.CONFIRM, change)
    if action is DepositAction.REFUND:
        fields["payment.depositStatus"] = "refund_pending"
        records_out[payment_id(PaymentKind.REFUND, event.booking_id)] = {
            "bookingId": event.booking_id,
            "kind": PaymentKind.REFUND.value,
            "amountCents": amount,
            "currency": currency,
            "status": PaymentStatus.PENDING.value,
            "reason": "time_taken" if current is BookingStatus.EXPIRED else "booking_cancelled",
            "stripe": _present(paymentIntentId=event.payment_intent_id),
            "connectedAccountId": payment.get("connectedAccountId"),
            "createdAt": now,
            "updatedAt": now,
        }
    return Plan(
        outcome=action.value,
        change=change,
        booking_fields=fields,
        claim_locks=action is DepositAction.RECLAIM,
        payments=records_out,
    )


def settle_refund(site_id: str, booking_id: str, now: datetime) -> None:
    """Make an open refund at Stripe; whoever completes it tells the client.

    The idempotency key makes a retried call return the first refund, so a
    deposit is never refunded twice. A failure is recorded and raised: the
    webhook answers 500 and Stripe's retry lands here again.
    """
    refund_id = payment_id(PaymentKind.REFUND, booking_id)
    started = {"status": PaymentStatus.PROCESSING.value, "updatedAt": now}
    record = payments_store.transition_payment(site_id, refund_id, OPEN_REFUND, started)
    if record is None:
        return
    intent = (record.get("stripe") or {}).get("paymentIntentId")
    processing = (PaymentStatus.PROCESSING.value,)
    try:
        if not intent:
            raise PaymentsUnavailable("The payment to refund is unknown")
        stripe_refund, stripe_status = stripe_gateway.gateway().refund(
            intent, int(record["amountCents"]), bool(record.get("connectedAccountId")), f"refund-{site_id}-{booking_id}"
        )
    except PaymentsUnavailable as error:
        failed = {"status": PaymentStatus.FAILED.value, "error": error.message, "updatedAt": now}
        payments_store.transition_payment(site_id, refund_id, processing, failed)
        raise
    ok = stripe_status not in ("failed", "canceled")
    done = {
        "status": (PaymentStatus.SUCCEEDED if ok else PaymentStatus.FAILED).value,
        "stripe": {"refundId": stripe_refund, "refundStatus": stripe_status},
        "updatedAt": now,
    }
    if payments_store.transition_payment(site_id, refund_id, processing, done) is None or not ok:
        return
    payments_store.update_booking(site_id, booking_id, {"payment.depositStatus": "refunded", "payment.refundedAt": now})
    booking = payments_store.booking(site_id, booking_id) or {}
    refund = {**record, **done, "id": refund_id}
    _notify(notifications.payment_refunded, site_id, booking_id, booking, refund)


def fee_result(event: PaymentEvent, now: datetime) -> str:
    """Stripe's word on a no-show fee charged earlier; never undoes a success.
    A success for a no-show overruled meanwhile asks for the refund with it."""
    fee_id = payment_id(PaymentKind.NO_SHOW_FEE, event.booking_id)
    refund_id = fee_refund_id(event.booking_id)

    def decide(stored: dict[str, Any] | None, records: dict[str, Any]) -> Plan:
        record = records.get(fee_id)
        if record is None or record.get("status") == PaymentStatus.SUCCEEDED.value:
            return Plan(outcome="recorded")
        status = PaymentStatus.SUCCEEDED if event.signal is Signal.FEE_SUCCEEDED else PaymentStatus.FAILED
        update = {"status": status.value, "stripe": _present(paymentIntentId=event.payment_intent_id), "updatedAt": now}
        writes = fee_outcome_writes(event.booking_id, record, update, records.get(refund_id), now)
        return Plan(outcome=f"fee_{status.value}", payments=writes)

    applied = payments_store.apply_event(
        event.event_id, event.event_type, event.site_id, event.booking_id, (fee_id, refund_id), decide, now
    )
    return "duplicate" if applied is None else applied.plan.outcome


def _present(**values: Any) -> dict[str, Any]:
    return {key: value for key, value in values.items() if value}


def _notify(hook: Any, *args: Any) -> None:
    """The payment stands whatever happens to the e-mail: log, don't fail."""
    try:
        hook(*args)
    except Exception:
        log.exception("notification %s failed after a payment change", getattr(hook, "__name__", hook))
