"""Stripe Billing's events, each processed once: the subscription's state,
its paid invoices (recorded as payments, so they count as revenue), then
its appointments brought in line (docs/subscriptions.md, "Billing events").

The event's id commits with the subscription's change and the invoice's
payment record (`subscription_store.apply_event`); the appointments follow
from the stored state afterwards and are safe to bring in line again, so a
replayed event changes nothing further.
"""

from __future__ import annotations

import contextlib
import logging
from datetime import datetime

from booking.adapters import booking_store, subscription_store
from booking.adapters.subscription_store import EventPlan
from booking.domain.errors import Conflict
from booking.domain.model import BookingStatus
from booking.domain.payment_record import PaymentRecord, StripeIds
from booking.domain.payments import PaymentKind, PaymentStatus
from booking.domain.record import BookingRecord
from booking.domain.subscription_record import OccurrenceConflict, Subscription
from booking.domain.subscriptions import BillingEvent, BillingSignal, SubscriptionState, state_from_stripe
from booking.domain.transitions import Action
from booking.services import booking_actions
from booking.services.subscriptions import ahead

log = logging.getLogger(__name__)


def invoice_record(subscription: Subscription, event: BillingEvent, now: datetime) -> PaymentRecord:
    return PaymentRecord(
        id=f"subscription-{event.invoice_id}",
        booking_id="",
        kind=PaymentKind.SUBSCRIPTION,
        amount_cents=event.amount_cents,
        currency=event.currency or subscription.currency,
        status=PaymentStatus.SUCCEEDED,
        stripe=StripeIds(customer_id=event.customer_id, invoice_id=event.invoice_id),
        connected_account_id=subscription.connected_account_id,
        created_at=now,
        updated_at=now,
        subscription_id=subscription.id,
    )


def decide(event: BillingEvent, now: datetime, stored: Subscription | None) -> EventPlan:
    """What the event does to the stored subscription (pure but for `now`)."""
    if stored is None:
        log.error(
            "Billing event %s for unknown subscription %s/%s", event.event_id, event.site_id, event.subscription_id
        )
        return EventPlan("unknown_subscription")
    ids = {
        "stripe_subscription_id": stored.stripe_subscription_id or event.stripe_subscription_id,
        "stripe_customer_id": stored.stripe_customer_id or event.customer_id,
    }
    signal = event.signal
    if signal is BillingSignal.CHECKOUT_COMPLETED:
        started = SubscriptionState.ACTIVE if stored.state is SubscriptionState.PENDING else stored.state
        return EventPlan("subscribed", stored.with_changes(now, state=started, **ids))
    if signal is BillingSignal.INVOICE_PAID:
        if not event.invoice_id or event.invoice_id in stored.paid_invoices:
            return EventPlan("recorded")
        paying = SubscriptionState.PENDING, SubscriptionState.PAST_DUE
        after = stored.with_changes(
            now,
            state=SubscriptionState.ACTIVE if stored.state in paying else stored.state,
            paid_invoices=(*stored.paid_invoices, event.invoice_id),
            next_billing_at=event.period_end or stored.next_billing_at,
            payment_failed_at=None,
            **ids,
        )
        return EventPlan("invoice_paid", after, (invoice_record(stored, event, now),))
    if signal is BillingSignal.INVOICE_FAILED:
        if stored.state is SubscriptionState.ENDED:
            return EventPlan("recorded")
        if event.final_attempt:
            after = stored.with_changes(now, state=SubscriptionState.ENDED, ended_at=now, payment_failed_at=now, **ids)
            return EventPlan("payment_failed_final", after)
        return EventPlan(
            "payment_failed", stored.with_changes(now, state=SubscriptionState.PAST_DUE, payment_failed_at=now)
        )
    state: SubscriptionState = state_from_stripe(event.status, event.cancel_at_period_end, stored.state)
    if signal is BillingSignal.SUBSCRIPTION_DELETED:
        state = SubscriptionState.ENDED
    if state is SubscriptionState.PENDING:
        state = stored.state  # Stripe's `incomplete` before Checkout finished tells us nothing new
    after = stored.with_changes(
        now,
        state=state,
        cancel_at_period_end=event.cancel_at_period_end,
        next_billing_at=event.period_end or stored.next_billing_at,
        ended_at=stored.ended_at or (now if state is SubscriptionState.ENDED else None),
        **ids,
    )
    return EventPlan("ended" if state is SubscriptionState.ENDED else "updated", after)


def handle(event: BillingEvent, now: datetime) -> str:
    """Process one verified Billing event; returns what it did."""
    from booking.services.subscriptions import emails

    applied = subscription_store.apply_event(
        event.event_id,
        event.event_type,
        event.site_id,
        event.subscription_id,
        lambda stored: decide(event, now, stored),
        now,
    )
    subscription = subscription_store.get(event.site_id, event.subscription_id)
    if subscription is None:
        return "unknown_subscription" if applied else "duplicate"
    if applied is not None:
        plan, before = applied
        if plan.outcome in ("subscribed", "invoice_paid"):
            subscription = confirm_first(subscription, now)
        if before is not None:
            emails.after_event(before, subscription, plan.outcome, now)
    ahead.reconcile(subscription, now)
    return "duplicate" if applied is None else applied[0].outcome


def confirm_first(subscription: Subscription, now: datetime) -> Subscription:
    """The held first appointment is confirmed once paid. If its hold ran out
    before the payment came, it is flagged for the client to pick a time."""
    booking = booking_store.get(subscription.site_id, subscription.first_booking_id)
    if booking is None:
        return subscription
    if booking.status is BookingStatus.EXPIRED:
        flag = OccurrenceConflict("p0-0", booking.start, now)

        def flagged(stored: Subscription) -> Subscription | None:
            if any(conflict.key == flag.key for conflict in stored.conflicts):
                return None
            return stored.with_changes(now, conflicts=(*stored.conflicts, flag))

        changed = subscription_store.change(subscription.site_id, subscription.id, flagged)
        return changed[1] if changed else subscription
    if booking.status is not BookingStatus.PENDING_PAYMENT:
        return subscription

    def still_held(stored: BookingRecord) -> None:
        if stored.status is not BookingStatus.PENDING_PAYMENT:
            raise Conflict("Already settled")

    with contextlib.suppress(Conflict):  # a delivery at the same moment confirmed it
        booking_actions.apply(subscription.site_id, booking.id, Action.CONFIRM, "payment", now, check=still_held)
    return subscription
