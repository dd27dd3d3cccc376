"""The magic link's callables over HTTP: view, move and cancel a booking with
a token, and nothing at all without a valid one."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from icalendar import Calendar

from tests.emulator.email_support import attachment, book, fresh_ip, kinds, manage_request, outbox
from tests.support.dates import AMSTERDAM, local, next_workday
from tests.support.emulator import CallableError, call


def args(booking: dict[str, Any], token: str | None = None) -> dict[str, str]:
    return {"siteId": "demo", "bookingId": booking["bookingId"], "token": token or booking["manageToken"]}


def denied(name: str, data: dict[str, Any]) -> str:
    with pytest.raises(CallableError) as error:
        call(name, data, ip=fresh_ip())
    assert error.value.status == "PERMISSION_DENIED", error.value
    return error.value.message


def locks(db: Any) -> dict[str, str]:
    return {snap.id: snap.get("bookingId") for snap in db.collection("sites/demo/locks").stream()}


def free_starts(day: Any, staff: str = "anna") -> set[str]:
    body = {"siteId": "demo", "serviceId": "haircut", "branchId": "centrum", "staffId": staff}
    result = call("getAvailableSlots", {**body, "from": day.isoformat(), "to": day.isoformat()}, ip=fresh_ip())
    return {slot["start"] for slot in result["days"][0]["slots"]}


def test_opening_the_link_shows_the_booking_and_changes_nothing(demo: Any) -> None:
    day = next_workday(2)
    booking = book(local(day, 10))
    ref = demo.document(f"sites/demo/bookings/{booking['bookingId']}")
    before = ref.get().to_dict()

    view = call("getManagedBooking", args(booking), ip=fresh_ip())
    assert call("getManagedBooking", args(booking), ip=fresh_ip()) == view  # the token is not used up
    assert ref.get().to_dict() == before
    assert view["status"] == "confirmed"
    assert view["start"] == local(day, 10)
    assert view["timezone"] == "Europe/Amsterdam"
    assert view["service"] == {"id": "haircut", "name": "Haircut", "durationMinutes": 30, "priceCents": 3500}
    assert view["staff"] == {"id": "anna", "name": "Anna"}
    assert view["location"] == "Centrum, Damrak 1, Amsterdam"
    assert view["site"]["name"] == "Demo Hair Studio"
    assert (view["canCancel"], view["canReschedule"], view["canConfirm"]) == (True, True, False)
    assert "manageTokenHash" not in view
    assert "customer" not in view


def test_moving_a_booking_swaps_its_locks_in_one_go_and_sends_an_updated_invitation(demo: Any) -> None:
    day = next_workday(2)
    booking = book(local(day, 10))
    old_locks = set(locks(demo))

    moved = call("rescheduleBooking", {**args(booking), "start": local(day, 11)}, ip=fresh_ip())
    assert moved["status"] == "confirmed"
    assert moved["start"] == local(day, 11)
    assert moved["manageToken"] != booking["manageToken"]

    stored = demo.document(f"sites/demo/bookings/{booking['bookingId']}").get().to_dict()
    assert stored["status"] == "confirmed"
    assert stored["start"] == datetime.fromisoformat(local(day, 11))
    assert stored["end"] == datetime.fromisoformat(local(day, 11, 30))
    assert stored["lockIds"]
    assert set(stored["lockIds"]).isdisjoint(old_locks)
    assert locks(demo) == dict.fromkeys(stored["lockIds"], booking["bookingId"])
    later_tokens = [entry for entry in stored["manageTokens"].values() if "expiresAt" in entry]
    assert len(later_tokens) == 3  # the confirmation e-mail's, the rescheduled e-mail's and the fresh one
    assert {entry["expiresAt"] for entry in later_tokens} == {stored["manageTokenExpiresAt"]} == {stored["end"]}
    change = stored["statusHistory"][-1]
    assert (change["action"], change["by"], change["from"], change["to"]) == (
        "reschedule",
        "client",
        "confirmed",
        "confirmed",
    )
    assert local(day, 10) in free_starts(day)
    assert local(day, 11) not in free_starts(day)

    assert kinds(demo, booking["bookingId"]) == ["confirmation", "rescheduled"]
    first, update = (Calendar.from_ical(attachment(record)) for record in outbox(demo, booking["bookingId"]))
    assert update["METHOD"] == "REQUEST"
    assert update.events[0]["UID"] == first.events[0]["UID"]
    assert update.events[0]["SEQUENCE"] == first.events[0]["SEQUENCE"] + 1
    assert update.events[0].start == datetime(day.year, day.month, day.day, 11, tzinfo=AMSTERDAM)
    assert "Previously:" in outbox(demo, booking["bookingId"])[1]["text"]

    assert "already been used" in denied("rescheduleBooking", {**args(booking), "start": local(day, 14)})
    assert call("getManagedBooking", args(booking, moved["manageToken"]), ip=fresh_ip())["start"] == local(day, 11)


def test_moving_by_less_than_the_buffer_keeps_the_shared_locks(demo: Any) -> None:
    demo.document("sites/demo").update({"settings.bufferMinutes": 15})
    day = next_workday(2)
    booking = book(local(day, 10))
    moved = call("rescheduleBooking", {**args(booking), "start": local(day, 10, 30)}, ip=fresh_ip())
    stored = demo.document(f"sites/demo/bookings/{booking['bookingId']}").get().to_dict()
    assert locks(demo) == dict.fromkeys(stored["lockIds"], booking["bookingId"])
    assert len(stored["lockIds"]) == 9  # 30 minutes plus the 15-minute buffer
    assert moved["start"] == local(day, 10, 30)


def test_moving_onto_a_taken_time_changes_nothing(demo: Any) -> None:
    day = next_workday(2)
    booking = book(local(day, 10))
    book(local(day, 11), email="grace@example.com")
    before = demo.document(f"sites/demo/bookings/{booking['bookingId']}").get().to_dict()
    all_locks = locks(demo)

    with pytest.raises(CallableError) as error:
        call("rescheduleBooking", {**args(booking), "start": local(day, 11)}, ip=fresh_ip())
    assert error.value.status == "ALREADY_EXISTS"
    assert demo.document(f"sites/demo/bookings/{booking['bookingId']}").get().to_dict() == before
    assert locks(demo) == all_locks
    assert call("getManagedBooking", args(booking), ip=fresh_ip())["start"] == local(day, 10)


def test_any_valid_token_of_the_booking_cancels_it(demo: Any) -> None:
    day = next_workday(2)
    booking = book(local(day, 10))
    call("rescheduleBooking", {**args(booking), "start": local(day, 11)}, ip=fresh_ip())
    from_email = manage_request(outbox(demo, booking["bookingId"])[1])
    assert from_email["token"] not in (booking["manageToken"],)

    assert call("cancelBooking", from_email, ip=fresh_ip())["status"] == "cancelled"
    assert not locks(demo)
    assert local(day, 11) in free_starts(day)
    assert kinds(demo, booking["bookingId"]) == ["confirmation", "rescheduled", "cancelled"]
    cancellation = manage_request(outbox(demo, booking["bookingId"])[2])
    view = call("getManagedBooking", cancellation, ip=fresh_ip())
    assert (view["status"], view["canCancel"], view["canReschedule"]) == ("cancelled", False, False)
    with pytest.raises(CallableError) as error:
        call("rescheduleBooking", {**cancellation, "start": local(day, 14)}, ip=fresh_ip())
    assert error.value.status == "FAILED_PRECONDITION"


def test_wrong_foreign_used_and_expired_tokens_get_permission_denied(demo: Any) -> None:
    day = next_workday(2)
    booking = book(local(day, 10))
    other = book(local(day, 11), email="grace@example.com")
    start = {"start": local(day, 14)}
    for token in ("x" * 43, other["manageToken"]):
        for name, extra in (("getManagedBooking", {}), ("rescheduleBooking", start), ("confirmBooking", {})):
            assert "not valid" in denied(name, {**args(booking, token), **extra})
        assert "not valid" in denied("cancelBooking", args(booking, token))
    assert "not valid" in denied("getManagedBooking", {**args(booking), "bookingId": "unknown-booking"})

    demo.document(f"sites/demo/bookings/{other['bookingId']}").update(
        {"manageTokenExpiresAt": datetime.now(UTC) - timedelta(seconds=1)}
    )
    assert "expired" in denied("getManagedBooking", args(other))
    assert "expired" in denied("cancelBooking", args(other))

    call("cancelBooking", args(booking), ip=fresh_ip())
    assert "already been used" in denied("getManagedBooking", args(booking))
    assert "already been used" in denied("cancelBooking", args(booking))


def test_a_move_is_checked_like_a_new_booking(demo: Any) -> None:
    day = next_workday(2)
    booking = book(local(day, 10))
    for start in (local(day, 12, 30), local(day, 17), local(day, 10, 10)):  # lunch, closed, off the grid
        with pytest.raises(CallableError) as error:
            call("rescheduleBooking", {**args(booking), "start": start}, ip=fresh_ip())
        assert error.value.status == "ALREADY_EXISTS"
    with pytest.raises(CallableError) as error:
        call("rescheduleBooking", {**args(booking), "start": "tomorrow"}, ip=fresh_ip())
    assert error.value.status == "INVALID_ARGUMENT"
    assert call("getManagedBooking", args(booking), ip=fresh_ip())["start"] == local(day, 10)


def starts_in(db: Any, booking: dict[str, Any], delta: timedelta) -> None:
    """Put the stored booking (and its tokens' expiry) at now + delta, 30 minutes long."""
    start = datetime.now(UTC) + delta
    db.document(f"sites/demo/bookings/{booking['bookingId']}").update(
        {"start": start, "end": start + timedelta(minutes=30), "manageTokenExpiresAt": start + timedelta(minutes=30)}
    )


def failed(name: str, data: dict[str, Any]) -> str:
    with pytest.raises(CallableError) as error:
        call(name, data, ip=fresh_ip())
    assert error.value.status == "FAILED_PRECONDITION", error.value
    return error.value.message


def test_a_client_who_did_not_come_cannot_cancel_after_the_start(demo: Any) -> None:
    day = next_workday(2)
    booking = book(local(day, 10))
    starts_in(demo, booking, -timedelta(minutes=1))  # the link is valid until the end

    assert "already started" in failed("cancelBooking", args(booking))
    assert "already started" in failed("rescheduleBooking", {**args(booking), "start": local(day, 11)})
    stored = demo.document(f"sites/demo/bookings/{booking['bookingId']}").get().to_dict()
    assert stored["status"] == "confirmed"
    view = call("getManagedBooking", args(booking), ip=fresh_ip())  # the refusals spent nothing
    assert (view["canCancel"], view["canReschedule"]) == (False, False)


def test_the_sites_cutoff_closes_cancelling_and_moving_that_many_hours_before(demo: Any) -> None:
    demo.document("sites/demo").update({"settings.changeCutoffHours": 4})
    day = next_workday(2)
    booking = book(local(day, 10))
    starts_in(demo, booking, timedelta(hours=3))

    assert "up to 4 hours before" in failed("cancelBooking", args(booking))
    assert "up to 4 hours before" in failed("rescheduleBooking", {**args(booking), "start": local(day, 11)})
    view = call("getManagedBooking", args(booking), ip=fresh_ip())
    assert (view["status"], view["canCancel"], view["canReschedule"]) == ("confirmed", False, False)
    assert view["changeCutoffHours"] == 4
    assert datetime.fromisoformat(view["changesUntil"]) < datetime.now(UTC)

    later = book(local(day, 11), email="grace@example.com")
    starts_in(demo, later, timedelta(hours=5))
    view = call("getManagedBooking", args(later), ip=fresh_ip())
    assert (view["canCancel"], view["canReschedule"]) == (True, True)
    assert call("cancelBooking", args(later), ip=fresh_ip())["status"] == "cancelled"
