"""What Stripe Billing's events say about our subscriptions, read from their JSON."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from booking.adapters.stripe_events import read_billing_event, read_event
from booking.domain.subscriptions import BillingSignal

METADATA = {"siteId": "demo", "subscriptionId": "s1", "bookingId": "b1", "kind": "subscription"}
END = 1_780_000_000


def event(kind: str, obj: dict[str, Any]) -> dict[str, Any]:
    return {"id": "evt_1", "type": kind, "data": {"object": obj}}


def invoice(**changes: Any) -> dict[str, Any]:
    return {
        "object": "invoice",
        "id": "in_1",
        "customer": "cus_1",
        "currency": "eur",
        "amount_paid": 3500,
        "amount_due": 3500,
        "parent": {"subscription_details": {"subscription": "sub_1", "metadata": METADATA}},
        "lines": {"data": [{"period": {"start": END - 100, "end": END}}]},
        "next_payment_attempt": None,
        **changes,
    }


def subscription(**changes: Any) -> dict[str, Any]:
    items = {"data": [{"current_period_end": END}]}
    base = {"object": "subscription", "id": "sub_1", "status": "active", "metadata": METADATA, "items": items}
    return {**base, **changes}


def test_a_completed_subscription_checkout_names_our_subscription_and_stripes() -> None:
    session = {"object": "checkout.session", "mode": "subscription", "status": "complete", "metadata": METADATA}
    found = read_billing_event(event("checkout.session.completed", {**session, "subscription": "sub_1"}))
    assert found is not None
    assert (found.signal, found.site_id, found.subscription_id) == (BillingSignal.CHECKOUT_COMPLETED, "demo", "s1")
    assert found.stripe_subscription_id == "sub_1"
    assert read_event(event("checkout.session.completed", {**session, "payment_status": "paid"})) is None


def test_an_open_or_payment_mode_session_is_no_subscription_signal() -> None:
    open_session = {"object": "checkout.session", "mode": "subscription", "status": "open", "metadata": METADATA}
    assert read_billing_event(event("checkout.session.completed", open_session)) is None
    deposit = {"object": "checkout.session", "mode": "payment", "metadata": {"siteId": "demo", "bookingId": "b1"}}
    assert read_billing_event(event("checkout.session.completed", deposit)) is None


def test_a_paid_invoice_brings_its_amount_and_the_end_of_the_period_it_pays() -> None:
    found = read_billing_event(event("invoice.paid", invoice()))
    assert found is not None
    assert (found.signal, found.invoice_id, found.amount_cents, found.currency) == (
        BillingSignal.INVOICE_PAID,
        "in_1",
        3500,
        "EUR",
    )
    assert found.period_end == datetime.fromtimestamp(END, UTC)
    assert found.stripe_subscription_id == "sub_1"


def test_an_invoice_of_the_older_api_shape_is_read_too() -> None:
    older = invoice(parent=None, subscription="sub_1", subscription_details={"metadata": METADATA})
    found = read_billing_event(event("invoice.paid", older))
    assert found is not None
    assert found.stripe_subscription_id == "sub_1"


def test_a_failed_invoice_without_a_next_attempt_is_the_final_one() -> None:
    final = read_billing_event(event("invoice.payment_failed", invoice(amount_paid=0)))
    retrying = read_billing_event(event("invoice.payment_failed", invoice(next_payment_attempt=END + 86400)))
    assert final is not None
    assert final.final_attempt
    assert retrying is not None
    assert not retrying.final_attempt
    assert final.amount_cents == 3500


def test_subscription_events_bring_status_cancel_flag_and_period_end() -> None:
    found = read_billing_event(event("customer.subscription.updated", subscription(cancel_at_period_end=True)))
    assert found is not None
    assert (found.signal, found.status, found.cancel_at_period_end) == (
        BillingSignal.SUBSCRIPTION_UPDATED,
        "active",
        True,
    )
    assert found.period_end == datetime.fromtimestamp(END, UTC)
    deleted = read_billing_event(event("customer.subscription.deleted", subscription(status="canceled")))
    assert deleted is not None
    assert deleted.signal is BillingSignal.SUBSCRIPTION_DELETED


def test_billing_events_of_other_subscriptions_are_not_ours() -> None:
    foreign = subscription(metadata={"plan": "gold"})
    assert read_billing_event(event("customer.subscription.updated", foreign)) is None
    assert read_billing_event(event("invoice.paid", invoice(parent=None))) is None
    assert read_billing_event(event("customer.created", {"object": "customer", "metadata": METADATA})) is None
