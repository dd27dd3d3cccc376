"""Walk-ins from the desk: made at once, outside the online rules, but never
overlapping another booking of the same staff member."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest

from tests.emulator.email_support import outbox
from tests.emulator.test_staff_login import refusal, session, staff_call
from tests.support.dates import AMSTERDAM, local, next_sunday, next_workday
from tests.support.emulator import call


def today() -> str:
    return datetime.now(AMSTERDAM).date().isoformat()


def walk_in(token: str, **fields: Any) -> Any:
    return staff_call("staffCreateWalkIn", {"serviceId": "haircut", "date": today(), "time": "07:00", **fields}, token)


def test_a_walk_in_is_confirmed_at_once_even_outside_opening_hours(demo: Any) -> None:
    token = session("anna")
    booking = walk_in(token, name="Tom", phone="+31 6 5555 0000")
    assert booking["status"] == "confirmed"
    assert booking["source"] == "walk-in"
    assert booking["time"] == "07:00"
    assert booking["endTime"] == "07:30"
    assert booking["staffName"] == "Anna"
    assert [(h["by"], h["from"], h["to"]) for h in booking["history"]] == [("Anna", None, "confirmed")]
    stored = demo.document(f"sites/demo/bookings/{booking['id']}").get().to_dict()
    assert stored["source"] == "walk-in"
    assert stored["date"] == today()
    assert stored["customer"] == {"name": "Tom", "email": "", "phone": "+31 6 5555 0000"}
    assert stored["statusHistory"][0]["by"] == "Anna"
    assert len(stored["lockIds"]) == 6
    agenda = staff_call("staffAgenda", {}, token)
    assert [(b["id"], b["source"], b["status"]) for b in agenda["bookings"]] == [
        (booking["id"], "walk-in", "confirmed")
    ]


def test_anonymous_walk_ins_never_share_a_customer_profile(demo: Any) -> None:
    token = session("anna")
    first, second = walk_in(token, time="07:00"), walk_in(token, time="07:30")
    customer_ids = {demo.document(f"sites/demo/bookings/{b['id']}").get().get("customerId") for b in (first, second)}
    assert len(customer_ids) == 2
    assert first["customer"]["name"] == "Walk-in"


def test_a_walk_in_on_a_closed_day_or_with_a_deposit_service_is_still_possible(demo: Any) -> None:
    token = session("anna")
    sunday = walk_in(token, date=next_sunday().isoformat(), time="11:00")
    colour = walk_in(token, serviceId="colour", time="14:00")
    assert (sunday["status"], colour["status"]) == ("confirmed", "confirmed")
    assert demo.document(f"sites/demo/bookings/{colour['id']}").get().get("service")["depositCents"] is None


def test_an_overlapping_walk_in_is_refused_and_another_time_works(demo: Any) -> None:
    anna, ben = session("anna"), session("ben")
    walk_in(anna, time="07:00")
    conflict = ("ALREADY_EXISTS", "Anna already has a booking at that time")
    assert refusal("staffCreateWalkIn", {"serviceId": "haircut", "date": today(), "time": "07:15"}, anna) == conflict
    assert walk_in(ben, time="07:15")["staffName"] == "Ben"  # another staff member is free
    assert walk_in(anna, time="07:30")["time"] == "07:30"  # right after is free too
    assert walk_in(ben, staffId="anna", time="08:00")["staffName"] == "Anna"  # booked for a colleague


def test_a_walk_in_cannot_overlap_an_online_booking(demo: Any) -> None:
    day = next_workday(2)
    call(
        "createBooking",
        {
            "siteId": "demo",
            "serviceId": "haircut",
            "branchId": "centrum",
            "staffId": "anna",
            "start": local(day, 10),
            "customer": {"name": "Online", "email": "online@example.com"},
        },
    )
    data = {"serviceId": "haircut", "date": day.isoformat(), "time": "10:15"}
    assert refusal("staffCreateWalkIn", data, session("anna"))[0] == "ALREADY_EXISTS"
    assert len(list(demo.collection("sites/demo/bookings").stream())) == 1


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"date": (datetime.now(AMSTERDAM).date() - timedelta(days=1)).isoformat()}, "date: must be today or later"),
        ({"time": "07:03"}, "time: must be on a 5-minute step"),
        ({"time": "7am"}, "time: must be a local time as HH:MM"),
        ({"serviceId": "beard"}, "staffId: Anna doesn't offer Beard trim"),
        ({"staffId": "chloe"}, "staffId: works at another branch"),
        ({"email": "not-an-address"}, "email: must be a valid e-mail address"),
        ({"surprise": 1}, "surprise: is not a known field"),
    ],
)
def test_invalid_walk_ins_are_refused_naming_the_field(demo: Any, fields: dict[str, Any], expected: str) -> None:
    data = {"serviceId": "haircut", "date": today(), "time": "07:00", **fields}
    assert refusal("staffCreateWalkIn", data, session("anna")) == ("INVALID_ARGUMENT", expected)
    assert not list(demo.collection("sites/demo/bookings").stream())


def test_an_inactive_service_is_not_found(demo: Any) -> None:
    data = {"serviceId": "shave", "date": today(), "time": "07:00"}
    assert refusal("staffCreateWalkIn", data, session("ben"))[0] == "NOT_FOUND"


def test_a_walk_in_with_an_e_mail_counts_for_that_customer(demo: Any) -> None:
    booking = walk_in(session("anna"), name="Ada", email="ada@example.com")
    stored = demo.document(f"sites/demo/bookings/{booking['id']}").get().to_dict()
    customer = demo.document(f"sites/demo/customers/{stored['customerId']}").get().to_dict()
    assert (customer["email"], customer["bookingCount"]) == ("ada@example.com", 1)


def test_a_walk_in_with_an_e_mail_address_gets_the_confirmation_e_mail(demo: Any) -> None:
    booking = walk_in(session("anna"), name="Ada", email="ada@example.com", phone="+31 6 1234 5678", notes="Short")
    (sent,) = outbox(demo, booking["id"])
    assert (sent["kind"], sent["to"]["email"]) == ("confirmation", "ada@example.com")
    assert booking["notes"] == "Short"
    assert booking["customer"]["phone"] == "+31 6 1234 5678"


def test_a_walk_in_without_an_e_mail_address_sends_nothing(demo: Any) -> None:
    booking = walk_in(session("anna"), name="Tom")
    assert outbox(demo, booking["id"]) == []
