"""The waitlist end to end on a 375 px phone: a full day, joining from the
widget, an admin's cancel, the offer in the Dev mailbox, accepting it, and
the booking that results."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import Any

from playwright.sync_api import Page, expect

from tests.browser.test_admin_pages import open_page, sign_in_as_demo_admin
from tests.browser.test_staff_app import TABLET, shot, today
from tests.browser.test_staff_app import sign_in as staff_sign_in
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


def join_for(number: int, day: str) -> str:
    data = {
        "siteId": "demo",
        "serviceId": "haircut",
        "branchId": "centrum",
        "customer": {"name": f"Waiting {number}", "email": f"waiting{number}@example.com"},
        "from": day,
        "to": day,
    }
    return str(call("joinWaitlist", data, ip=f"203.0.113.{number + 50}")["entryId"])


def manual_waitlist(db: Any) -> None:
    change_catalog(
        db,
        "sites/demo/branches/centrum",
        {"settings.waitlist": {"enabled": True, "mode": "manual", "offerExpiryHours": 2}},
    )


def test_staff_view_the_days_waitlist_and_offer_a_time_by_hand(demo: Any, page: Page) -> None:
    manual_waitlist(demo)
    day = today()
    first = join_for(1, day)
    join_for(2, day)
    page.set_viewport_size(TABLET)
    staff_sign_in(page, "Anna", "1111")
    expect(page.locator(".hello")).to_have_text("Hi, Anna")
    page.get_by_role("button", name="View waitlist").click()
    dialog = page.get_by_role("dialog", name=re.compile("Waitlist"))
    entry = dialog.locator(f'[data-entry="{first}"]')
    expect(entry).to_contain_text("1. Waiting 1")
    expect(dialog.locator("[data-entry]")).to_have_count(2)
    entry.get_by_label("Time").fill("23:00")
    shot(page, "staff-waitlist")
    entry.get_by_role("button", name="Offer this time").click()
    expect(entry).to_contain_text("Offered 23:00–23:30")
    (offer,) = [s.to_dict() for s in demo.collection("sites/demo/waitlistOffers").stream()]
    assert offer["entryId"] == first
    assert offer["by"] == "Anna"


def test_the_admin_waitlist_page_lists_a_branch_and_offers_a_time(demo: Any, page: Page) -> None:
    manual_waitlist(demo)
    first = join_for(1, DAY.isoformat())
    join_for(2, DAY.isoformat())
    sign_in_as_demo_admin(page)
    open_page(page, "waitlist")
    expect(page.get_by_role("heading", name="Waitlist", exact=True)).to_be_visible()
    table = page.locator("main table")
    expect(table.locator("tbody tr")).to_have_count(2)
    expect(table).to_contain_text("waiting1@example.com")
    page.get_by_label("Waiting for a time on").fill((DAY + timedelta(days=1)).isoformat())
    page.get_by_role("button", name="Show the waitlist").click()
    expect(page.get_by_text("Nobody on the waitlist matches these filters.")).to_be_visible()
    open_page(page, "waitlist")
    page.get_by_label("Client").select_option(first)
    page.get_by_label("Staff member").select_option("anna")
    page.get_by_label("Date", exact=True).fill(DAY.isoformat())
    page.get_by_label("Time", exact=True).fill("10:00")
    page.get_by_role("button", name="Send the offer").click()
    expect(page.get_by_role("status").filter(has_text="Offer sent to")).to_be_visible()
    (offer,) = [s.to_dict() for s in demo.collection("sites/demo/waitlistOffers").stream()]
    assert offer["entryId"] == first
    assert offer["start"] == datetime.fromisoformat(local(DAY, 10))
    open_page(page, "waitlist")
    expect(table).to_contain_text("Offered")
    page.screenshot(path=str(ARTIFACTS / "admin_waitlist.png"), full_page=True)
