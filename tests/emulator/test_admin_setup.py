"""From an empty database to a bookable site, through the admin callables only."""

from __future__ import annotations

from typing import Any

from tests.emulator.test_admin_access import BRANCH_SETTINGS, admin_call
from tests.support.dates import local, next_workday
from tests.support.emulator import call
from tests.support.rules import token

OWNER = token("owner", sites={"barber-co": "admin"}, email="owner@barber.test")
DAY = next_workday(2)


def as_owner(name: str, data: dict[str, Any]) -> Any:
    return admin_call(name, {"siteId": "barber-co", **data}, auth=OWNER)


def test_a_new_site_is_set_up_and_booked_without_touching_firestore(db: Any) -> None:
    as_owner("adminCreateSite", {"name": "Barber Co", "timezone": "Europe/Amsterdam"})
    as_owner("adminUpdateSettings", {"bookingEnabled": True})
    service = as_owner(
        "adminSaveService", {"service": {"name": "Fade", "durationMinutes": 40, "priceCents": 3000, "active": True}}
    )["id"]
    staff = as_owner("adminSaveStaff", {"staff": {"name": "Sam", "serviceIds": [service], "active": True}})
    assert staff["branchId"] is None  # no branches: the site works as one location
    branch = as_owner("adminSaveBranch", {"branch": {"name": "Main", "active": True, "settings": BRANCH_SETTINGS}})
    assert branch["staffMoved"] == 1  # the only branch takes over the staff
    weekday = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")[DAY.weekday()]
    as_owner(
        "adminSaveSchedule", {"scope": "site", "schedule": {"weekly": {weekday: [{"start": "09:00", "end": "11:00"}]}}}
    )

    config = call("getBookingConfig", {"siteId": "barber-co"})
    assert [s["name"] for s in config["services"]] == ["Fade"]
    assert config["staff"][0]["branchId"] == branch["id"]
    query = {"siteId": "barber-co", "serviceId": service, "from": DAY.isoformat(), "to": DAY.isoformat()}
    (day,) = call("getAvailableSlots", query)["days"]
    assert [slot["start"] for slot in day["slots"]] == [local(DAY, 9), local(DAY, 9, 30), local(DAY, 10)]

    made = call(
        "createBooking",
        {
            "siteId": "barber-co",
            "serviceId": service,
            "start": local(DAY, 9, 30),
            "customer": {"name": "Ada", "email": "ada@example.com"},
        },
    )
    listed = as_owner("adminListBookings", {})["bookings"]
    assert [b["id"] for b in listed] == [made["bookingId"]]
    assert listed[0]["staffName"] == "Sam"
