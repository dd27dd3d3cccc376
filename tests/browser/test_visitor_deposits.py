"""A visitor on a phone (375 px) books a service with a deposit: the widget
says a payment follows and goes straight on to Checkout, and the result page
is the business's own, with a way back, the manage link and a way to give an
unpaid hold back."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.browser.test_widget_flow import CUSTOMER, bookings, choose, choose_day, fill_details, heading, slot
from tests.support.browser import ARTIFACTS, HOSTING_URL
from tests.support.dates import next_workday
from tests.support.emulator import change_catalog
from tests.support.stripe_stub import STUB

SHOP = f"{HOSTING_URL}/book?site=demo"
"""The page the widget sits on: the hosted booking page (a page on another
origin can't load the loopback emulator in Chromium)."""
WAIT_MS = 30_000
NO_SHOW_FEE = {"enabled": True, "kind": "fixed", "amountCents": 1500}


@pytest.fixture
def phone(browser: Any, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A 375 × 667 phone screen; the end state's screenshot is kept like `page`'s."""
    context = browser.new_context(viewport={"width": 375, "height": 667}, locale="en-GB", is_mobile=True)
    page = context.new_page()
    yield page
    ARTIFACTS.mkdir(exist_ok=True)
    try:
        page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    finally:
        context.close()


def book_colour_until_details(widget: Locator) -> None:
    day = next_workday(3)
    choose(widget, "Centrum")
    choose(widget, "Colour treatment")
    choose(widget, "Anna")
    choose_day(widget, day)
    slot(widget, day, 10).click()
    fill_details(widget)
    widget.get_by_label("Any allergies to hair dye?").fill("none")


def test_a_deposit_service_says_so_before_booking_and_goes_straight_to_checkout(demo: Any, phone: Page) -> None:
    change_catalog(demo, "sites/demo", {"settings.noShowFee": NO_SHOW_FEE})
    phone.goto(SHOP)
    widget = phone.locator("booking-widget")
    book_colour_until_details(widget)

    expect(widget.locator('[data-key="no-show-policy"]')).to_contain_text("no-show fee of €15.00")
    expect(widget.locator('[data-key="deposit-next"]')).to_contain_text("deposit of €20.00")
    expect(widget.get_by_role("button", name="Confirm booking")).to_have_count(0)
    phone.screenshot(path=str(ARTIFACTS / "widget-deposit-details-375.png"), full_page=True)
    widget.get_by_role("button", name="Continue to payment").click()

    phone.wait_for_url(re.compile(re.escape(f"{STUB.base}/checkout/")), timeout=WAIT_MS)
    (booking,) = bookings(demo)
    assert booking["status"] == "pending_payment"


def test_the_result_page_links_back_and_gives_an_unpaid_hold_back(demo: Any, phone: Page) -> None:
    phone.goto(SHOP)
    widget = phone.locator("booking-widget")
    book_colour_until_details(widget)
    widget.get_by_role("button", name="Continue to payment").click()
    phone.wait_for_url(re.compile(re.escape(f"{STUB.base}/checkout/")), timeout=WAIT_MS)
    phone.get_by_role("link", name="Back").click()

    result = phone.locator("#result")
    expect(result).to_have_attribute("data-state", "unpaid", timeout=WAIT_MS)
    expect(phone.locator("header")).to_contain_text("Demo Hair Studio")
    colour = phone.evaluate("getComputedStyle(document.querySelector('header')).backgroundColor")
    assert colour == "rgb(15, 118, 110)", "the site's accent colour (#0f766e)"
    expect(result).to_contain_text(re.compile(r"until \d\d:\d\d \(Europe/Amsterdam\)"))
    box = result.bounding_box()
    assert box, "the card is on the page"
    assert box["x"] >= 8, "the card keeps off the screen's left edge"
    assert box["x"] + box["width"] <= 375 - 8, "the card keeps off the screen's right edge"
    expect(phone.get_by_role("link", name="Back to Demo Hair Studio")).to_have_attribute("href", SHOP)
    (stored,) = bookings(demo)
    manage = phone.get_by_role("link", name="View or manage your booking")
    expect(manage).to_have_attribute("href", re.compile(r"^/manage\?site=demo&booking=\w+#token=.{20,}"))
    expect(phone.get_by_role("link", name="Pay deposit")).to_be_visible()
    phone.screenshot(path=str(ARTIFACTS / "payment-unpaid-375.png"), full_page=True)

    phone.get_by_role("button", name="Give the time back").click()
    expect(phone.get_by_text("Cancel this booking and give the time back?")).to_be_visible()
    assert bookings(demo)[0]["status"] == "pending_payment"  # nothing yet
    phone.get_by_role("button", name="Yes, cancel booking").click()
    expect(result).to_have_attribute("data-state", "released", timeout=WAIT_MS)
    expect(phone.get_by_role("heading", name="The time is given back")).to_be_visible()
    assert bookings(demo)[0]["status"] == "cancelled"
    assert stored["customer"]["email"] == CUSTOMER["email"]


def test_a_paid_result_links_to_the_manage_page(demo: Any, phone: Page) -> None:
    phone.goto(SHOP)
    widget = phone.locator("booking-widget")
    book_colour_until_details(widget)
    widget.get_by_role("button", name="Continue to payment").click()
    phone.wait_for_url(re.compile(re.escape(f"{STUB.base}/checkout/")), timeout=WAIT_MS)
    phone.get_by_role("button", name=re.compile("Pay 20.00 EUR")).click()
    expect(phone.locator("#result")).to_have_attribute("data-state", "confirmed", timeout=WAIT_MS)
    expect(phone.get_by_role("link", name="Back to Demo Hair Studio")).to_be_visible()
    phone.get_by_role("link", name="View or manage your booking").click()
    expect(phone.get_by_role("heading", name="Your booking")).to_be_visible()
    expect(phone.locator("#app")).to_contain_text("Confirmed")


def test_a_framed_widget_keeps_the_payment_link_and_offers_no_calendar_for_an_unpaid_hold(
    demo: Any, phone: Page
) -> None:
    # A sandbox without allow-top-navigation: the redirect is refused, the link stays.
    inner = f'<booking-widget site="demo"></booking-widget><script src="{HOSTING_URL}/widget.js"></script>'
    phone.set_content(
        '<iframe sandbox="allow-scripts allow-same-origin allow-forms" '
        f'style="width:100%;height:1400px;border:0" srcdoc="{html.escape(inner)}"></iframe>'
    )
    widget = phone.frame_locator("iframe").locator("booking-widget")
    book_colour_until_details(widget)
    widget.get_by_role("button", name="Continue to payment").click()

    expect(heading(widget, "Your booking is held pending payment")).to_be_visible()
    expect(widget.locator(".bw-done")).to_contain_text("until the deposit of €20.00 is paid")
    pay = widget.get_by_role("link", name="Pay the deposit of €20.00")
    expect(pay).to_have_attribute("href", re.compile(re.escape(f"{STUB.base}/checkout/")))
    expect(widget.get_by_role("link", name="Add to Google Calendar")).to_have_count(0)
    expect(widget.get_by_role("link", name=re.compile(r"\.ics"))).to_have_count(0)
    expect(widget.get_by_role("link", name="Manage or cancel your booking")).to_be_visible()
    expect(widget.get_by_role("status")).to_have_text(re.compile("Taking you to the payment page"))
    assert phone.url == "about:blank"


def test_the_screen_reader_status_announces_a_confirmed_booking(demo: Any, phone: Page) -> None:
    day = next_workday(2)
    phone.goto(f"{HOSTING_URL}/book?site=demo")
    widget = phone.locator("booking-widget")
    choose(widget, "Centrum")
    choose(widget, "Haircut")
    choose(widget, "Ben")
    choose_day(widget, day)
    slot(widget, day, 10).click()
    fill_details(widget)
    widget.get_by_role("button", name="Confirm booking").click()
    expect(heading(widget, "Your booking is confirmed")).to_be_visible()
    expect(widget.get_by_role("status")).to_have_text("Your booking is confirmed")
    expect(widget.get_by_role("link", name="Add to Google Calendar")).to_be_visible()
