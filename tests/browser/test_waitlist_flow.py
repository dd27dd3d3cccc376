"""The waitlist end to end on a 375 px phone: a full day, joining from the
widget, an admin's cancel, the offer in the Dev mailbox, accepting it, and
the booking that results."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from playwright.sync_api import Page, expect

from tests.browser.test_visitor_deposits import phone  # noqa: F401 - the 375 px fixture
from tests.browser.test_widget_flow import choose, heading, open_booking
from tests.emulator.test_admin_access import admin_call
from tests.support.browser import ARTIFACTS, HOSTING_URL
from tests.support.dates import local, next_workday
from tests.support.emulator import call, change_catalog

DAY = next_workday(2)
DAY_STARTS = [(hour, minute) for hour in range(9, 17) for minute in (0, 30) if (hour, minute) != (12, 30)]
"""Anna's 30-minute haircuts fill Centrum's day: 09:00–17:00 but the 12:30 lunch break."""


def fill_the_day() -> dict[tuple[int, int], str]:
    booked = {}
    for number, (hour, minute) in enumerate(DAY_STARTS):
        data = {
            "siteId": "demo",
            "serviceId": "haircut",
            "branchId": "centrum",
            "staffId": "anna",
            "start": local(DAY, hour, minute),
            "customer": {"name": f"Regular {number}", "email": f"regular{number}@example.com"},
        }
        booked[(hour, minute)] = call("createBooking", data, ip=f"198.51.100.{number + 1}")["bookingId"]
    return booked


def test_a_client_joins_from_a_full_day_and_books_the_offer_from_the_mailbox(demo: Any, phone: Page) -> None:  # noqa: F811
    page = phone
    change_catalog(
        demo,
        "sites/demo/branches/centrum",
        {"settings.waitlist": {"enabled": True, "mode": "automatic", "offerExpiryHours": 2}},
    )
    booked = fill_the_day()

    widget = open_booking(page)
    choose(widget, "Centrum")
    choose(widget, "Haircut")
    choose(widget, "Anna")
    invite = widget.locator(".bw-waitlist")
    expect(invite).to_contain_text("is fully booked. Join the waitlist?")
    invite.get_by_role("button", name="Join the waitlist").click()
    expect(heading(widget, "Join the waitlist")).to_be_visible()
    expect(widget.get_by_label("From", exact=True)).to_have_value(DAY.isoformat())
    widget.get_by_label("Name").fill("Grace Hopper")
    widget.get_by_label("E-mail").fill("grace@example.com")
    page.screenshot(path=str(ARTIFACTS / "waitlist_join_375.png"), full_page=True)
    widget.get_by_role("button", name="Join the waitlist").click()
    expect(heading(widget, "You are on the waitlist")).to_be_visible()
    (entry,) = [s.to_dict() for s in demo.collection("sites/demo/waitlist").stream()]
    assert entry["customer"]["email"] == "grace@example.com"
    assert entry["preference"]["firstDay"] == DAY.isoformat()
    assert entry["status"] == "waiting"

    admin_call("adminChangeBookingStatus", {"siteId": "demo", "bookingId": booked[(10, 0)], "action": "cancel"})

    page.goto(f"{HOSTING_URL}/mailbox/?site=demo")
    page.get_by_role("button", name=re.compile("A time is free for you")).first.click()
    mail = page.frame_locator("article iframe")
    expect(mail.get_by_role("heading", name="A time is free for you")).to_be_visible()
    with page.expect_popup() as popup:
        mail.get_by_role("link", name="Accept or decline").click()
    offer = popup.value
    offer.set_viewport_size({"width": 375, "height": 667})
    expect(offer.get_by_role("heading", name="A time is free for you")).to_be_visible()
    expect(offer.locator("#app")).to_contain_text("10:00–10:30 (Europe/Amsterdam)")
    assert not [
        s for s in demo.collection("sites/demo/bookings").stream() if s.get("customer")["email"] == "grace@example.com"
    ]
    offer.screenshot(path=str(ARTIFACTS / "waitlist_offer_375.png"), full_page=True)
    offer.get_by_role("button", name="Accept and book").click()
    expect(offer.get_by_role("status")).to_contain_text("You are booked")

    offer.get_by_role("link", name="View your booking").click()
    expect(offer.get_by_role("heading", name="Your booking")).to_be_visible()
    expect(offer.locator("#app")).to_contain_text("10:00–10:30 (Europe/Amsterdam)")
    offer.screenshot(path=str(ARTIFACTS / "waitlist_booked_375.png"), full_page=True)
    (mine,) = [
        s.to_dict()
        for s in demo.collection("sites/demo/bookings").stream()
        if s.get("customer")["email"] == "grace@example.com"
    ]
    assert mine["status"] == "confirmed"
    assert mine["start"] == datetime.fromisoformat(local(DAY, 10))
    assert [s.get("status") for s in demo.collection("sites/demo/waitlist").stream()] == ["booked"]
