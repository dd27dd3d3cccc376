"""Every admin callable refuses anyone but the site's admins and validates
every field, and neither a refusal nor bad input writes anything.

The helpers here are shared by the other admin emulator test modules.
"""

from __future__ import annotations

from typing import Any

import pytest
import requests

from tests.emulator.test_invalid_input import dump
from tests.support.emulator import FUNCTIONS_URL, CallableError, result_of
from tests.support.rules import token

ADMIN_TOKEN = token("demo-admin", sites={"demo": "admin"}, email="admin@demo.test")
OTHER_ADMIN_TOKEN = token("other-admin", sites={"elsewhere": "admin"}, email="other@example.com")
NO_ROLE_TOKEN = token("visitor", email="visitor@example.com")
STAFF_ROLE_TOKEN = token("someone", sites={"demo": "staff"})

BRANCH_SETTINGS = {
    "noShow": {"automatic": True, "timerMinutes": 20},
    "waitlist": {"enabled": True, "mode": "automatic", "offerExpiryHours": 2},
    "clientConfirmation": {"required": False, "expiryHours": 4},
    "reminders": {"enabled": True, "leadHours": 24, "oneHour": False},
}
SERVICE = {"name": "Scalp massage", "durationMinutes": 25, "priceCents": 2000, "active": True}
WEEK = {day: [{"start": "10:00", "end": "16:00"}] for day in ("mon", "tue", "wed", "thu", "fri")}

VALID_CALLS: dict[str, dict[str, Any]] = {
    "adminGetSite": {"siteId": "demo"},
    "adminCreateSite": {"siteId": "demo", "name": "Demo", "timezone": "Europe/Amsterdam"},
    "adminUpdateSettings": {"siteId": "demo", "bookingEnabled": False},
    "adminSaveService": {"siteId": "demo", "service": SERVICE},
    "adminDeleteService": {"siteId": "demo", "serviceId": "shave"},
    "adminSaveStaff": {
        "siteId": "demo",
        "staff": {"name": "Dana", "serviceIds": ["haircut"], "branchId": "zuid", "active": True},
    },
    "adminDeleteStaff": {"siteId": "demo", "staffId": "chloe"},
    "adminSaveBranch": {"siteId": "demo", "branch": {"name": "Noord", "active": True, "settings": BRANCH_SETTINGS}},
    "adminDeleteBranch": {"siteId": "demo", "branchId": "zuid"},
    "adminSaveSchedule": {"siteId": "demo", "scope": "site", "schedule": {"weekly": WEEK}},
    "adminListBookings": {"siteId": "demo"},
    "adminGetBooking": {"siteId": "demo", "bookingId": "b1"},
    "adminChangeBookingStatus": {"siteId": "demo", "bookingId": "b1", "action": "cancel"},
    "adminCreateBooking": {
        "siteId": "demo",
        "serviceId": "haircut",
        "date": "2030-01-07",
        "time": "10:00",
        "name": "Grace",
        "branchId": "centrum",
    },
    "adminGetCalendar": {"siteId": "demo", "date": "2030-01-07"},
    "adminBlockTime": {
        "siteId": "demo",
        "staffId": "anna",
        "start": "2030-01-07T10:00:00+01:00",
        "end": "2030-01-07T11:00:00+01:00",
    },
    "adminRemoveBlockedTime": {"siteId": "demo", "blockedId": "x1"},
}


def admin_call(name: str, data: Any, auth: str | None = ADMIN_TOKEN) -> Any:
    """A callable request as the admin pages send it: ID token as bearer."""
    headers = {"Authorization": f"Bearer {auth}"} if auth else {}
    response = requests.post(f"{FUNCTIONS_URL}/{name}", json={"data": data}, headers=headers, timeout=60)
    return result_of(response)


def admin_error(name: str, data: Any, auth: str | None = ADMIN_TOKEN) -> CallableError:
    with pytest.raises(CallableError) as error:
        admin_call(name, data, auth)
    return error.value


def assert_invalid(name: str, data: Any, field: str, db: Any) -> None:
    before = dump(db)
    error = admin_error(name, data)
    assert error.status == "INVALID_ARGUMENT", error.message
    assert error.message.startswith(f"{field}:"), error.message
    assert dump(db) == before


@pytest.fixture
def with_booking(demo: Any) -> Any:
    demo.document("sites/demo/bookings/b1").set({"status": "confirmed", "lockIds": []})
    return demo


@pytest.mark.parametrize("name", sorted(VALID_CALLS))
def test_without_sign_in_every_admin_callable_is_unauthenticated(with_booking: Any, name: str) -> None:
    before = dump(with_booking)
    assert admin_error(name, VALID_CALLS[name], auth=None).status == "UNAUTHENTICATED"
    assert dump(with_booking) == before


@pytest.mark.parametrize(
    "auth", [NO_ROLE_TOKEN, OTHER_ADMIN_TOKEN, STAFF_ROLE_TOKEN], ids=["no-role", "other", "staff"]
)
@pytest.mark.parametrize("name", sorted(VALID_CALLS))
def test_anyone_but_the_sites_admin_is_denied_and_nothing_is_written(with_booking: Any, name: str, auth: str) -> None:
    before = dump(with_booking)
    assert admin_error(name, VALID_CALLS[name], auth=auth).status == "PERMISSION_DENIED"
    assert dump(with_booking) == before


def test_a_forged_site_id_in_the_data_does_not_help_another_sites_admin(demo: Any) -> None:
    error = admin_error("adminGetSite", {"siteId": "demo", "as": "elsewhere"}, auth=OTHER_ADMIN_TOKEN)
    assert error.status == "PERMISSION_DENIED"


def test_the_sites_admin_gets_everything_the_pages_show(demo: Any) -> None:
    result = admin_call("adminGetSite", {"siteId": "demo"})
    assert result["site"]["timezone"] == "Europe/Amsterdam"
    assert result["site"]["bookingEnabled"] is True
    assert [b["id"] for b in result["branches"]] == ["centrum", "zuid"]
    assert result["branches"][0]["settings"]["waitlist"]["offerExpiryHours"] == 2
    assert {s["id"] for s in result["services"]} == {"haircut", "colour", "beard", "shave"}
    assert [s["id"] for s in result["staff"]] == ["anna", "ben", "chloe"]
    assert result["schedules"]["site"]["weekly"]["mon"] == [{"start": "09:00", "end": "17:00"}]


def test_an_unknown_site_is_not_found_for_its_admin(db: Any) -> None:
    assert admin_error("adminGetSite", {"siteId": "demo"}).status == "NOT_FOUND"


BAD_INPUT = [
    ("adminGetSite", {"siteId": "demo", "extra": 1}, "extra"),
    ("adminCreateSite", {"siteId": "demo", "name": "X", "timezone": "Mars/Olympus"}, "timezone"),
    ("adminCreateSite", {"siteId": "demo", "name": "X", "timezone": "localtime"}, "timezone"),
    ("adminCreateSite", {"siteId": "demo", "name": " ", "timezone": "UTC"}, "name"),
    ("adminCreateSite", {"siteId": "demo", "name": "X", "timezone": "UTC", "locale": "de"}, "locale"),
    ("adminUpdateSettings", {"siteId": "demo"}, "data"),
    ("adminUpdateSettings", {"siteId": "demo", "bookingEnabled": "yes"}, "bookingEnabled"),
    ("adminUpdateSettings", {"siteId": "demo", "currency": "euro"}, "currency"),
    ("adminUpdateSettings", {"siteId": "demo", "locale": "fr"}, "locale"),
    (
        "adminUpdateSettings",
        {
            "siteId": "demo",
            "settings": {"horizonDays": 21, "slotIntervalMinutes": 30, "bufferMinutes": 0, "minNoticeMinutes": 0},
        },
        "settings.horizonDays",
    ),
    (
        "adminUpdateSettings",
        {
            "siteId": "demo",
            "settings": {"horizonDays": 14, "slotIntervalMinutes": 20, "bufferMinutes": 0, "minNoticeMinutes": 0},
        },
        "settings.slotIntervalMinutes",
    ),
    (
        "adminUpdateSettings",
        {
            "siteId": "demo",
            "settings": {"horizonDays": 14, "slotIntervalMinutes": 30, "bufferMinutes": 7, "minNoticeMinutes": 0},
        },
        "settings.bufferMinutes",
    ),
    (
        "adminUpdateSettings",
        {
            "siteId": "demo",
            "settings": {"horizonDays": 14, "slotIntervalMinutes": 30, "bufferMinutes": 0, "minNoticeMinutes": 7},
        },
        "settings.minNoticeMinutes",
    ),
    ("adminUpdateSettings", {"siteId": "demo", "settings": {"horizonDays": 14}}, "settings.bufferMinutes"),
    ("adminUpdateSettings", {"siteId": "demo", "terms": {"required": True, "text": ""}}, "terms.text"),
    ("adminUpdateSettings", {"siteId": "demo", "terms": {"required": False, "url": "ftp://x"}}, "terms.url"),
    (
        "adminUpdateSettings",
        {"siteId": "demo", "widget": {"heading": "Hi", "accentColor": "teal", "layout": "full", "showStaff": True}},
        "widget.accentColor",
    ),
    (
        "adminUpdateSettings",
        {"siteId": "demo", "widget": {"heading": "Hi", "accentColor": "#fff", "layout": "wide", "showStaff": True}},
        "widget.layout",
    ),
    ("adminSaveService", {"siteId": "demo", "service": {**SERVICE, "durationMinutes": 22}}, "service.durationMinutes"),
    ("adminSaveService", {"siteId": "demo", "service": {**SERVICE, "durationMinutes": 0}}, "service.durationMinutes"),
    ("adminSaveService", {"siteId": "demo", "service": {**SERVICE, "priceCents": -1}}, "service.priceCents"),
    ("adminSaveService", {"siteId": "demo", "service": {**SERVICE, "priceCents": 12.5}}, "service.priceCents"),
    ("adminSaveService", {"siteId": "demo", "service": {**SERVICE, "depositCents": 5000}}, "service.depositCents"),
    ("adminSaveService", {"siteId": "demo", "service": {**SERVICE, "name": ""}}, "service.name"),
    ("adminSaveService", {"siteId": "demo", "service": {**SERVICE, "colour": "red"}}, "service.colour"),
    ("adminSaveService", {"siteId": "demo", "service": {**SERVICE, "active": "yes"}}, "service.active"),
    (
        "adminSaveService",
        {"siteId": "demo", "service": {**SERVICE, "intakeQuestions": [{"label": "Q", "type": "scale"}]}},
        "service.intakeQuestions.0.type",
    ),
    (
        "adminSaveService",
        {"siteId": "demo", "service": {**SERVICE, "intakeQuestions": [{"label": "Q", "type": "choice"}]}},
        "service.intakeQuestions.0.options",
    ),
    (
        "adminSaveService",
        {"siteId": "demo", "service": {**SERVICE, "intakeQuestions": [{"label": "", "type": "text"}]}},
        "service.intakeQuestions.0.label",
    ),
    ("adminSaveService", {"siteId": "demo", "service": {**SERVICE, "id": "../x"}}, "service.id"),
    (
        "adminSaveStaff",
        {"siteId": "demo", "staff": {"name": "D", "serviceIds": ["nope"], "branchId": "zuid", "active": True}},
        "staff.serviceIds",
    ),
    (
        "adminSaveStaff",
        {"siteId": "demo", "staff": {"name": "D", "serviceIds": ["haircut"], "branchId": "oost", "active": True}},
        "staff.branchId",
    ),
    (
        "adminSaveStaff",
        {"siteId": "demo", "staff": {"name": "D", "serviceIds": ["haircut"], "active": True}},
        "staff.branchId",
    ),
    (
        "adminSaveStaff",
        {"siteId": "demo", "staff": {"name": "D", "serviceIds": "haircut", "active": True}},
        "staff.serviceIds",
    ),
    (
        "adminSaveBranch",
        {"siteId": "demo", "branch": {"name": "N", "active": True, "settings": BRANCH_SETTINGS, "phone": "call"}},
        "branch.phone",
    ),
    (
        "adminSaveBranch",
        {
            "siteId": "demo",
            "branch": {
                "name": "N",
                "active": True,
                "settings": {**BRANCH_SETTINGS, "clientConfirmation": {"required": True, "expiryHours": 3}},
            },
        },
        "branch.settings.clientConfirmation.expiryHours",
    ),
    (
        "adminSaveBranch",
        {
            "siteId": "demo",
            "branch": {
                "name": "N",
                "active": True,
                "settings": {**BRANCH_SETTINGS, "waitlist": {"enabled": True, "mode": "random", "offerExpiryHours": 2}},
            },
        },
        "branch.settings.waitlist.mode",
    ),
    (
        "adminSaveBranch",
        {"siteId": "demo", "branch": {"name": "N", "active": True, "settings": {"noShow": {}}}},
        "branch.settings.clientConfirmation",
    ),
    (
        "adminSaveBranch",
        {"siteId": "demo", "branch": {"name": "N", "active": True, "settings": BRANCH_SETTINGS, "timezone": "CET+1"}},
        "branch.timezone",
    ),
    ("adminDeleteService", {"siteId": "demo"}, "serviceId"),
    ("adminSaveSchedule", {"siteId": "demo", "scope": "room"}, "scope"),
    ("adminSaveSchedule", {"siteId": "demo", "scope": "site"}, "schedule"),
    ("adminSaveSchedule", {"siteId": "demo", "scope": "staff", "schedule": {}}, "ownerId"),
    (
        "adminSaveSchedule",
        {"siteId": "demo", "scope": "site", "schedule": {"weekly": {"monday": []}}},
        "schedule.weekly.monday",
    ),
    (
        "adminSaveSchedule",
        {"siteId": "demo", "scope": "site", "schedule": {"weekly": {"mon": [{"start": "9:00", "end": "17:00"}]}}},
        "schedule.weekly.mon.0.start",
    ),
    (
        "adminSaveSchedule",
        {"siteId": "demo", "scope": "site", "schedule": {"weekly": {"mon": [{"start": "09:03", "end": "17:00"}]}}},
        "schedule.weekly.mon.0.start",
    ),
    (
        "adminSaveSchedule",
        {"siteId": "demo", "scope": "site", "schedule": {"weekly": {"mon": [{"start": "09:00", "end": "09:00"}]}}},
        "schedule.weekly.mon.0.end",
    ),
    (
        "adminSaveSchedule",
        {
            "siteId": "demo",
            "scope": "site",
            "schedule": {"weekly": {"mon": [{"start": "09:00", "end": "13:00"}, {"start": "12:00", "end": "17:00"}]}},
        },
        "schedule.weekly.mon",
    ),
    (
        "adminSaveSchedule",
        {
            "siteId": "demo",
            "scope": "site",
            "schedule": {"weekly": WEEK, "breaks": {"sun": [{"start": "12:00", "end": "13:00"}]}},
        },
        "schedule.breaks.sun",
    ),
    (
        "adminSaveSchedule",
        {"siteId": "demo", "scope": "site", "schedule": {"weekly": WEEK, "overrides": {"2030-02-30": []}}},
        "schedule.overrides.2030-02-30",
    ),
    ("adminListBookings", {"siteId": "demo", "status": "booked"}, "status"),
    ("adminListBookings", {"siteId": "demo", "from": "2030-02-01", "to": "2030-01-01"}, "to"),
    ("adminListBookings", {"siteId": "demo", "pageSize": 1000}, "pageSize"),
    ("adminListBookings", {"siteId": "demo", "cursor": "missing"}, "cursor"),
    ("adminGetBooking", {"siteId": "demo", "bookingId": "a/b"}, "bookingId"),
    ("adminChangeBookingStatus", {"siteId": "demo", "bookingId": "b1", "action": "delete"}, "action"),
    ("adminChangeBookingStatus", {"siteId": "demo", "bookingId": "b1", "action": "expire"}, "action"),
]


@pytest.mark.parametrize(
    ("name", "data", "field"), BAD_INPUT, ids=[f"{n}-{f}-{i}" for i, (n, _, f) in enumerate(BAD_INPUT)]
)
def test_invalid_input_names_the_field_and_writes_nothing(with_booking: Any, name: str, data: Any, field: str) -> None:
    assert_invalid(name, data, field, with_booking)


def test_a_malformed_site_id_is_invalid_before_anything_else(demo: Any) -> None:
    error = admin_error("adminGetSite", {"siteId": "../demo"})
    assert (error.status, error.message.split(":")[0]) == ("INVALID_ARGUMENT", "siteId")
