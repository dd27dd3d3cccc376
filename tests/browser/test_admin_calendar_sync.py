"""Booking → Calendar Sync in real Chromium: an admin connects a staff
member's Apple (CalDAV) calendar, a visitor books in the widget, and the
booking is in that calendar (a real Radicale server)."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Page, expect

from booking.domain.calendar_sync import event_uid
from tests.browser.test_admin_pages import open_page, shot, sign_in_as_demo_admin
from tests.browser.test_widget_flow import choose, choose_day, fill_details, heading, open_booking, slot
from tests.support.axe import assert_accessible
from tests.support.dates import next_workday
from tests.support.google_calendar_stub import start_for_the_emulators
from tests.support.radicale import PASSWORD, USER, RadicaleServer, event_text, radicale

__all__ = ["radicale"]

STUB = start_for_the_emulators()


def test_an_admin_connects_apple_and_a_widget_booking_appears_in_that_calendar(
    demo: Any, page: Page, radicale: RadicaleServer
) -> None:
    sign_in_as_demo_admin(page)
    open_page(page, "calendar-sync")
    expect(page.get_by_role("heading", name="Calendar Sync", exact=True)).to_be_visible()
    expect(page.get_by_text("No calendar is connected yet.")).to_be_visible()
    page.get_by_label("Connect for").select_option(label="Anna")
    page.get_by_label("CalDAV address").fill(radicale.url)
    page.get_by_label("User name").fill(USER)
    page.get_by_label("App password").fill("wrong-password")
    page.get_by_role("button", name="Connect", exact=True).click()
    expect(page.get_by_role("alert").filter(has_text="refused")).to_be_visible()
    shot(page, "calendar-sync-refused")

    page.get_by_label("App password").fill(PASSWORD)
    page.get_by_role("button", name="Connect", exact=True).click()
    expect(page.locator("#status")).to_contain_text("Calendar connected")
    card = page.get_by_role("region", name="Anna · Apple (CalDAV)")
    expect(card).to_contain_text(f"{USER} @ {radicale.url}")
    card.get_by_label("Write bookings to").select_option(label="Work")
    card.get_by_label("Work", exact=True).check()
    card.get_by_label("Private", exact=True).uncheck()
    card.get_by_role("button", name="Save calendars").click()
    expect(page.locator("#status")).to_contain_text("Calendars saved")
    card = page.get_by_role("region", name="Anna · Apple (CalDAV)")
    expect(card.get_by_label("Write bookings to")).to_have_value(radicale.calendar_url(USER, "work"))

    day = next_workday(2)
    widget = open_booking(page)
    choose(widget, "Centrum")
    choose(widget, "Haircut")
    choose(widget, "Anna")
    choose_day(widget, day)
    slot(widget, day, 11).click()
    fill_details(widget)
    widget.get_by_role("button", name="Confirm booking").click()
    expect(heading(widget, "Your booking is confirmed")).to_be_visible()
    (booking,) = list(demo.collection("sites/demo/bookings").stream())
    event = event_text(radicale.calendar_url(USER, "work"), event_uid(booking.id))
    assert event is not None
    assert "Haircut – Ada Lovelace" in event

    open_page(page, "calendar-sync")
    card = page.get_by_role("region", name="Anna · Apple (CalDAV)")
    card.get_by_role("button", name="Sync now").click()
    expect(page.locator("#status")).to_contain_text("Synced")
    card = page.get_by_role("region", name="Anna · Apple (CalDAV)")
    expect(card).not_to_contain_text("Not synced yet")
    expect(card).to_contain_text("Connected")
    shot(page, "calendar-sync")
    assert_accessible(page, "admin: calendar sync")


def test_an_admin_connects_google_through_its_consent_and_comes_back_to_the_page(demo: Any, page: Page) -> None:
    sign_in_as_demo_admin(page)
    open_page(page, "calendar-sync")
    page.get_by_label("Google calendar of").select_option(label="Anna")
    page.get_by_role("button", name="Connect with Google").click()
    expect(page.get_by_text("Google Calendar connected")).to_be_visible()
    card = page.get_by_role("region", name="Anna · Google Calendar")
    expect(card.get_by_label("Write bookings to")).to_have_value("primary")
    assert STUB.token_requests >= 1
    shot(page, "calendar-sync-google")
    assert_accessible(page, "admin: calendar sync with Google")
