"""An admin who confirms a booking still waiting for its deposit waives the
deposit: the booking is confirmed, the deposit marked waived, and in the
same follow-up the Checkout Session is expired, so the client can't pay."""

from __future__ import annotations

from typing import Any

import pytest

from tests.emulator.test_admin_access import admin_call
from tests.emulator.test_payments_checkout import book_deposit, expiries, session_of
from tests.support.dates import local, next_workday
from tests.support.stripe_stub import STUB


def test_confirming_an_unpaid_deposit_booking_waives_the_deposit_and_ends_its_checkout(demo: Any) -> None:
    booking = book_deposit(demo, local(next_workday(3), 10))
    session_id = session_of(booking)
    assert booking["status"] == "pending_payment"

    confirmed = admin_call(
        "adminChangeBookingStatus", {"siteId": "demo", "bookingId": booking["bookingId"], "action": "confirm"}
    )

    assert (confirmed["status"], confirmed["payment"]["depositStatus"]) == ("confirmed", "waived")
    stored = demo.document(f"sites/demo/bookings/{booking['bookingId']}").get().to_dict()
    assert (stored["status"], stored["payment"]["depositStatus"]) == ("confirmed", "waived")
    assert stored["holdExpiresAt"] is None
    assert stored.get("followUp") is None  # the follow-up ran to its end
    assert expiries(session_id) == 1
    assert STUB.sessions[session_id]["status"] == "expired"
    with pytest.raises(AssertionError, match="is expired"):
        STUB.pay(session_id)  # Checkout no longer takes the money


def test_confirming_a_booking_whose_deposit_was_paid_changes_nothing_at_stripe(demo: Any) -> None:
    booking = book_deposit(demo, local(next_workday(3), 11))
    session_id = session_of(booking)
    for event in STUB.pay(session_id):
        assert STUB.deliver(event).status_code == 200
    detail = admin_call("adminGetBooking", {"siteId": "demo", "bookingId": booking["bookingId"]})
    assert (detail["status"], detail["payment"]["depositStatus"]) == ("confirmed", "paid")
    assert expiries(session_id) == 0
