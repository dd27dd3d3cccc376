"""The Stripe webhook endpoint in the functions emulator: signatures are
checked before anything is read, and every event, replayed and shuffled,
changes the booking exactly once and sends exactly one e-mail."""

from __future__ import annotations

import json
import random
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import requests

from tests.emulator.test_payments_checkout import book_deposit, session_of
from tests.support.dates import local, next_workday
from tests.support.stripe_stub import STUB, signature


def outbox_kinds(db: Any, booking_id: str) -> list[str]:
    return sorted(
        doc.get("kind") for doc in db.collection("sites/demo/outbox").stream() if doc.get("bookingId") == booking_id
    )


def assert_untouched(db: Any, booking_id: str) -> None:
    stored = db.document(f"sites/demo/bookings/{booking_id}").get().to_dict()
    assert stored["status"] == "pending_payment"
    assert len(stored["statusHistory"]) == 1
    assert not list(db.collection("stripeEvents").stream())
    assert not list(db.collection("sites/demo/payments").stream())


def test_requests_without_a_valid_signature_are_refused_and_change_nothing(demo: Any) -> None:
    booking = book_deposit(demo, local(next_workday(4), 10))
    completed = STUB.pay(session_of(booking))[0]
    payload = json.dumps(completed)

    def post(body: str, header: str | None) -> requests.Response:
        headers = {"Content-Type": "application/json", **({"Stripe-Signature": header} if header else {})}
        return requests.post(STUB.webhook_url, data=body.encode(), headers=headers, timeout=60)

    assert STUB.deliver(completed, secret="whsec_someone_else").status_code == 400
    assert post(payload, None).status_code == 400
    assert post(payload, "t=1,v1=deadbeef").status_code == 400
    assert post(payload.replace('"paid"', '"paid" '), signature(payload)).status_code == 400  # other bytes
    assert STUB.deliver(completed, timestamp=int(time.time()) - 3600).status_code == 400  # replayed later
    assert requests.get(STUB.webhook_url, timeout=60).status_code == 405
    assert_untouched(demo, booking["bookingId"])


def test_every_event_replayed_three_times_in_any_order_changes_the_booking_once(demo: Any) -> None:
    booking = book_deposit(demo, local(next_workday(4), 11))
    events = STUB.pay(session_of(booking))
    deliveries = events * 3
    random.Random(7).shuffle(deliveries)
    with ThreadPoolExecutor(3) as pool:
        replies = list(pool.map(STUB.deliver, deliveries))
    assert [reply.status_code for reply in replies] == [200] * len(deliveries)
    outcomes = [reply.json()["outcome"] for reply in replies]
    assert outcomes.count("confirmed") == 1
    assert outcomes.count("ignored") == 1  # charge.succeeded: seen once, then a duplicate
    assert outcomes.count("duplicate") == 6

    stored = demo.document(f"sites/demo/bookings/{booking['bookingId']}").get().to_dict()
    assert [entry["to"] for entry in stored["statusHistory"]] == ["pending_payment", "confirmed"]
    assert stored["payment"]["paymentMethodId"].startswith("pm_card_visa")
    assert sorted(doc.id for doc in demo.collection("stripeEvents").stream()) == sorted(e["id"] for e in events)
    assert [doc.id for doc in demo.collection("sites/demo/payments").stream()] == [f"deposit-{booking['bookingId']}"]
    assert outbox_kinds(demo, booking["bookingId"]) == ["confirmation"]


def test_the_payment_intent_event_may_come_before_the_completed_session(demo: Any) -> None:
    booking = book_deposit(demo, local(next_workday(4), 14))
    completed, succeeded, _ = STUB.pay(session_of(booking))
    first = STUB.deliver(succeeded)
    second = STUB.deliver(completed)
    assert (first.json()["outcome"], second.json()["outcome"]) == ("confirmed", "recorded")
    stored = demo.document(f"sites/demo/bookings/{booking['bookingId']}").get().to_dict()
    assert stored["status"] == "confirmed"
    assert len(stored["statusHistory"]) == 2
    deposit = demo.document(f"sites/demo/payments/deposit-{booking['bookingId']}").get().to_dict()
    assert deposit["stripe"]["checkoutSessionId"] == session_of(booking)
    assert deposit["stripe"]["paymentMethodId"] == stored["payment"]["paymentMethodId"]


def test_events_of_other_integrations_are_acknowledged_and_ignored(demo: Any) -> None:
    foreign = STUB.event("checkout.session.completed", {"object": "checkout.session", "id": "cs_x", "metadata": {}})
    reply = STUB.deliver(foreign)
    assert (reply.status_code, reply.json()["outcome"]) == (200, "ignored")
    assert STUB.deliver(foreign).json()["outcome"] == "duplicate"


def event_outcome(db: Any, event: dict[str, Any]) -> str:
    outcome: str = db.document(f"stripeEvents/{event['id']}").get().get("outcome")
    return outcome


def own_session(booking_id: str, amount_cents: int, currency: str = "eur") -> str:
    """A Checkout Session someone else opened with our booking's ids in its
    metadata (the metadata is free text): Stripe signs its events all the same."""
    metadata = {"siteId": "demo", "bookingId": booking_id, "kind": "deposit"}
    _, session = STUB.handle(
        "POST",
        "/v1/checkout/sessions",
        {
            "mode": "payment",
            "line_items": [{"price_data": {"unit_amount": str(amount_cents), "currency": currency}, "quantity": "1"}],
            "metadata": metadata,
            "payment_intent_data": {"metadata": metadata},
        },
    )
    session_id: str = session["id"]
    return session_id


def test_a_paid_event_that_is_not_the_deposit_asked_for_is_recorded_and_not_applied(demo: Any) -> None:
    booking = book_deposit(demo, local(next_workday(4), 15))
    booking_id = booking["bookingId"]
    other_session, other_intent, _ = STUB.pay(own_session(booking_id, 1))  # one cent, another session
    completed, succeeded, _ = STUB.pay(session_of(booking))
    from_connected_account = {**completed, "id": STUB.new_id("evt"), "account": "acct_someone"}
    wrong_currency = STUB.event("payment_intent.succeeded", {**succeeded["data"]["object"], "currency": "usd"})
    refused = {
        "mismatch_session": other_session,
        "mismatch_amount": other_intent,
        "mismatch_account": from_connected_account,
        "mismatch_currency": wrong_currency,
    }
    for reason, event in refused.items():
        reply = STUB.deliver(event)
        assert (reply.status_code, reply.json()["outcome"]) == (200, reason)
        assert event_outcome(demo, event) == reason
    stored = demo.document(f"sites/demo/bookings/{booking_id}").get().to_dict()
    assert (stored["status"], stored["payment"]["depositStatus"]) == ("pending_payment", "pending")
    assert len(stored["statusHistory"]) == 1
    assert not list(demo.collection("sites/demo/payments").stream())
    assert outbox_kinds(demo, booking_id) == []

    assert STUB.deliver(completed).json()["outcome"] == "confirmed"  # the deposit asked for still confirms
    assert STUB.deliver(succeeded).json()["outcome"] == "recorded"
    assert demo.document(f"sites/demo/bookings/{booking_id}").get().get("status") == "confirmed"


def test_a_deposit_paid_to_the_sites_connected_account_confirms_through_either_event(demo: Any) -> None:
    demo.document("sites/demo/private/payments").set({"connectedAccountId": "acct_salon"})
    booking = book_deposit(demo, local(next_workday(3), 11))
    _, succeeded, _ = STUB.pay(session_of(booking))
    elsewhere = {**succeeded["data"]["object"], "transfer_data": {"destination": "acct_other"}}
    redirected = STUB.event("payment_intent.succeeded", elsewhere)
    assert STUB.deliver(redirected).json()["outcome"] == "mismatch_account"
    assert STUB.deliver(succeeded).json()["outcome"] == "confirmed"
