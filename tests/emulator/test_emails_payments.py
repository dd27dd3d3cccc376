"""E-mails about deposits through the functions emulator, read from the
outbox: the confirmation after paying says what was paid and what is still
due (and the no-show policy, when a fee is on); a late payment refunded
automatically tells the client."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from scheduled.runner import discover, fire
from tests.emulator.email_support import outbox
from tests.emulator.test_admin_access import admin_call
from tests.emulator.test_payments_checkout import book_deposit, session_of
from tests.support.dates import local, next_workday
from tests.support.stripe_stub import STUB

EXPIRE_HOLDS = next(job for job in discover() if job.name == "expireHolds")


def pay(booking: dict[str, Any]) -> list[str]:
    """Pay the booking's Checkout Session; the outcomes of the webhook deliveries."""
    return [STUB.deliver(event).json()["outcome"] for event in STUB.pay(session_of(booking))]


def e_mail(db: Any, booking_id: str, kind: str) -> dict[str, Any]:
    (record,) = [record for record in outbox(db, booking_id) if record["kind"] == kind]
    return record


def test_the_confirmation_after_paying_says_what_was_paid_and_what_is_still_due(demo: Any) -> None:
    booking = book_deposit(demo, local(next_workday(4), 10))
    assert "confirmed" in pay(booking)

    record = e_mail(demo, booking["bookingId"], "confirmation")
    for part in (record["text"], record["html"]):
        assert "Deposit paid" in part
        assert "€20.00" in part
        assert "Still to pay at the appointment" in part
        assert "€65.00" in part  # 85.00 for the colour treatment, less the deposit
        assert "No-show policy" not in part  # no fee on


def test_the_confirmation_states_the_no_show_fee_when_it_is_on_in_dutch_too(demo: Any) -> None:
    demo.document("sites/demo").update(
        {"settings.noShowFee": {"enabled": True, "kind": "fixed", "amountCents": 1500}, "locale": "nl"}
    )
    booking = book_deposit(demo, local(next_workday(4), 11))
    pay(booking)

    record = e_mail(demo, booking["bookingId"], "confirmation")
    for part in (record["text"], record["html"]):
        assert "No-showbeleid" in part
        assert "€ 15,00" in part
        assert "Aanbetaald" in part
        assert "Nog te betalen bij de afspraak" in part
        assert "€ 65,00" in part


def test_a_deposit_waived_by_the_business_is_confirmed_without_a_no_show_policy(demo: Any) -> None:
    demo.document("sites/demo").update({"settings.noShowFee": {"enabled": True, "kind": "fixed", "amountCents": 1500}})
    booking = book_deposit(demo, local(next_workday(4), 15))
    admin_call("adminChangeBookingStatus", {"siteId": "demo", "bookingId": booking["bookingId"], "action": "confirm"})

    record = e_mail(demo, booking["bookingId"], "confirmation")
    for part in (record["text"], record["html"]):
        assert "confirmed" in part
        assert "No-show policy" not in part  # no card was saved to charge a fee to
        assert "Deposit paid" not in part


def test_a_late_payment_refunded_automatically_is_told_to_the_client_once(demo: Any) -> None:
    start = local(next_workday(4), 14)
    late = book_deposit(demo, start)
    events = STUB.pay(session_of(late))
    hold = demo.document(f"sites/demo/bookings/{late['bookingId']}")
    hold.update({"holdExpiresAt": datetime.now(UTC) - timedelta(seconds=1)})
    assert fire(EXPIRE_HOLDS) == "200"
    assert hold.get().get("status") == "expired"
    book_deposit(demo, start, email="bob@example.com", ip="203.0.113.41")  # the time is taken meanwhile

    outcomes = [STUB.deliver(event).json()["outcome"] for event in events * 2]
    assert outcomes.count("refunded") == 1
    assert hold.get().get("payment")["depositStatus"] == "refunded"

    record = e_mail(demo, late["bookingId"], "refunded")  # exactly one, despite the replays
    assert record["to"]["email"] == "grace@example.com"
    assert record["subject"].startswith("Deposit refunded: Colour treatment")
    for part in (record["text"], record["html"]):
        assert "booked by someone else" in part
        assert "refunded your deposit of €20.00" in part
        assert "5 to 10 working days" in part
    assert "/book?site=demo" in record["text"]
    assert not record["attachments"]
