"""Stripe events, processed exactly once each, in whatever order they come.

Each event's record commits in the same transaction as the change it
causes, so a replay finds it and does nothing. A paid deposit confirms its
booking; after expiry it takes the time back if still free, else the money
is refunded. Stripe calls and notifications happen after the commit.
"""

from __future__ import annotations

import dataclasses
import functools
import logging
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from booking.adapters import booking_store, payments_store, stripe_events, stripe_gateway
from booking.adapters.booking_store import SlotTaken, StatusUpdate
from booking.adapters.payments_store import Plan, Records
from booking.adapters.stripe_gateway import PaymentsUnavailable
from booking.domain.booking import StatusChange
from booking.domain.deposit_check import deposit_mismatch
from booking.domain.model import BookingStatus
from booking.domain.payment_record import PaymentRecord, PaymentUpdate, StripeIds
from booking.domain.payments import (
    DepositAction,
    PaymentEvent,
    PaymentKind,
    PaymentStatus,
    Signal,
    deposit_action,
    payment_id,
)
from booking.domain.record import BookingRecord, DepositPayment, DepositStatus
from booking.domain.transitions import Action
from booking.services import follow_ups
from booking.services.email import notifications
from booking.services.payments.fee_refund import fee_outcome, fee_refund_id

log = logging.getLogger(__name__)
OPEN_REFUND = (PaymentStatus.PENDING, PaymentStatus.FAILED)
PROCESSING = (PaymentStatus.PROCESSING,)


def handle(event: Mapping[str, Any], now: datetime) -> str:
    """Process one verified event; returns what it did (for logs and tests)."""
    from booking.services.pos import events as pos_events

    if (pos_outcome := pos_events.handle(event, now)) is not None:
        return pos_outcome
    if (billing_event := stripe_events.read_billing_event(event)) is not None:
        from booking.services.subscriptions import billing

        return billing.handle(billing_event, now)
    parsed = stripe_events.read_event(event)
    if parsed is None:
        event_id, event_type = stripe_events.event_key(event)
        first = payments_store.record_event(event_id, event_type, "ignored", now)
        return "ignored" if first else "duplicate"
    if parsed.signal is Signal.DEPOSIT_PAID:
        return deposit_paid(parsed, now)
    return fee_result(parsed, now)


def deposit_paid(event: PaymentEvent, now: datetime) -> str:
    event = _with_card(event)
    ids = (payment_id(PaymentKind.DEPOSIT, event.booking_id), payment_id(PaymentKind.REFUND, event.booking_id))

    def apply(time_free: bool) -> payments_store.Applied | None:
        decide = functools.partial(deposit_plan, event, now, time_free)
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
    if applied.plan.status is not None and applied.booking is not None:
        follow_ups.after_change(applied.booking, Action.CONFIRM, now)
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
    return dataclasses.replace(
        event, customer_id=event.customer_id or card.customer_id, payment_method_id=card.payment_method_id
    )


def deposit_plan(
    event: PaymentEvent, now: datetime, time_free: bool, booking: BookingRecord | None, records: Records
) -> Plan:
    """What a paid deposit does, decided from the stored booking and its
    deposit and refund records (`time_free`: its time can be claimed again).
    An event that doesn't match the deposit asked for changes nothing: only
    its record, with the reason as outcome (domain/deposit_check.py)."""
    if booking is None:
        log.error("paid deposit for unknown booking %s/%s", event.site_id, event.booking_id)
        return Plan(outcome="unknown_booking")
    mismatch = deposit_mismatch(event, booking.payment)
    if mismatch is not None:
        log.error(
            "paid-deposit event %s for %s/%s not applied: %s", event.event_id, event.site_id, event.booking_id, mismatch
        )
        return Plan(outcome=mismatch.value)
    deposit_id = payment_id(PaymentKind.DEPOSIT, event.booking_id)
    deposit = records.get(deposit_id)
    already_paid = deposit is not None and deposit.status is PaymentStatus.SUCCEEDED
    action = deposit_action(booking.status, already_paid, time_free)
    payment = booking.payment or DepositPayment()
    amount = event.amount_cents or payment.deposit_cents
    currency = event.currency or payment.currency or "EUR"
    stripe_ids = StripeIds(
        checkout_session_id=event.session_id or payment.checkout_session_id,
        payment_intent_id=event.payment_intent_id,
        customer_id=event.customer_id,
        payment_method_id=event.payment_method_id,
    )
    after = dataclasses.replace(
        payment,
        payment_intent_id=event.payment_intent_id or payment.payment_intent_id,
        customer_id=event.customer_id or payment.customer_id,
        payment_method_id=event.payment_method_id or payment.payment_method_id,
    )
    records_out: dict[str, PaymentRecord] = {}
    if deposit is not None and already_paid:
        records_out[deposit_id] = dataclasses.replace(deposit, stripe=deposit.stripe.merged(stripe_ids), updated_at=now)
    else:
        after = dataclasses.replace(after, deposit_status=DepositStatus.PAID.value, paid_at=now)
        records_out[deposit_id] = PaymentRecord(
            id=deposit_id,
            booking_id=event.booking_id,
            kind=PaymentKind.DEPOSIT,
            amount_cents=amount,
            currency=currency,
            status=PaymentStatus.SUCCEEDED,
            stripe=stripe_ids,
            connected_account_id=payment.connected_account_id,
            application_fee_cents=payment.application_fee_cents,
            created_at=now,
            updated_at=now,
        )
    status = None
    if action in (DepositAction.CONFIRM, DepositAction.RECLAIM):
        status = StatusUpdate(
            change=StatusChange(at=now, by="payment", to=BookingStatus.CONFIRMED, source=booking.status),
            action=Action.CONFIRM,
            claims_time=action is DepositAction.RECLAIM,
        )
    if action is DepositAction.REFUND:
        after = dataclasses.replace(after, deposit_status=DepositStatus.REFUND_PENDING.value)
        refund_id = payment_id(PaymentKind.REFUND, event.booking_id)
        records_out[refund_id] = PaymentRecord(
            id=refund_id,
            booking_id=event.booking_id,
            kind=PaymentKind.REFUND,
            amount_cents=amount,
            currency=currency,
            status=PaymentStatus.PENDING,
            reason="time_taken" if booking.status is BookingStatus.EXPIRED else "booking_cancelled",
            stripe=StripeIds(payment_intent_id=event.payment_intent_id),
            connected_account_id=payment.connected_account_id,
            created_at=now,
            updated_at=now,
        )
    return Plan(outcome=action.value, status=status, payment=after, records=records_out)


def settle_refund(site_id: str, booking_id: str, now: datetime) -> None:
    """Make an open refund at Stripe; whoever completes it tells the client.

    The idempotency key makes a retried call return the first refund, so a
    deposit is never refunded twice. A failure is recorded and raised: the
    webhook answers 500 and Stripe's retry lands here again.
    """
    refund_id = payment_id(PaymentKind.REFUND, booking_id)

    def moved(allowed: tuple[PaymentStatus, ...], change: PaymentUpdate) -> PaymentRecord | None:
        return payments_store.transition_payment(site_id, refund_id, allowed, change.applied_to)

    record = moved(OPEN_REFUND, PaymentUpdate(PaymentStatus.PROCESSING, now))
    if record is None:
        return
    intent = record.stripe.payment_intent_id
    try:
        if not intent:
            raise PaymentsUnavailable("The payment to refund is unknown")
        stripe_refund, stripe_status = stripe_gateway.gateway().refund(
            intent, record.amount_cents, bool(record.connected_account_id), f"refund-{site_id}-{booking_id}"
        )
    except PaymentsUnavailable as error:
        moved(PROCESSING, PaymentUpdate(PaymentStatus.FAILED, now, error=error.message))
        raise
    ok = stripe_status not in ("failed", "canceled")
    made = StripeIds(refund_id=stripe_refund, refund_status=stripe_status)
    done = PaymentUpdate(PaymentStatus.SUCCEEDED if ok else PaymentStatus.FAILED, now, stripe=made)
    if moved(PROCESSING, done) is None or not ok:
        return
    booking = booking_store.require(site_id, booking_id)
    refunded = dataclasses.replace(
        booking.payment or DepositPayment(), deposit_status=DepositStatus.REFUNDED.value, refunded_at=now
    )
    booking = payments_store.update_deposit(booking, refunded)
    try:  # the refund stands whatever happens to the e-mail
        notifications.payment_refunded(booking, record.amount_cents, record.currency, record.reason or "", now)
    except Exception:
        log.exception("E-mail about the refund of %s/%s not written", site_id, booking_id)


def fee_result(event: PaymentEvent, now: datetime) -> str:
    """Stripe's word on a no-show fee charged earlier; never undoes a success.
    A success for a no-show overruled meanwhile asks for the refund with it."""
    fee_id = payment_id(PaymentKind.NO_SHOW_FEE, event.booking_id)
    refund_id = fee_refund_id(event.booking_id)

    def decide(booking: BookingRecord | None, records: Records) -> Plan:
        record = records.get(fee_id)
        if record is None or record.status is PaymentStatus.SUCCEEDED:
            return Plan(outcome="recorded")
        status = PaymentStatus.SUCCEEDED if event.signal is Signal.FEE_SUCCEEDED else PaymentStatus.FAILED
        intent = StripeIds(payment_intent_id=event.payment_intent_id)
        after = dataclasses.replace(record, status=status, stripe=record.stripe.merged(intent), updated_at=now)
        return Plan(outcome=f"fee_{status.value}", records=fee_outcome(after, records.get(refund_id), now))

    applied = payments_store.apply_event(
        event.event_id, event.event_type, event.site_id, event.booking_id, (fee_id, refund_id), decide, now
    )
    return "duplicate" if applied is None else applied.plan.outcome
