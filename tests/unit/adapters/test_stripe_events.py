"""What Stripe's events say about our bookings, read from their JSON."""

from __future__ import annotations

from typing import Any

import pytest

from booking.adapters.stripe_events import event_key, read_event
from booking.domain.payments import Signal

METADATA = {"siteId": "demo", "bookingId": "b1", "kind": "deposit"}


def event(kind: str, obj: dict[str, Any]) -> dict[str, Any]:
    return {"id": "evt_1", "type": kind, "data": {"object": obj}}


def test_a_paid_checkout_session_signals_the_deposit_of_its_booking() -> None:
    session = {
        "object": "checkout.session",
        "id": "cs_1",
        "payment_status": "paid",
        "amount_total": 2000,
        "currency": "eur",
        "payment_intent": "pi_1",
        "customer": {"id": "cus_1"},
        "metadata": METADATA,
    }
    found = read_event(event("checkout.session.completed", session))
    assert found is not None
    assert (found.signal, found.site_id, found.booking_id) == (Signal.DEPOSIT_PAID, "demo", "b1")
    assert (found.amount_cents, found.currency, found.session_id) == (2000, "EUR", "cs_1")
    assert (found.payment_intent_id, found.customer_id, found.payment_method_id) == ("pi_1", "cus_1", None)
    assert read_event(event("checkout.session.completed", {**session, "payment_status": "unpaid"})) is None
    assert read_event(event("checkout.session.async_payment_succeeded", session)) is not None


def test_payment_intents_signal_deposits_and_no_show_fees_by_their_metadata() -> None:
    intent = {
        "object": "payment_intent",
        "id": "pi_1",
        "amount": 2000,
        "amount_received": 2000,
        "currency": "eur",
        "customer": "cus_1",
        "payment_method": "pm_1",
        "metadata": METADATA,
    }
    deposit = read_event(event("payment_intent.succeeded", intent))
    assert deposit is not None
    assert (deposit.signal, deposit.payment_method_id) == (Signal.DEPOSIT_PAID, "pm_1")
    assert read_event(event("payment_intent.payment_failed", intent)) is None
    fee = {**intent, "metadata": {**METADATA, "kind": "no_show_fee"}}
    assert read_event(event("payment_intent.succeeded", fee)).signal is Signal.FEE_SUCCEEDED  # type: ignore[union-attr]
    assert read_event(event("payment_intent.payment_failed", fee)).signal is Signal.FEE_FAILED  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "obj",
    [
        {"object": "checkout.session", "payment_status": "paid", "metadata": {}},
        {"object": "checkout.session", "payment_status": "paid", "metadata": {"siteId": "demo"}},
        {"object": "charge", "metadata": METADATA},
    ],
)
def test_events_not_about_our_bookings_signal_nothing(obj: dict[str, Any]) -> None:
    assert read_event(event("checkout.session.completed", obj)) is None


def test_every_event_is_recorded_by_its_id_and_type() -> None:
    assert event_key(event("charge.refunded", {})) == ("evt_1", "charge.refunded")


def test_the_account_an_event_happened_on_and_an_intents_destination_are_read() -> None:
    intent = {
        "object": "payment_intent",
        "id": "pi_1",
        "amount": 2000,
        "currency": "eur",
        "transfer_data": {"destination": "acct_salon", "amount": None},
        "metadata": METADATA,
    }
    platform = read_event(event("payment_intent.succeeded", intent))
    assert platform is not None
    assert (platform.account, platform.destination) == (None, "acct_salon")
    connected = read_event(
        {**event("payment_intent.succeeded", {**intent, "transfer_data": None}), "account": "acct_x"}
    )
    assert connected is not None
    assert (connected.account, connected.destination) == ("acct_x", None)
