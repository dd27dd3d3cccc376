"""Opening hours saved by admins apply at once; bookings are never changed
by them, but the save reports the ones left outside the new hours."""

from __future__ import annotations

from typing import Any

from tests.emulator.test_admin_access import admin_call, admin_error
from tests.support.dates import local, next_workday
from tests.support.emulator import call

DAY = next_workday(2)
WEEKDAY = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")[DAY.weekday()]


def hours(*ranges: tuple[str, str]) -> list[dict[str, str]]:
    return [{"start": start, "end": end} for start, end in ranges]


def starts(branch: str = "centrum", staff: str | None = None) -> list[str]:
    query = {
        "siteId": "demo",
        "serviceId": "haircut",
        "branchId": branch,
        "from": DAY.isoformat(),
        "to": DAY.isoformat(),
    }
    if staff:
        query["staffId"] = staff
    (day,) = call("getAvailableSlots", query)["days"]
    return [slot["start"] for slot in day["slots"]]


def save(scope: str, owner: str | None, schedule: dict[str, Any] | None) -> dict[str, Any]:
    data: dict[str, Any] = {"siteId": "demo", "scope": scope, "schedule": schedule}
    if owner:
        data["ownerId"] = owner
    return admin_call("adminSaveSchedule", data)


def test_a_branch_schedule_applies_to_the_next_slot_request(demo: Any) -> None:
    weekly = {WEEKDAY: hours(("08:00", "10:00"), ("14:00", "15:00"))}
    result = save("branch", "centrum", {"weekly": weekly, "breaks": {WEEKDAY: hours(("09:00", "09:30"))}})
    assert result == {"scheduleId": "branch-centrum", "checked": 0, "outside": []}
    assert starts() == [local(DAY, 8), local(DAY, 8, 30), local(DAY, 9, 30), local(DAY, 14), local(DAY, 14, 30)]
    stored = demo.document("sites/demo/schedules/branch-centrum").get().to_dict()
    assert stored["weekly"] == {WEEKDAY: [{"start": "08:00", "end": "10:00"}, {"start": "14:00", "end": "15:00"}]}
    assert stored["branchId"] == "centrum"


def test_a_date_override_closes_a_day_or_sets_special_hours(demo: Any) -> None:
    week = {day: hours(("09:00", "17:00")) for day in ("mon", "tue", "wed", "thu", "fri", "sat")}
    save("branch", "centrum", {"weekly": week, "overrides": {DAY.isoformat(): []}})
    assert starts() == []
    save("branch", "centrum", {"weekly": week, "overrides": {DAY.isoformat(): hours(("18:00", "19:00"))}})
    assert starts() == [local(DAY, 18), local(DAY, 18, 30)]


def test_a_site_wide_holiday_closes_every_branch(demo: Any) -> None:
    site = demo.document("sites/demo/schedules/site").get().to_dict()
    save("site", None, {"weekly": site["weekly"], "breaks": site["breaks"], "overrides": {DAY.isoformat(): []}})
    assert starts("centrum") == []
    assert starts("zuid") == []


def test_a_staff_schedule_replaces_the_branch_hours_for_that_person_and_can_be_removed(demo: Any) -> None:
    save("staff", "anna", {"weekly": {WEEKDAY: hours(("07:00", "08:00"))}})
    assert starts(staff="anna") == [local(DAY, 7), local(DAY, 7, 30)]
    assert local(DAY, 7) not in starts(staff="ben")
    result = save("staff", "anna", None)
    assert result["scheduleId"] == "staff-anna"
    assert not demo.document("sites/demo/schedules/staff-anna").get().exists
    assert starts(staff="anna")[0] == local(DAY, 9)


def test_an_unknown_owner_is_not_found(demo: Any) -> None:
    error = admin_error("adminSaveSchedule", {"siteId": "demo", "scope": "staff", "ownerId": "zed", "schedule": {}})
    assert error.status == "NOT_FOUND"
    assert not demo.document("sites/demo/schedules/staff-zed").get().exists


def test_bookings_outside_the_new_hours_are_reported_and_left_alone(demo: Any) -> None:
    customer = {"name": "Ada", "email": "ada@example.com"}
    base = {"siteId": "demo", "serviceId": "haircut", "branchId": "centrum", "customer": customer}
    early = call("createBooking", {**base, "staffId": "anna", "start": local(DAY, 9)})
    late = call("createBooking", {**base, "staffId": "ben", "start": local(DAY, 16)})
    week = {day: hours(("12:00", "17:00")) for day in ("mon", "tue", "wed", "thu", "fri", "sat")}
    result = save("branch", "centrum", {"weekly": week})
    assert result["checked"] == 2
    assert [booking["id"] for booking in result["outside"]] == [early["bookingId"]]
    (outside,) = result["outside"]
    assert (outside["customerName"], outside["staffName"], outside["status"]) == ("Ada", "Anna", "confirmed")
    booking = demo.document(f"sites/demo/bookings/{early['bookingId']}").get().to_dict()
    assert booking["status"] == "confirmed"
    assert late["bookingId"] not in [b["id"] for b in result["outside"]]


def test_a_staff_schedule_only_checks_that_persons_bookings(demo: Any) -> None:
    customer = {"name": "Ada", "email": "ada@example.com"}
    base = {"siteId": "demo", "serviceId": "haircut", "branchId": "centrum", "customer": customer}
    call("createBooking", {**base, "staffId": "anna", "start": local(DAY, 9)})
    bens = call("createBooking", {**base, "staffId": "ben", "start": local(DAY, 9)})
    result = save("staff", "ben", {"weekly": {WEEKDAY: hours(("13:00", "17:00"))}})
    assert result["checked"] == 1
    assert [booking["id"] for booking in result["outside"]] == [bens["bookingId"]]


def test_saving_the_site_hours_says_which_branches_follow_them(demo: Any) -> None:
    site = demo.document("sites/demo/schedules/site").get().to_dict()
    schedule = {key: site[key] for key in ("weekly", "breaks", "overrides")}
    # The demo's branches both have their own hours: the site's weekly hours apply to none.
    assert save("site", None, schedule)["siteHours"] == {"branchCount": 2, "branches": []}
    overview = admin_call("adminGetSite", {"siteId": "demo"})
    assert {branch["id"]: branch["ownHours"] for branch in overview["branches"]} == {"centrum": True, "zuid": True}

    save("branch", "zuid", None)
    assert save("site", None, schedule)["siteHours"] == {
        "branchCount": 2,
        "branches": [{"id": "zuid", "name": "Zuid", "active": True}],
    }
    overview = admin_call("adminGetSite", {"siteId": "demo"})
    assert {branch["id"]: branch["ownHours"] for branch in overview["branches"]} == {"centrum": True, "zuid": False}
