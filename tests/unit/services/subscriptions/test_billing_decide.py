"""What each Billing event does to a stored subscription, decided without
storage: paid invoices count periods once, an ended plan stays ended."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time

from booking.domain.booking import Customer
from booking.domain.payments import PaymentKind
from booking.domain.subscription_record import Subscription, subscription_of
from booking.domain.subscriptions import BillingEvent, BillingSignal, Frequency, Recurrence, SubscriptionState
from booking.services.subscriptions.billing import decide

NOW = datetime(2026, 3, 1, 12, tzinfo=UTC)
STORED = Subscription(
    id="sub-abc123",
    site_id="demo",
    plan_id="plan-1",
    plan_name="Weekly cut",
    price_id="price_1",
    price_cents=2500,
    currency="EUR",
    service_id="haircut",
    branch_id="centrum",
    staff_id="anna",
    customer=Customer("Ada", "ada@example.com"),
    recurrence=Recurrence(Frequency.WEEKLY, date(2026, 3, 3), time(10), "Europe/Amsterdam", 30),
    state=SubscriptionState.PENDING,
    created_at=NOW,
    updated_at=NOW,
)


def event(signal: BillingSignal, **fields: object) -> BillingEvent:
    return BillingEvent(
        event_id="evt_1", event_type=signal.value, signal=signal, site_id="demo", subscription_id=STORED.id, **fields
    )  # type: ignore[arg-type]


def test_a_completed_checkout_starts_a_pending_subscription() -> None:
    plan = decide(event(BillingSignal.CHECKOUT_COMPLETED, stripe_subscription_id="sub_1"), NOW, STORED)
    assert plan.subscription is not None
    assert plan.subscription.state is SubscriptionState.ACTIVE
    assert plan.subscription.stripe_subscription_id == "sub_1"


def test_a_paid_invoice_pays_the_next_period_and_is_recorded_as_revenue_once() -> None:
    paid = event(BillingSignal.INVOICE_PAID, invoice_id="in_1", amount_cents=2500, currency="EUR")
    plan = decide(paid, NOW, STORED)
    assert plan.subscription is not None
    assert plan.subscription.paid_period == 0
    [record] = plan.records
    assert (record.id, record.kind, record.amount_cents) == ("subscription-in_1", PaymentKind.SUBSCRIPTION, 2500)
    again = decide(paid, NOW, plan.subscription)
    assert again.subscription is None
    assert again.records == ()


def test_a_failed_payment_is_past_due_until_the_final_attempt_ends_it() -> None:
    active = replace(STORED, state=SubscriptionState.ACTIVE, paid_invoices=("in_1",))
    retrying = decide(event(BillingSignal.INVOICE_FAILED, invoice_id="in_2"), NOW, active)
    assert retrying.subscription is not None
    assert retrying.subscription.state is SubscriptionState.PAST_DUE
    final = decide(event(BillingSignal.INVOICE_FAILED, invoice_id="in_2", final_attempt=True), NOW, active)
    assert final.subscription is not None
    assert final.subscription.state is SubscriptionState.ENDED
    assert final.outcome == "payment_failed_final"


def test_an_update_after_the_end_changes_nothing_back() -> None:
    ended = replace(STORED, state=SubscriptionState.ENDED, ended_at=NOW)
    plan = decide(event(BillingSignal.SUBSCRIPTION_UPDATED, status="active"), NOW, ended)
    assert plan.subscription is not None
    assert plan.subscription.state is SubscriptionState.ENDED


def test_cancel_at_period_end_from_stripe_makes_it_cancelling() -> None:
    active = replace(STORED, state=SubscriptionState.ACTIVE)
    plan = decide(event(BillingSignal.SUBSCRIPTION_UPDATED, status="active", cancel_at_period_end=True), NOW, active)
    assert plan.subscription is not None
    assert plan.subscription.state is SubscriptionState.CANCELLING


def test_an_event_for_an_unknown_subscription_changes_nothing() -> None:
    assert decide(event(BillingSignal.INVOICE_PAID, invoice_id="in_1"), NOW, None).outcome == "unknown_subscription"


def test_only_a_subscriptions_booking_ids_name_it() -> None:
    assert subscription_of("sub-abc123-p0-0") == "sub-abc123"
    assert subscription_of("sub-abc123-p12-3") == "sub-abc123"
    assert subscription_of("4f9a0c2b1d") is None
    assert subscription_of("walk-in-p1-0") is None
