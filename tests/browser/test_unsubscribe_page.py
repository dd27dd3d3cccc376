"""The unsubscribe page behind the link in every e-mail, in real Chromium:
opening it changes nothing, its button withdraws marketing consent."""

from __future__ import annotations

import re
from html import unescape
from typing import Any
from urllib.parse import urlsplit

from playwright.sync_api import Page, expect

from tests.emulator.email_support import fresh_ip, manage_request, outbox
from tests.support.browser import ARTIFACTS, HOSTING_URL
from tests.support.dates import local, next_workday
from tests.support.emulator import call


def test_the_client_unsubscribes_with_the_link_from_the_e_mail(demo: Any, page: Page) -> None:
    booking = call(
        "createBooking",
        {
            "siteId": "demo",
            "serviceId": "haircut",
            "branchId": "centrum",
            "staffId": "anna",
            "start": local(next_workday(2), 10),
            "customer": {"name": "Ada Lovelace", "email": "ada@example.com"},
            "marketingOptIn": True,
        },
        ip=fresh_ip(),
    )
    (mail,) = outbox(demo, booking["bookingId"])
    call("getManagedBooking", manage_request(mail), ip=fresh_ip())  # the e-mail's link verifies the opt-in
    customer_id = demo.document(f"sites/demo/bookings/{booking['bookingId']}").get().get("customerId")
    profile = demo.document(f"sites/demo/customers/{customer_id}")
    assert profile.get().get("marketingOptIn") is True

    url = urlsplit(unescape(re.search(r'<a href="([^"]*/unsubscribe\?[^"]+)"', mail["html"]).group(1)))
    page.goto(f"{HOSTING_URL}{url.path}?{url.query}#{url.fragment}")
    expect(page.get_by_role("heading", name="Marketing e-mails")).to_be_visible()
    assert profile.get().get("marketingOptIn") is True  # opening changes nothing
    page.get_by_role("button", name="Unsubscribe").click()
    expect(page.get_by_role("status")).to_contain_text("You are unsubscribed")
    page.screenshot(path=str(ARTIFACTS / "unsubscribe-done.png"), full_page=True)
    assert profile.get().get("marketingOptIn") is False
