"""The dev mailbox in real Chromium: what a booking in the demo sends, as
the client would see it, and the manage link inside it working."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

from playwright.sync_api import Page, expect

from tests.browser.test_widget_flow import choose, choose_day, fill_details, heading, open_booking, slot
from tests.emulator.email_support import book
from tests.support.browser import HOSTING_URL
from tests.support.dates import local, next_workday


def test_a_booking_made_in_the_widget_arrives_in_the_dev_mailbox(demo: Any, page: Page) -> None:
    day = next_workday(2)
    widget = open_booking(page)
    choose(widget, "Centrum")
    choose(widget, "Haircut")
    choose(widget, "Anna")
    choose_day(widget, day)
    slot(widget, day, 10).click()
    fill_details(widget)
    widget.get_by_role("button", name="Confirm booking").click()
    expect(heading(widget, "Your booking is confirmed")).to_be_visible()

    page.goto(f"{HOSTING_URL}/mailbox/")
    expect(page.locator("nav")).to_contain_text("Booking confirmed: Haircut")
    expect(page.locator("article h2")).to_contain_text("Booking confirmed: Haircut")
    expect(page.locator("article")).to_contain_text("ada@example.com")
    mail = page.frame_locator("article iframe")
    expect(mail.get_by_role("heading", name="Your booking is confirmed")).to_be_visible()
    expect(mail.locator("[data-part=details]")).to_contain_text("10:00–10:30 (Europe/Amsterdam)")
    expect(mail.locator("[data-part=footer]")).to_contain_text("Demo Hair Studio")

    attachment = page.locator('[data-attachment="invite.ics"]')
    expect(attachment.get_by_role("link")).to_contain_text("invite.ics")
    expect(attachment.locator("pre")).to_contain_text("METHOD:REQUEST")
    expect(attachment.locator("pre")).to_contain_text("TZID=Europe/Amsterdam")

    page.get_by_role("tab", name="Plain text").click()
    expect(page.locator("[data-part=text]")).to_contain_text("Hello Ada Lovelace,")


def test_the_manage_link_in_an_e_mail_opens_the_booking(demo: Any, page: Page) -> None:
    book(local(next_workday(2), 11))
    page.goto(f"{HOSTING_URL}/mailbox/?site=demo")
    mail = page.frame_locator("article iframe")
    with page.expect_popup() as popup:
        mail.get_by_role("link", name="View, move or cancel your booking").click()
    manage = popup.value
    expect(manage.get_by_role("heading", name="Your booking")).to_be_visible()
    expect(manage.locator("#app")).to_contain_text("11:00–11:30")
    assert re.search(r"/manage\?site=demo&booking=\w+#token=", manage.url)


def test_an_empty_mailbox_says_so(demo: Any, page: Page) -> None:
    page.goto(f"{HOSTING_URL}/mailbox/")
    expect(page.get_by_text("No e-mails yet.")).to_be_visible()


def test_an_e_mail_without_attachments_shows_no_attachment_section(demo: Any, page: Page) -> None:
    demo.document("sites/demo/outbox/b1-request").set(
        {
            "bookingId": "b1",
            "kind": "request",
            "to": {"email": "ada@example.com", "name": "Ada"},
            "from": {"email": "bookings@example.com", "name": "Demo Hair Studio"},
            "subject": "Please confirm your booking",
            "html": "<p>Please confirm</p>",
            "text": "Please confirm",
            "attachments": [],
            "status": "sent",
            "transport": "outbox",
            "createdAt": datetime.now(UTC),
        }
    )
    page.goto(f"{HOSTING_URL}/mailbox/?site=demo")
    article = page.locator("article")
    expect(article.locator("h2")).to_contain_text("Please confirm your booking")
    expect(article.locator(".attachments")).to_have_count(0)
    assert "null" not in article.inner_text()
