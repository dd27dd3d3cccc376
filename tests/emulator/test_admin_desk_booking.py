"""Bookings an admin makes for a client (adminCreateBooking): the same
engine and locks as online bookings, without the public horizon and notice,
and never over another booking."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta
from itertools import combinations
from typing import Any

from tests.emulator.email_support import kinds
from tests.emulator.test_admin_access import NO_ROLE_TOKEN, OTHER_ADMIN_TOKEN, admin_call, admin_error
from tests.emulator.test_admin_bookings import book
from tests.emulator.test_invalid_input import dump
from tests.support.dates import AMSTERDAM, next_sunday, next_workday
from tests.support.emulator import CallableError, change_catalog

DAY = next_workday(2)


def desk(day: Any = DAY, at: str = "10:00", **extra: Any) -> dict[str, Any]:
    return {
        "siteId": "demo",
        "serviceId": "haircut",
        "branchId": "centrum",
        "staffId": "anna",
        "date": day.isoformat(),
        "time": at,
        "name": "Grace Hopper",
        "phone": "+31 6 5555 0000",
        **extra,
    }


def stored(db: Any, booking_id: str) -> dict[str, Any]:
    return dict(db.document(f"sites/demo/bookings/{booking_id}").get().to_dict())


def test_an_admin_booking_is_confirmed_at_once_and_marked_as_made_by_the_admin(demo: Any) -> None:
    made = admin_call("adminCreateBooking", desk(email="grace@example.com", notes="Called at 9"))
    booking = stored(demo, made["id"])
    assert (booking["status"], booking["source"], booking["createdBy"]) == ("confirmed", "admin", "admin@demo.test")
    assert booking["staffId"] == "anna"
    assert booking["notes"] == "Called at 9"
    assert booking["start"] == datetime.combine(DAY, datetime.min.time().replace(hour=10), AMSTERDAM)
    assert booking["lockIds"]
    assert all(demo.document(f"sites/demo/locks/{lock}").get().exists for lock in booking["lockIds"])
    assert kinds(demo, made["id"]) == ["confirmation"]


def test_without_an_e_mail_address_no_e_mail_is_sent_and_the_client_has_a_profile_of_their_own(demo: Any) -> None:
    first = admin_call("adminCreateBooking", desk(at="10:00"))
    second = admin_call("adminCreateBooking", desk(at="11:00", name="Someone else"))
    assert kinds(demo, first["id"]) == []
    assert stored(demo, first["id"])["customerId"] != stored(demo, second["id"])["customerId"]


def test_an_admin_may_book_beyond_the_horizon_within_the_notice_and_off_the_slot_grid(demo: Any) -> None:
    site = demo.document("sites/demo").get().to_dict()
    change_catalog(demo, "sites/demo", {"settings": {**site["settings"], "minNoticeMinutes": 2880}})
    far = next_workday(45)  # the demo's public horizon is 14 days
    assert admin_call("adminCreateBooking", desk(day=far, at="09:15"))["status"] == "confirmed"
    soon = next_workday(1)  # inside the 48 hours of notice
    assert admin_call("adminCreateBooking", desk(day=soon, at="16:25"))["status"] == "confirmed"


def test_never_over_another_booking_and_the_message_says_who_is_busy(demo: Any) -> None:
    taken = book(10)  # online, Anna, 10:00-10:30
    before = dump(demo)
    error = admin_error("adminCreateBooking", desk(at="10:15"))
    assert error.status == "ALREADY_EXISTS"
    assert error.message == "Anna already has a booking at that time"
    assert dump(demo) == before
    assert stored(demo, taken)["status"] == "confirmed"


def test_outside_the_working_hours_the_message_says_so(demo: Any) -> None:
    error = admin_error("adminCreateBooking", desk(at="17:00"))
    assert (error.status, error.message) == ("ALREADY_EXISTS", "That time is outside Anna's working hours")
    closed = admin_error("adminCreateBooking", desk(day=next_sunday(), at="10:00"))
    assert closed.message == "That time is outside Anna's working hours"


def test_without_a_chosen_staff_member_someone_free_who_offers_the_service_is_booked(demo: Any) -> None:
    book(10)  # Anna is busy; Ben also cuts hair at Centrum
    made = admin_call("adminCreateBooking", {**desk(at="10:00"), "staffId": None})
    assert made["staffId"] == "ben"


def test_bad_input_is_refused_field_by_field_and_writes_nothing(demo: Any) -> None:
    before = dump(demo)
    for data, field in (
        (desk(at="10:07"), "time"),
        (desk(at="10h"), "time"),
        ({**desk(), "date": "tomorrow"}, "date"),
        ({**desk(), "name": " "}, "name"),
        (desk(email="not-an-address"), "email"),
        (desk(serviceId="colour", staffId="ben"), "staffId"),
        (desk(extra=1), "extra"),
    ):
        error = admin_error("adminCreateBooking", data)
        assert (error.status, error.message.split(":")[0]) == ("INVALID_ARGUMENT", field), error.message
    assert admin_error("adminCreateBooking", desk(day=next_workday(400))).message.startswith("date:")
    assert dump(demo) == before


def test_another_sites_admin_and_a_signed_in_non_admin_are_refused(demo: Any) -> None:
    before = dump(demo)
    for auth in (OTHER_ADMIN_TOKEN, NO_ROLE_TOKEN):
        assert admin_error("adminCreateBooking", desk(), auth=auth).status == "PERMISSION_DENIED"
    assert dump(demo) == before


def test_two_admins_booking_the_same_time_one_wins_and_the_stored_bookings_never_overlap(demo: Any) -> None:
    attempts = 6
    barrier = threading.Barrier(attempts)

    def send(index: int) -> dict[str, Any] | CallableError:
        # Overlapping starts, not only equal ones: 10:00, 10:05, ... 10:25.
        barrier.wait()
        try:
            return dict(admin_call("adminCreateBooking", desk(at=f"10:{index * 5:02d}", name=f"Caller {index}")))
        except CallableError as error:
            return error

    with ThreadPoolExecutor(max_workers=attempts) as pool:
        results = list(pool.map(send, range(attempts)))
    won = [result for result in results if isinstance(result, dict)]
    lost = [result for result in results if isinstance(result, CallableError)]
    assert len(won) == 1
    assert {error.status for error in lost} == {"ALREADY_EXISTS"}
    # Independently of the code that wrote them: Anna's stored bookings holding time.
    stored_bookings = [doc.to_dict() for doc in demo.collection("sites/demo/bookings").stream()]
    anna = [booking for booking in stored_bookings if booking["staffId"] == "anna"]
    assert [booking["customer"]["name"] for booking in anna] == [won[0]["customer"]["name"]]
    for one, other in combinations(anna, 2):
        assert one["end"] <= other["start"] or other["end"] <= one["start"]
    assert anna[0]["end"] - anna[0]["start"] == timedelta(minutes=30)
    locks = [doc.id for doc in demo.collection("sites/demo/locks").stream()]
    assert sorted(locks) == sorted(anna[0]["lockIds"])
