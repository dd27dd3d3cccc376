"""No-show fees: marking a booking a no-show records the site's fee; the
function watching payment records (in the functions emulator) charges the
card saved with the deposit off-session, through the Stripe stand-in."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from typing import Any

from booking.adapters import firestore_client
from booking.domain.transitions import Action
from booking.services import booking_actions
from tests.emulator.email_support import book
from tests.emulator.test_payments_checkout import book_deposit, session_of, wait_for
from tests.emulator.test_staff_login import session
from tests.emulator.test_staff_status import change, history
from tests.support.dates import local, next_workday
from tests.support.emulator import call, started
from tests.support.stripe_stub import STUB


def fee_settings(db: Any, **fee: Any) -> None:
    db.document("sites/demo").update({"settings.noShowFee": fee})


def paid_booking(db: Any, hour: int, card: str = "pm_card_visa") -> str:
    """A booking whose deposit was paid and whose appointment has begun (so
    it may become a no-show)."""
    booking = book_deposit(db, local(next_workday(5), hour))
    for event in STUB.pay(session_of(booking), card=card):
        assert STUB.deliver(event).status_code == 200
    booking_id: str = booking["bookingId"]
    started(db, booking_id)
    return booking_id


def fee_record(db: Any, booking_id: str) -> dict[str, Any] | None:
    snapshot = db.document(f"sites/demo/payments/no-show-fee-{booking_id}").get()
    return snapshot.to_dict() if snapshot.exists else None


def charges_for(booking_id: str) -> list[Any]:
    return [
        c for c in STUB.requests_to("POST", "/v1/payment_intents") if c.params["metadata"]["bookingId"] == booking_id
    ]


def no_show(booking_id: str) -> None:
    """Marked by the desk once the appointment has begun."""
    started(firestore_client.db(), booking_id)
    booking_actions.apply("demo", booking_id, Action.NO_SHOW, "Anna", datetime.now(UTC))


def test_a_no_show_is_charged_off_session_to_the_card_saved_with_the_deposit(demo: Any) -> None:
    fee_settings(demo, enabled=True, kind="percent", percent=50)
    booking_id = paid_booking(demo, 10)
    card = demo.document(f"sites/demo/bookings/{booking_id}").get().get("payment")

    no_show(booking_id)
    record = wait_for(
        lambda: (fee_record(demo, booking_id) or {}).get("status") == "succeeded" and fee_record(demo, booking_id)
    )
    assert (record["kind"], record["amountCents"], record["currency"]) == ("no_show_fee", 4250, "EUR")  # 50 % of 85.00
    [charge] = charges_for(booking_id)
    assert charge.params["amount"] == "4250"
    assert charge.params["currency"] == "eur"
    assert (charge.params["customer"], charge.params["payment_method"]) == (card["customerId"], card["paymentMethodId"])
    assert (charge.params["off_session"], charge.params["confirm"]) == ("true", "true")
    assert charge.params["metadata"]["kind"] == "no_show_fee"
    assert charge.idempotency_key == f"no-show-fee-demo-{booking_id}"
    assert record["stripe"]["paymentIntentId"] in STUB.intents

    booking_actions.apply("demo", booking_id, Action.OVERRULE_NO_SHOW, "Anna", datetime.now(UTC))
    no_show(booking_id)  # marked again: still charged once
    assert len(charges_for(booking_id)) == 1


def test_without_a_saved_card_the_fee_is_recorded_as_not_collected(demo: Any) -> None:
    fee_settings(demo, enabled=True, kind="fixed", amountCents=1500)
    booking = book(local(next_workday(5), 11), staff="ben")
    no_show(booking["bookingId"])
    record = fee_record(demo, booking["bookingId"])
    assert record is not None
    assert (record["status"], record["reason"], record["amountCents"]) == ("not_collected", "no_payment_method", 1500)
    assert not charges_for(booking["bookingId"])


def test_a_declined_card_leaves_the_fee_failed_with_stripes_reason(demo: Any) -> None:
    fee_settings(demo, enabled=True, kind="fixed", amountCents=1500)
    booking_id = paid_booking(demo, 14, card="pm_card_declined")
    no_show(booking_id)
    record = wait_for(
        lambda: (fee_record(demo, booking_id) or {}).get("status") == "failed" and fee_record(demo, booking_id)
    )
    assert record["error"] == "card_declined"
    assert len(charges_for(booking_id)) == 1


def test_no_fee_is_recorded_when_the_site_has_none(demo: Any) -> None:
    booking_id = paid_booking(demo, 15)
    no_show(booking_id)
    assert fee_record(demo, booking_id) is None


def test_a_booking_the_client_cancelled_and_the_desk_reopened_is_never_charged_a_fee_by_itself(demo: Any) -> None:
    fee_settings(demo, enabled=True, kind="fixed", amountCents=1500)
    booking = book_deposit(demo, local(next_workday(5), 11))
    booking_id = booking["bookingId"]
    for event in STUB.pay(session_of(booking)):
        assert STUB.deliver(event).status_code == 200
    cancel = {"siteId": "demo", "bookingId": booking_id, "token": booking["manageToken"]}
    assert call("cancelBooking", cancel, ip="203.0.113.90")["status"] == "cancelled"

    anna = session("anna")
    assert change(anna, booking_id, "reopen")["status"] == "confirmed"
    started(demo, booking_id)
    assert change(anna, booking_id, "no_show")["status"] == "no_show"

    record = fee_record(demo, booking_id)
    assert record is not None
    assert (record["status"], record["reason"]) == ("not_collected", "client_cancelled")
    time.sleep(2)  # the charging trigger has had its chance
    assert (fee_record(demo, booking_id) or {}).get("status") == "not_collected"
    assert not charges_for(booking_id)
    assert history(demo, booking_id) == [
        ("client", None, "pending_payment"),
        ("payment", "pending_payment", "confirmed"),
        ("client", "confirmed", "cancelled"),
        ("Anna", "cancelled", "confirmed"),  # who reopened it
        ("Anna", "confirmed", "no_show"),
    ]
