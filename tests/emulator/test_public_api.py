"""The public callables over HTTP through the functions emulator."""

from __future__ import annotations

from typing import Any

import pytest

from tests.support.dates import local, next_sunday, next_workday
from tests.support.emulator import CallableError, call

CUSTOMER = {"name": "Ada Lovelace", "email": "ada@example.com", "phone": "+31 6 1234 5678"}


def book(start: str, ip: str = "198.51.100.7", **extra: Any) -> dict[str, Any]:
    data = {"siteId": "demo", "serviceId": "haircut", "branchId": "centrum", "start": start, "customer": CUSTOMER}
    return call("createBooking", {**data, **extra}, ip=ip)


def slots(day: str, **extra: Any) -> dict[str, Any]:
    query = {"siteId": "demo", "serviceId": "haircut", "branchId": "centrum", "from": day, "to": day, **extra}
    return call("getAvailableSlots", query)


def test_config_lists_active_public_items_only(demo: Any) -> None:
    demo.document("sites/demo").update({"payments.ready": False})
    config = call("getBookingConfig", {"siteId": "demo"})
    assert config["site"]["timezone"] == "Europe/Amsterdam"
    assert config["site"]["widget"]["showStaff"] is True
    assert config["settings"]["horizonDays"] == 14
    assert [b["id"] for b in config["branches"]] == ["centrum", "zuid"]
    service_ids = {s["id"] for s in config["services"]}
    assert "shave" not in service_ids  # inactive
    assert "colour" not in service_ids  # deposit without payments configured
    assert service_ids == {"haircut", "beard"}
    assert {s["id"] for s in config["staff"]} == {"anna", "ben", "chloe"}
    anna = next(s for s in config["staff"] if s["id"] == "anna")
    assert anna["serviceIds"] == ["haircut"]
    assert anna["branchId"] == "centrum"


def test_unknown_or_disabled_site_is_not_found(demo: Any) -> None:
    with pytest.raises(CallableError) as unknown:
        call("getBookingConfig", {"siteId": "nope"})
    assert unknown.value.status == "NOT_FOUND"
    demo.collection("sites").document("demo").update({"bookingEnabled": False})
    with pytest.raises(CallableError) as disabled:
        call("getBookingConfig", {"siteId": "demo"})
    assert disabled.value.status == "NOT_FOUND"


def test_slots_follow_the_demo_schedule(demo: Any) -> None:
    day = next_workday(2)
    result = slots(day.isoformat())
    assert result["timezone"] == "Europe/Amsterdam"
    (only_day,) = result["days"]
    assert only_day["status"] == "open"
    starts = [slot["start"] for slot in only_day["slots"]]
    assert starts[0] == local(day, 9)
    assert starts[-1] == local(day, 16, 30)
    assert local(day, 12, 30) not in starts  # lunch break
    assert only_day["slots"][0]["staffIds"] == ["anna", "ben"]


def test_sunday_is_closed(demo: Any) -> None:
    sunday = next_sunday().isoformat()
    (day,) = slots(sunday)["days"]
    assert day == {"date": sunday, "status": "closed", "slots": []}


def test_booking_takes_the_slot_and_cancelling_frees_it(demo: Any) -> None:
    day = next_workday(2)
    start = local(day, 10)
    first = book(start, staffId="anna")
    assert first["status"] == "confirmed"
    assert first["staffId"] == "anna"
    assert first["start"] == start
    assert len(first["manageToken"]) >= 22
    slot = next(s for s in slots(day.isoformat())["days"][0]["slots"] if s["start"] == start)
    assert slot["staffIds"] == ["ben"]

    cancelled = call(
        "cancelBooking", {"siteId": "demo", "bookingId": first["bookingId"], "token": first["manageToken"]}
    )
    assert cancelled == {"bookingId": first["bookingId"], "status": "cancelled"}
    again = book(start, staffId="anna")
    assert again["staffId"] == "anna"


def test_booking_without_staff_assigns_a_free_one_then_refuses(demo: Any) -> None:
    start = local(next_workday(2), 11)
    assigned = {book(start)["staffId"], book(start)["staffId"]}
    assert assigned == {"anna", "ben"}
    with pytest.raises(CallableError) as taken:
        book(start)
    assert (taken.value.status, taken.value.message) == ("ALREADY_EXISTS", "Time slot no longer available")


def test_booking_record_holds_everything_stored(demo: Any) -> None:
    start = local(next_workday(2), 14)
    result = book(start, staffId="ben", notes="Window seat", marketingOptIn=True)
    stored = demo.collection("sites/demo/bookings").document(result["bookingId"]).get().to_dict()
    assert stored["service"] == {"name": "Haircut", "durationMinutes": 30, "priceCents": 3500, "depositCents": None}
    assert stored["customer"] == CUSTOMER
    assert stored["source"] == "online"
    assert stored["status"] == "confirmed"
    assert stored["date"] == next_workday(2).isoformat()
    assert stored["staffName"] == "Ben"
    assert stored["branchId"] == "centrum"
    assert stored["notes"] == "Window seat"
    assert stored["marketingOptIn"] is True
    assert stored["statusHistory"][0]["to"] == "confirmed"
    assert "manageToken" not in stored
    assert len(stored["manageTokenHash"]) == 64
    customer = demo.collection("sites/demo/customers").document(stored["customerId"]).get().to_dict()
    assert customer["email"] == CUSTOMER["email"]
    assert customer["bookingCount"] == 1


def test_wrong_and_used_tokens_are_permission_denied(demo: Any) -> None:
    booking = book(local(next_workday(2), 15))
    request = {"siteId": "demo", "bookingId": booking["bookingId"]}
    with pytest.raises(CallableError) as wrong:
        call("cancelBooking", {**request, "token": "x" * 43})
    assert wrong.value.status == "PERMISSION_DENIED"
    call("cancelBooking", {**request, "token": booking["manageToken"]})
    with pytest.raises(CallableError) as used:
        call("cancelBooking", {**request, "token": booking["manageToken"]})
    assert used.value.status == "PERMISSION_DENIED"


def test_times_outside_hours_or_off_grid_are_refused(demo: Any) -> None:
    day = next_workday(2)
    for start in (local(day, 8, 30), local(day, 12, 30), local(day, 10, 10), local(day, 17)):
        with pytest.raises(CallableError) as refused:
            book(start)
        assert refused.value.status == "ALREADY_EXISTS", start
