"""The staff calendar over HTTP: the range read (adminGetCalendar,
staffCalendar) and blocked time (adminBlockTime, staffBlockTime and their
removal), which claims the same locks as bookings."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

import pytest

from tests.emulator.test_admin_access import OTHER_ADMIN_TOKEN, admin_call, admin_error
from tests.emulator.test_invalid_input import dump
from tests.emulator.test_staff_login import refusal, session, staff_call
from tests.emulator.test_staff_status import book
from tests.support.dates import AMSTERDAM, local, next_workday
from tests.support.emulator import CallableError, call

DAY = next_workday(2)


def calendar(day: date = DAY, **fields: Any) -> Any:
    return admin_call("adminGetCalendar", {"siteId": "demo", "date": day.isoformat(), **fields})


def column(result: Any, staff_id: str, index: int = 0) -> Any:
    (found,) = [c for c in result["days"][index]["columns"] if c["staffId"] == staff_id]
    return found


def times(spans: list[Any]) -> list[str]:
    return [span["start"][11:16] for span in spans]


def block(staff_id: str, start_hour: int, end_hour: int, day: date = DAY, reason: str = "Team meeting") -> Any:
    data = {"siteId": "demo", "staffId": staff_id, "start": local(day, start_hour), "end": local(day, end_hour)}
    return admin_call("adminBlockTime", {**data, "reason": reason})


def free_starts(staff_id: str, day: date = DAY) -> list[str]:
    data = {"siteId": "demo", "serviceId": "haircut", "branchId": "centrum", "staffId": staff_id}
    result = call("getAvailableSlots", {**data, "from": day.isoformat(), "to": day.isoformat()})
    return [slot["start"][11:16] for slot in result["days"][0]["slots"]]


def next_clock_change(after: date) -> date:
    day = after + timedelta(days=1)
    while (
        datetime(day.year, day.month, day.day, 12, tzinfo=AMSTERDAM).utcoffset()
        == datetime(day.year, day.month, day.day, tzinfo=AMSTERDAM).utcoffset()
    ):
        day += timedelta(days=1)
    return day


def test_the_day_shows_each_staff_members_bookings_breaks_and_free_slots_of_the_branch(demo: Any) -> None:
    at_ten = book(10)
    book(11, staff_id="chloe", branch="zuid")
    result = calendar(branchId="centrum")
    assert [member["name"] for member in result["staff"]] == ["Anna", "Ben"]
    assert (result["timezone"], result["serviceId"]) == ("Europe/Amsterdam", None)
    day = result["days"][0]
    assert (day["ticks"][0]["label"], day["ticks"][-1]["label"], day["hours"]) == ("09:00", "17:00", 8)
    anna = column(result, "anna")
    (booking,) = anna["blocks"]
    assert (booking["id"], booking["kind"], booking["client"], booking["service"]) == (
        at_ten,
        "booking",
        "Grace",
        "Haircut",
    )
    assert (booking["top"], booking["height"], booking["lane"], booking["lanes"]) == (12.5, 6.25, 0, 1)
    assert times(anna["breaks"]) == ["12:30"]
    assert anna["serviceId"] == "haircut"
    assert "10:00" not in times(anna["free"])
    assert "09:30" in times(anna["free"])
    ben = column(result, "ben")
    assert (ben["blocks"], ben["serviceId"]) == ([], "beard")
    assert "10:00" in times(ben["free"])
    assert (anna["bookings"], anna["occupancy"]) == (1, round(30 / 450, 3))
    chosen = column(calendar(serviceId="haircut", staffId="ben"), "ben")
    assert chosen["serviceId"] == "haircut"


def test_the_range_read_makes_the_same_few_requests_for_a_day_and_a_week(demo: Any) -> None:
    book(10)
    for hour in (9, 11, 14, 15):
        book(hour, staff_id="ben", email=f"ben{hour}@example.com")
    block("anna", 14, 15)
    block("anna", 9, 10, day=DAY + timedelta(days=3))
    calendar(days=7)  # warms the instance's catalog
    day, week, everyone = calendar(), calendar(days=7, staffId="anna"), calendar(days=7)
    assert (len(day["days"]), len(week["days"]), len(everyone["days"])) == (1, 7, 7)
    assert day["reads"] == week["reads"] == 3
    assert everyone["reads"] == 1  # a week summed up reads the busy calendars only
    ben = [column(everyone, "ben", index)["bookings"] for index in range(7)]
    assert (ben[0], sum(ben)) == (4, 4)


def test_blocked_time_stops_the_slot_at_once_and_removing_it_frees_exactly_that_time(demo: Any) -> None:
    assert "14:00" in free_starts("anna")
    made = block("anna", 14, 15)
    assert (made["staffId"], made["reason"], made["createdBy"]) == ("anna", "Team meeting", "admin@demo.test")
    assert not {"14:00", "14:30"} & set(free_starts("anna"))
    (shown,) = column(calendar(), "anna")["blocks"]
    assert (shown["kind"], shown["id"], shown["reason"]) == ("blocked", made["id"], "Team meeting")

    freed = admin_call("adminRemoveBlockedTime", {"siteId": "demo", "blockedId": made["id"]})
    assert freed == {"staffId": "anna", "branchId": "centrum", "start": made["start"], "end": made["end"]}
    assert "14:00" in free_starts("anna")
    assert demo.collection("sites/demo/locks").get() == []
    gone = admin_error("adminRemoveBlockedTime", {"siteId": "demo", "blockedId": made["id"]})
    assert gone.status == "NOT_FOUND"


def test_blocked_time_can_never_overlap_a_booking_and_a_refusal_writes_nothing(demo: Any) -> None:
    book(10)
    before = dump(demo)
    refused = admin_error(
        "adminBlockTime", {"siteId": "demo", "staffId": "anna", "start": local(DAY, 9, 30), "end": local(DAY, 10, 5)}
    )
    assert (refused.status, refused.message) == ("ALREADY_EXISTS", "Anna has a booking or blocked time then")
    assert dump(demo) == before
    later = DAY + timedelta(days=1)
    block("anna", 10, 11, day=later)
    assert "10:30" not in free_starts("anna", later)
    online = {
        "siteId": "demo",
        "serviceId": "haircut",
        "staffId": "anna",
        "branchId": "centrum",
        "start": local(later, 10, 30),
        "customer": {"name": "Ada", "email": "ada@example.com"},
    }
    with pytest.raises(CallableError) as taken:
        call("createBooking", online)
    assert taken.value.status == "ALREADY_EXISTS"


def test_staff_see_and_block_only_their_own_site_and_branch(demo: Any) -> None:
    anna = session("anna")
    own = staff_call("staffCalendar", {"date": DAY.isoformat()}, anna)
    assert (own["branchId"], [member["id"] for member in own["staff"]]) == ("centrum", ["anna", "ben"])
    assert refusal("staffCalendar", {"date": DAY.isoformat(), "branchId": "zuid"}, anna)[0] == "PERMISSION_DENIED"
    meeting = {"staffId": "ben", "start": local(DAY, 16), "end": local(DAY, 17), "reason": "Supplier"}
    made = staff_call("staffBlockTime", meeting, anna)
    assert made["createdBy"] == "Anna"
    elsewhere = {**meeting, "staffId": "chloe"}
    assert refusal("staffBlockTime", elsewhere, anna)[0] == "INVALID_ARGUMENT"
    chloes = block("chloe", 9, 10)
    assert refusal("staffRemoveBlockedTime", {"blockedId": chloes["id"]}, anna)[0] == "PERMISSION_DENIED"
    freed = staff_call("staffRemoveBlockedTime", {"blockedId": made["id"]}, anna)
    assert (freed["staffId"], freed["branchId"]) == ("ben", "centrum")
    assert refusal("staffCalendar", {"date": DAY.isoformat()}, None)[0] == "UNAUTHENTICATED"


def test_bad_input_and_other_callers_are_refused_and_write_nothing(demo: Any) -> None:
    before = dump(demo)
    for data, field in (
        ({"date": "tomorrow"}, "date"),
        ({"date": DAY.isoformat(), "days": 3}, "days"),
        ({"date": DAY.isoformat(), "staffId": "chloe", "branchId": "centrum"}, "staffId"),
        ({"date": DAY.isoformat(), "colour": "red"}, "colour"),
    ):
        error = admin_error("adminGetCalendar", {"siteId": "demo", **data})
        assert (error.status, error.message.split(":")[0]) == ("INVALID_ARGUMENT", field), error.message
    base = {"siteId": "demo", "staffId": "anna", "start": local(DAY, 14), "end": local(DAY, 15)}
    for data, field in (
        ({**base, "end": local(DAY, 13)}, "end"),
        ({**base, "start": local(DAY, 14, 2)}, "start"),
        ({**base, "start": "14:00"}, "start"),
        ({**base, "reason": "x" * 101}, "reason"),
    ):
        error = admin_error("adminBlockTime", data)
        assert (error.status, error.message.split(":")[0]) == ("INVALID_ARGUMENT", field), error.message
    assert admin_error("adminBlockTime", {**base, "staffId": "nobody"}).status == "NOT_FOUND"
    assert admin_error("adminGetCalendar", {"siteId": "demo", "date": DAY.isoformat()}, OTHER_ADMIN_TOKEN).status == (
        "PERMISSION_DENIED"
    )
    assert admin_error("adminBlockTime", base, OTHER_ADMIN_TOKEN).status == "PERMISSION_DENIED"
    assert dump(demo) == before


def test_the_next_clock_change_has_a_23_or_25_hour_axis(demo: Any) -> None:
    change = next_clock_change(datetime.now(AMSTERDAM).date())
    day = calendar(change)["days"][0]
    labels = [tick["label"] for tick in day["ticks"]]
    if day["change"] == 60:
        assert (day["hours"], labels.count("02:00")) == (23, 0)
    else:
        assert (day["change"], day["hours"], labels.count("02:00")) == (-60, 25, 2)


def test_without_a_branch_the_day_shows_every_branch_sharing_its_time_zone(demo: Any) -> None:
    book(11, staff_id="chloe", branch="zuid")
    result = calendar()
    assert ([member["name"] for member in result["staff"]], result["branchId"]) == (["Anna", "Ben", "Chloé"], None)
    (chloe,) = column(result, "chloe")["blocks"]
    assert (chloe["client"], chloe["start"][11:16]) == ("Grace", "11:00")
    assert "09:00" in times(column(result, "chloe")["free"])
