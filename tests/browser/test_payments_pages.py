"""The deposit's round trip in real Chromium: from the booking to a
Checkout page (the Stripe stand-in, or the emulator's development page) and
back to the result page, which waits for the webhook and shows the outcome."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlencode

from playwright.sync_api import Page, expect

from tests.emulator.test_admin_access import admin_call
from tests.emulator.test_payments_checkout import book_deposit, session_of, status_token
from tests.support.browser import HOSTING_URL
from tests.support.dates import local, next_workday
from tests.support.stripe_stub import STUB

WAIT_MS = 30_000


def test_paying_on_checkout_returns_to_a_confirmed_booking(demo: Any, page: Page) -> None:
    booking = book_deposit(demo, local(next_workday(6), 10), ip="203.0.113.50")
    assert STUB.sessions[session_of(booking)]["success_url"].startswith(f"{HOSTING_URL}/payment/?")
    STUB.delivery_delay = 1.5  # the webhook comes after the client is back: the page waits for it
    try:
        page.goto(booking["checkoutUrl"])
        page.get_by_role("button", name=re.compile("Pay 20.00 EUR")).click()
        page.wait_for_url(re.compile(re.escape(f"{HOSTING_URL}/payment/")))
        result = page.locator("#result")
        expect(result).to_have_attribute("data-state", "confirmed", timeout=WAIT_MS)
    finally:
        STUB.delivery_delay = 0.0
    expect(page.get_by_role("heading", name="Payment received")).to_be_visible()
    expect(result).to_contain_text("Colour treatment – Demo Hair Studio")
    expect(result).to_contain_text("€20.00")
    assert demo.document(f"sites/demo/bookings/{booking['bookingId']}").get().get("status") == "confirmed"


def test_leaving_checkout_unpaid_offers_to_pay_while_the_time_is_held(demo: Any, page: Page) -> None:
    booking = book_deposit(demo, local(next_workday(6), 11), ip="203.0.113.51")
    page.goto(booking["checkoutUrl"])
    page.get_by_role("link", name="Back").click()
    result = page.locator("#result")
    expect(result).to_have_attribute("data-state", "unpaid", timeout=WAIT_MS)
    expect(page.get_by_role("heading", name="Payment not completed")).to_be_visible()
    expect(page.get_by_role("link", name="Pay deposit")).to_have_attribute("href", booking["checkoutUrl"])


def test_the_development_checkout_page_pays_and_returns_to_the_result(demo: Any, page: Page) -> None:
    booking = book_deposit(demo, local(next_workday(6), 14), ip="203.0.113.52")
    query = urlencode({"site": "demo", "booking": booking["bookingId"]})
    page.goto(f"{HOSTING_URL}/payment/dev-checkout?{query}#token={status_token(session_of(booking))}")
    expect(page.locator("#checkout")).to_have_attribute("data-state", "open", timeout=WAIT_MS)
    expect(page.get_by_text("no real payment is made")).to_be_visible()
    page.get_by_role("button", name="Pay €20.00").click()
    expect(page.locator("#result")).to_have_attribute("data-state", "confirmed", timeout=WAIT_MS)
    assert demo.document(f"sites/demo/bookings/{booking['bookingId']}").get().get("status") == "confirmed"


def test_a_result_link_with_a_wrong_token_says_so(demo: Any, page: Page) -> None:
    booking = book_deposit(demo, local(next_workday(6), 15), ip="203.0.113.53")
    page.goto(f"{HOSTING_URL}/payment/?{urlencode({'site': 'demo', 'booking': booking['bookingId']})}#token={'x' * 32}")
    expect(page.locator("#result")).to_have_attribute("data-state", "invalid", timeout=WAIT_MS)
    expect(page.get_by_role("heading", name="Link not valid")).to_be_visible()


def test_a_deposit_waived_by_the_business_reads_as_confirmed_with_nothing_to_pay(demo: Any, page: Page) -> None:
    booking = book_deposit(demo, local(next_workday(7), 10), ip="203.0.113.54")
    admin_call("adminChangeBookingStatus", {"siteId": "demo", "bookingId": booking["bookingId"], "action": "confirm"})
    query = urlencode({"site": "demo", "booking": booking["bookingId"]})
    page.goto(f"{HOSTING_URL}/payment/?{query}#token={status_token(session_of(booking))}")
    result = page.locator("#result")
    expect(result).to_have_attribute("data-state", "waived", timeout=WAIT_MS)
    expect(page.get_by_role("heading", name="Your booking is confirmed")).to_be_visible()
    expect(result).to_contain_text("without the deposit, so there is nothing to pay")
    expect(result).not_to_contain_text("€20.00")
