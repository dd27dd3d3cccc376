"""The manage page in real Chromium: the client's booking behind the magic
link, changed only by pressing buttons."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import parse_qs, urlsplit

from playwright.sync_api import Page, expect

from tests.browser.test_visitor_deposits import phone
from tests.emulator.email_support import book, fresh_ip, link, outbox
from tests.support.browser import ARTIFACTS, HOSTING_URL
from tests.support.dates import local, next_workday
from tests.support.emulator import call, change_catalog


def manage_url(booking: dict[str, Any]) -> str:
    return f"{HOSTING_URL}/manage?site=demo&booking={booking['bookingId']}#token={booking['manageToken']}"


def stored(db: Any, booking: dict[str, Any]) -> dict[str, Any]:
    return db.document(f"sites/demo/bookings/{booking['bookingId']}").get().to_dict()


def test_the_client_moves_the_booking_to_another_free_time(demo: Any, page: Page) -> None:
    day = next_workday(2)
    booking = book(local(day, 10))
    page.goto(manage_url(booking))
    card = page.locator("#app")
    expect(page.get_by_role("heading", name="Your booking")).to_be_visible()
    expect(card).to_contain_text("Haircut")
    expect(card).to_contain_text("Anna")
    expect(card).to_contain_text("10:00–10:30 (Europe/Amsterdam)")
    expect(card).to_contain_text("Centrum, Damrak 1, Amsterdam")
    expect(page.locator("header")).to_have_text("Demo Hair Studio")

    page.get_by_role("button", name="Move booking").click()
    page.locator(f'[data-date="{day.isoformat()}"]').click()
    page.locator(f'[data-start="{local(day, 11)}"]').click()
    assert stored(demo, booking)["start"] == datetime.fromisoformat(local(day, 10))  # nothing yet
    page.get_by_role("button", name=re.compile("^Move my booking to")).click()

    expect(page.get_by_role("status")).to_contain_text("Your booking has been moved")
    expect(card).to_contain_text("11:00–11:30 (Europe/Amsterdam)")
    assert stored(demo, booking)["start"] == datetime.fromisoformat(local(day, 11))
    token = parse_qs(urlsplit(page.url).fragment)["token"][0]
    assert token != booking["manageToken"]
    page.reload()
    expect(card).to_contain_text("11:00–11:30")


def test_the_client_cancels_only_after_answering_the_question(demo: Any, page: Page) -> None:
    booking = book(local(next_workday(2), 10))
    page.goto(manage_url(booking))
    page.get_by_role("button", name="Cancel booking").click()
    expect(page.get_by_text("Do you really want to cancel this booking?")).to_be_visible()
    assert stored(demo, booking)["status"] == "confirmed"
    page.get_by_role("button", name="No, keep it").click()
    page.get_by_role("button", name="Cancel booking").click()
    page.get_by_role("button", name="Yes, cancel booking").click()

    expect(page.get_by_role("status")).to_contain_text("Your booking has been cancelled")
    expect(page.get_by_role("heading", name="Your booking is cancelled")).to_be_visible()
    expect(page.get_by_role("link", name="Make a new booking")).to_have_attribute("href", "/book?site=demo")
    assert stored(demo, booking)["status"] == "cancelled"


def test_the_confirm_link_asks_for_a_press_before_confirming(demo: Any, page: Page) -> None:
    change_catalog(demo, "sites/demo/branches/centrum", {"settings.clientConfirmation.required": True})
    booking = book(local(next_workday(2), 10))
    (request,) = outbox(demo, booking["bookingId"])
    page.goto(link(request, "confirm"))
    expect(page.get_by_role("heading", name="Please confirm your booking")).to_be_visible()
    expect(page.locator("#app")).to_contain_text("Awaiting your confirmation")
    assert stored(demo, booking)["status"] == "pending"  # opening the link changed nothing

    page.get_by_role("button", name="Confirm booking").click()
    expect(page.get_by_role("status")).to_contain_text("your booking is confirmed")
    expect(page.locator("#app")).to_contain_text("Confirmed")
    assert stored(demo, booking)["status"] == "confirmed"
    assert "action=confirm" not in page.url


def test_the_widgets_link_to_a_pending_booking_sends_the_client_to_the_e_mail(demo: Any, page: Page) -> None:
    change_catalog(demo, "sites/demo/branches/centrum", {"settings.clientConfirmation.required": True})
    booking = book(local(next_workday(2), 10))
    page.goto(manage_url(booking))
    card = page.locator("#app")
    expect(card).to_contain_text("Awaiting your confirmation")
    expect(card).to_contain_text("please use the link in the e-mail we sent you")
    expect(page.get_by_role("button", name="Confirm booking")).to_have_count(0)
    expect(page.get_by_role("button", name="Cancel booking")).to_be_visible()
    assert stored(demo, booking)["status"] == "pending"


def test_within_the_sites_cutoff_the_page_explains_whom_to_call(demo: Any, page: Page) -> None:
    demo.document("sites/demo").update({"settings.changeCutoffHours": 4})
    booking = book(local(next_workday(2), 10))
    start = datetime.now(UTC) + timedelta(hours=3)
    demo.document(f"sites/demo/bookings/{booking['bookingId']}").update(
        {"start": start, "end": start + timedelta(minutes=30), "manageTokenExpiresAt": start + timedelta(minutes=30)}
    )
    page.goto(manage_url(booking))
    note = page.locator('[data-section="change-cutoff"]')
    expect(note).to_contain_text("possible up to 4 hours before the appointment")
    expect(note).to_contain_text("please call Demo Hair Studio at")
    expect(page.get_by_role("button", name="Cancel booking")).to_have_count(0)
    expect(page.get_by_role("button", name="Move booking")).to_have_count(0)
    expect(page.locator("#app")).not_to_contain_text("in the past")


def test_before_the_cutoff_the_page_says_until_when_changes_are_possible(demo: Any, page: Page) -> None:
    demo.document("sites/demo").update({"settings.changeCutoffHours": 24})
    booking = book(local(next_workday(2), 10))
    page.goto(manage_url(booking))
    expect(page.locator('[data-section="change-cutoff"]')).to_contain_text("online until")
    expect(page.get_by_role("button", name="Cancel booking")).to_be_visible()


def test_a_used_link_explains_itself(demo: Any, page: Page) -> None:
    booking = book(local(next_workday(2), 10))
    call(
        "cancelBooking",
        {"siteId": "demo", "bookingId": booking["bookingId"], "token": booking["manageToken"]},
        ip=fresh_ip(),
    )
    page.goto(manage_url(booking))
    expect(page.get_by_role("heading", name="This link can't be used")).to_be_visible()
    expect(page.get_by_role("alert")).to_contain_text("already been used")


def test_the_page_speaks_the_sites_language(demo: Any, page: Page) -> None:
    demo.document("sites/demo").update({"locale": "nl"})
    booking = book(local(next_workday(2), 10))
    page.goto(manage_url(booking))
    expect(page.get_by_role("heading", name="Uw afspraak")).to_be_visible()
    expect(page.get_by_role("button", name="Afspraak verzetten")).to_be_visible()
    assert page.evaluate("document.documentElement.lang") == "nl"


__all__ = ["phone"]  # the 375 px fixture, shared with the deposit tests


def test_moving_on_a_phone_opens_the_first_free_day_and_stops_at_the_horizon(demo: Any, phone: Page) -> None:
    booking = book(local(next_workday(1), 10))
    phone.goto(manage_url(booking))
    phone.get_by_role("button", name="Move booking").click()

    chosen = phone.locator('.days button[aria-pressed="true"]')
    expect(chosen).to_have_count(1)
    first_day = phone.locator(".days button").first
    expect(first_day).to_have_attribute("aria-pressed", "true")
    expect(phone.locator(".times button").first).to_be_visible()
    # The demo's horizon is 14 days, which this first page already shows.
    expect(phone.get_by_role("button", name="Later dates")).to_have_count(0)
    expect(phone.locator('[data-section="horizon"]')).to_contain_text("Online booking is open until")

    phone.locator(".times button").last.click()
    move = phone.get_by_role("button", name=re.compile("^Move my booking to"))
    expect(move).to_be_visible()
    assert move.evaluate(
        "b => { const r = b.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; }"
    ), "the move button is on screen (667 px) without scrolling"
    phone.screenshot(path=str(ARTIFACTS / "manage-move-375.png"))


def test_a_used_link_is_branded_and_says_it_once(demo: Any, phone: Page) -> None:
    change_catalog(demo, "sites/demo", {"widget.accentColor": "#7c3aed"})
    booking = book(local(next_workday(2), 10))
    call(
        "cancelBooking",
        {"siteId": "demo", "bookingId": booking["bookingId"], "token": booking["manageToken"]},
        ip=fresh_ip(),
    )
    phone.goto(manage_url(booking))
    expect(phone.get_by_role("heading", name="This link can't be used")).to_be_visible()
    expect(phone.locator("header")).to_have_text("Demo Hair Studio")
    colour = phone.evaluate("getComputedStyle(document.querySelector('header')).backgroundColor")
    assert colour == "rgb(124, 58, 237)"
    expect(phone.get_by_role("alert")).to_contain_text("already been used")
    text = phone.locator("#app").inner_text()
    assert text.count("latest e-mail") == 1, text
    expect(phone.get_by_role("link", name="Make a new booking")).to_be_visible()
