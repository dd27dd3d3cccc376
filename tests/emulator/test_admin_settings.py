"""Creating a site, activating its widget and changing its settings."""

from __future__ import annotations

from typing import Any

import pytest

from tests.emulator.test_admin_access import admin_call, admin_error
from tests.support.dates import local, next_workday
from tests.support.emulator import CallableError, call
from tests.support.rules import token

NEW_ADMIN = token("new-admin", sites={"studio-b": "admin"}, email="owner@studio-b.test")
SETTINGS = {"horizonDays": 30, "slotIntervalMinutes": 15, "bufferMinutes": 10, "minNoticeMinutes": 120}


def test_the_admin_named_for_a_new_site_id_creates_it_switched_off(db: Any) -> None:
    created = admin_call(
        "adminCreateSite",
        {"siteId": "studio-b", "name": "Studio B", "timezone": "Europe/London", "locale": "nl"},
        auth=NEW_ADMIN,
    )
    assert created["site"]["name"] == "Studio B"
    assert created["site"]["bookingEnabled"] is False
    assert created["site"]["settings"] == {
        "horizonDays": 14,
        "slotIntervalMinutes": 30,
        "bufferMinutes": 0,
        "minNoticeMinutes": 0,
        "changeCutoffHours": 0,
        "noShow": {"automatic": False, "timerMinutes": 15, "notifyClient": False},
        "waitlist": {"enabled": False, "mode": "manual", "offerExpiryHours": 2},
        "clientConfirmation": {"required": False, "expiryHours": 2},
        "reminders": {"enabled": True, "leadHours": 24, "oneHour": False},
    }
    stored = db.document("sites/studio-b").get().to_dict()
    assert (stored["timezone"], stored["locale"], stored["currency"]) == ("Europe/London", "nl", "EUR")
    with pytest.raises(CallableError) as hidden:
        call("getBookingConfig", {"siteId": "studio-b"})
    assert hidden.value.status == "NOT_FOUND"


def test_a_site_is_created_only_once(db: Any) -> None:
    data = {"siteId": "studio-b", "name": "Studio B", "timezone": "UTC"}
    admin_call("adminCreateSite", data, auth=NEW_ADMIN)
    error = admin_error("adminCreateSite", {**data, "name": "Other"}, auth=NEW_ADMIN)
    assert error.status == "FAILED_PRECONDITION"
    assert db.document("sites/studio-b").get().to_dict()["name"] == "Studio B"


def test_deactivating_the_widget_hides_the_site_from_the_public_api(demo: Any) -> None:
    result = admin_call("adminUpdateSettings", {"siteId": "demo", "bookingEnabled": False})
    assert result["site"]["bookingEnabled"] is False
    with pytest.raises(CallableError) as hidden:
        call("getAvailableSlots", {"siteId": "demo", "serviceId": "haircut", "from": "2030-01-01", "to": "2030-01-01"})
    assert hidden.value.status == "NOT_FOUND"
    admin_call("adminUpdateSettings", {"siteId": "demo", "bookingEnabled": True})
    assert call("getBookingConfig", {"siteId": "demo"})["site"]["id"] == "demo"


def test_widget_options_and_booking_settings_reach_the_widget(demo: Any) -> None:
    widget = {"heading": "Plan a visit", "accentColor": "#AA3300", "layout": "compact", "showStaff": False}
    admin_call("adminUpdateSettings", {"siteId": "demo", "widget": widget, "settings": SETTINGS})
    config = call("getBookingConfig", {"siteId": "demo"})
    assert config["site"]["widget"] == {**widget, "accentColor": "#aa3300"}
    assert {key: config["settings"][key] for key in SETTINGS} == SETTINGS


def test_the_cutoff_for_client_changes_is_one_of_its_choices_and_reaches_the_widget(demo: Any) -> None:
    admin_call("adminUpdateSettings", {"siteId": "demo", "settings": {**SETTINGS, "changeCutoffHours": 24}})
    assert call("getBookingConfig", {"siteId": "demo"})["settings"]["changeCutoffHours"] == 24
    for wrong in (3, -1, "24", True, 72):
        error = admin_error(
            "adminUpdateSettings", {"siteId": "demo", "settings": {**SETTINGS, "changeCutoffHours": wrong}}
        )
        assert (error.status, error.message) == (
            "INVALID_ARGUMENT",
            "settings.changeCutoffHours: must be one of 0, 1, 2, 4, 12, 24, 48",
        )
    admin_call("adminUpdateSettings", {"siteId": "demo", "settings": SETTINGS})  # an older page leaves it out
    assert demo.document("sites/demo").get().to_dict()["settings"]["changeCutoffHours"] == 24


def test_profile_time_zone_and_locale_are_saved(demo: Any) -> None:
    admin_call(
        "adminUpdateSettings", {"siteId": "demo", "name": "Salon", "timezone": "America/New_York", "locale": "nl"}
    )
    stored = demo.document("sites/demo").get().to_dict()
    assert (stored["name"], stored["timezone"], stored["locale"]) == ("Salon", "America/New_York", "nl")
    assert stored["settings"]["horizonDays"] == 14  # untouched sections stay


def test_the_terms_version_changes_only_when_text_or_url_change(demo: Any) -> None:
    def save(**terms: Any) -> str:
        result = admin_call("adminUpdateSettings", {"siteId": "demo", "terms": terms})
        return str(result["site"]["terms"]["version"])

    first = save(required=True, text="Cancel 24 hours ahead.")
    assert first
    assert save(required=False, text="Cancel 24 hours ahead.") == first
    second = save(required=True, text="Cancel 48 hours ahead.")
    assert second != first
    third = save(required=True, text="Cancel 48 hours ahead.", url="https://example.com/terms")
    assert third not in (first, second)


def test_the_accepted_terms_version_is_stored_with_the_booking(demo: Any) -> None:
    admin_call("adminUpdateSettings", {"siteId": "demo", "terms": {"required": True, "text": "Be on time."}})
    version = admin_call("adminGetSite", {"siteId": "demo"})["site"]["terms"]["version"]
    booking = call(
        "createBooking",
        {
            "siteId": "demo",
            "serviceId": "haircut",
            "branchId": "centrum",
            "start": local(next_workday(2), 11),
            "customer": {"name": "Ada", "email": "ada@example.com"},
            "termsAccepted": True,
        },
    )
    stored = admin_call("adminGetBooking", {"siteId": "demo", "bookingId": booking["bookingId"]})
    assert stored["terms"]["version"] == version
    assert stored["terms"]["text"] == "Be on time."
