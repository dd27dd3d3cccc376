"""Holds and late payments, as use cases run in this process with a fixed
clock against the Firestore emulator and the Stripe stand-in: unpaid
bookings expire after 30 minutes and free their slot; a payment that comes
after that takes the slot back if it is still free, else is refunded."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from booking.api import client_views
from booking.domain.booking import Customer
from booking.domain.record import BookingRecord, FollowUp
from booking.domain.transitions import Action
from booking.services import holds, public_booking
from booking.services.email import notifications
from booking.services.follow_up_steps import CLIENT_EMAIL, STEPS, Step
from booking.services.payments import webhook as payments_webhook
from booking.services.public_booking import BookingRequest
from tests.support.dates import local, next_workday
from tests.support.stripe_stub import STUB

T0 = datetime.now(UTC).replace(microsecond=0)


class Hooks:
    """Stands in for the e-mail steps: records what the client would be told."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.changes: list[tuple[str, Action, str]] = []
        self.refunds: list[tuple[str, int]] = []
        hooked = Step(CLIENT_EMAIL.name, self.status_changed)
        for action, steps in STEPS.items():
            monkeypatch.setitem(STEPS, action, tuple(hooked if step is CLIENT_EMAIL else step for step in steps))
        monkeypatch.setattr(notifications, "payment_refunded", self.payment_refunded)

    def status_changed(self, follow_up: FollowUp) -> None:
        self.changes.append((follow_up.booking.id, follow_up.action, follow_up.entry.to.value))

    def payment_refunded(
        self, booking: BookingRecord, amount_cents: int, currency: str, reason: str, now: datetime
    ) -> None:
        self.refunds.append((booking.id, amount_cents))


@pytest.fixture
def hooks(demo: Any, monkeypatch: pytest.MonkeyPatch) -> Hooks:
    demo.document("sites/demo").update({"payments.ready": True})
    return Hooks(monkeypatch)


def book(start: str, now: datetime, service: str = "colour", email: str = "ada@example.com") -> dict[str, Any]:
    """What the widget gets back from `createBooking`."""
    made = public_booking.create_booking(
        BookingRequest(
            site_id="demo",
            service_id=service,
            branch_id="centrum",
            staff_id="anna",
            start=datetime.fromisoformat(start),
            customer=Customer(name="Ada", email=email),
            answers={"allergies": "none"} if service == "colour" else {},
        ),
        now,
    )
    return client_views.booking_made(made)


def deliver_in_process(events: list[dict[str, Any]], now: datetime, times: int = 1) -> list[str]:
    return [payments_webhook.handle(event, now) for _ in range(times) for event in events]


def stored(db: Any, booking_id: str) -> dict[str, Any]:
    data: dict[str, Any] = db.document(f"sites/demo/bookings/{booking_id}").get().to_dict()
    return data


def locks_of(db: Any, booking_id: str) -> list[str]:
    return sorted(doc.id for doc in db.collection("sites/demo/locks").stream() if doc.get("bookingId") == booking_id)


def booked_in_calendars(db: Any, booking_id: str) -> bool:
    """The monthly calendars that availability reads hold the booking's time."""
    entries = [value for doc in db.collection("sites/demo/calendars").stream() for value in doc.get("busy") or ()]
    return any(value.endswith(f"/{booking_id}") for value in entries)


def test_an_unpaid_booking_expires_after_30_minutes_once_with_two_jobs_at_once(demo: Any, hooks: Hooks) -> None:
    booking = book(local(next_workday(3), 10), T0)
    session_id = stored(demo, booking["bookingId"])["payment"]["checkoutSessionId"]
    assert stored(demo, booking["bookingId"])["holdExpiresAt"] == T0 + timedelta(minutes=30)

    assert holds.expire_holds(T0 + timedelta(minutes=29, seconds=59)) == 0
    assert stored(demo, booking["bookingId"])["status"] == "pending_payment"

    with ThreadPoolExecutor(2) as pool:
        changed = list(pool.map(holds.expire_holds, [T0 + timedelta(minutes=30)] * 2))
    assert sorted(changed) == [0, 1]
    after = stored(demo, booking["bookingId"])
    assert after["status"] == "expired"
    assert [entry["to"] for entry in after["statusHistory"]] == ["pending_payment", "expired"]
    assert locks_of(demo, booking["bookingId"]) == []
    assert not booked_in_calendars(demo, booking["bookingId"])
    assert len(STUB.requests_to("POST", f"/v1/checkout/sessions/{session_id}/expire")) == 1
    assert STUB.sessions[session_id]["status"] == "expired"
    assert book(local(next_workday(3), 10), T0 + timedelta(minutes=31))["status"] == "pending_payment"


def test_a_payment_after_expiry_takes_the_slot_back_when_it_is_still_free(demo: Any, hooks: Hooks) -> None:
    refunds_before = len(STUB.requests_to("POST", "/v1/refunds"))  # the stand-in serves the whole run
    booking = book(local(next_workday(3), 11), T0)
    booking_id = booking["bookingId"]
    held = locks_of(demo, booking_id)
    events = STUB.pay(stored(demo, booking_id)["payment"]["checkoutSessionId"])  # paid; the webhook is late
    assert holds.expire_holds(T0 + timedelta(minutes=30)) == 1
    assert locks_of(demo, booking_id) == []

    outcomes = deliver_in_process(events, T0 + timedelta(minutes=33), times=3)
    assert outcomes.count("reclaimed") == 1
    after = stored(demo, booking_id)
    assert after["status"] == "confirmed"
    assert [entry["to"] for entry in after["statusHistory"]] == ["pending_payment", "expired", "confirmed"]
    assert locks_of(demo, booking_id) == held
    assert booked_in_calendars(demo, booking_id)
    assert [change for change in hooks.changes if change[1] is Action.CONFIRM] == [
        (booking_id, Action.CONFIRM, "confirmed")
    ]
    assert hooks.refunds == []
    assert len(STUB.requests_to("POST", "/v1/refunds")) == refunds_before


def test_a_payment_after_expiry_is_refunded_when_the_slot_was_taken(demo: Any, hooks: Hooks) -> None:
    start = local(next_workday(3), 14)
    late = book(start, T0)
    events = STUB.pay(stored(demo, late["bookingId"])["payment"]["checkoutSessionId"])
    intent = events[1]["data"]["object"]["id"]
    assert holds.expire_holds(T0 + timedelta(minutes=30)) == 1
    other = book(start, T0 + timedelta(minutes=31), email="bob@example.com")
    refunds_before = len(STUB.requests_to("POST", "/v1/refunds"))

    outcomes = deliver_in_process(events, T0 + timedelta(minutes=35), times=3)
    assert outcomes.count("refunded") == 1
    after = stored(demo, late["bookingId"])
    assert after["status"] == "expired"
    assert after["payment"]["depositStatus"] == "refunded"
    assert locks_of(demo, late["bookingId"]) == []
    assert stored(demo, other["bookingId"])["status"] == "pending_payment"
    assert locks_of(demo, other["bookingId"])

    calls = STUB.requests_to("POST", "/v1/refunds")[refunds_before:]
    assert [(call.params["payment_intent"], call.params["amount"]) for call in calls] == [(intent, "2000")]
    assert calls[0].idempotency_key == f"refund-demo-{late['bookingId']}"
    refund = demo.document(f"sites/demo/payments/refund-{late['bookingId']}").get().to_dict()
    assert (refund["kind"], refund["status"], refund["amountCents"], refund["reason"]) == (
        "refund",
        "succeeded",
        2000,
        "time_taken",
    )
    deposit = demo.document(f"sites/demo/payments/deposit-{late['bookingId']}").get().to_dict()
    assert deposit["status"] == "succeeded"
    assert hooks.refunds == [(late["bookingId"], 2000)]
    assert not [change for change in hooks.changes if change[1] is Action.CONFIRM]


def test_a_refund_that_failed_is_made_when_stripe_delivers_the_event_again(demo: Any, hooks: Hooks) -> None:
    booking = book(local(next_workday(3), 15), T0)
    events = STUB.pay(stored(demo, booking["bookingId"])["payment"]["checkoutSessionId"])
    public_booking_cancel(demo, booking)
    STUB.failing = True
    try:
        with pytest.raises(Exception, match="not available"):
            payments_webhook.handle(events[0], T0 + timedelta(minutes=5))
    finally:
        STUB.failing = False
    refund_ref = demo.document(f"sites/demo/payments/refund-{booking['bookingId']}")
    assert refund_ref.get().get("status") == "failed"
    assert hooks.refunds == []

    assert payments_webhook.handle(events[0], T0 + timedelta(minutes=6)) == "duplicate"
    assert refund_ref.get().get("status") == "succeeded"
    assert refund_ref.get().get("reason") == "booking_cancelled"
    assert hooks.refunds == [(booking["bookingId"], 2000)]
    assert deliver_in_process(events, T0 + timedelta(minutes=7)) == ["duplicate", "recorded", "ignored"]
    assert hooks.refunds == [(booking["bookingId"], 2000)]


def public_booking_cancel(db: Any, booking: dict[str, Any]) -> None:
    public_booking.cancel_booking("demo", booking["bookingId"], booking["manageToken"], T0 + timedelta(minutes=2))
    assert stored(db, booking["bookingId"])["status"] == "cancelled"
