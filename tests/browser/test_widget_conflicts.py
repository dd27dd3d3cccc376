"""What the widget does when the server says no: a slot taken meanwhile,
terms not accepted, a deposit that still has to be paid."""

from __future__ import annotations

import re
from typing import Any

from playwright.sync_api import Page, expect

from tests.browser.test_widget_flow import (
    CUSTOMER,
    bookings,
    choose,
    choose_day,
    fill_details,
    heading,
    open_booking,
    slot,
)
from tests.support.dates import local, next_workday
from tests.support.emulator import call
from tests.support.stripe_stub import STUB  # noqa: F401 - the Stripe stand-in the functions talk to


def test_slot_taken_mid_flow_gives_plain_message_fresh_slots_and_keeps_details(demo: Any, page: Page) -> None:
    day = next_workday(2)
    widget = open_booking(page)
    choose(widget, "Centrum")
    choose(widget, "Haircut")
    choose(widget, "Anna")
    choose_day(widget, day)
    slot(widget, day, 14).click()
    fill_details(widget)
    widget.get_by_label("Notes").fill("Short on the sides")

    someone_else = {"name": "Grace Hopper", "email": "grace@example.com"}
    start = local(day, 14)
    call(
        "createBooking",
        {
            "siteId": "demo",
            "serviceId": "haircut",
            "branchId": "centrum",
            "staffId": "anna",
            "start": start,
            "customer": someone_else,
        },
        ip="198.51.100.20",
    )
    widget.get_by_role("button", name="Confirm booking").click()

    expect(widget.get_by_role("alert")).to_contain_text("that time has just been booked by someone else")
    expect(heading(widget, "Choose a date and time")).to_be_visible()
    expect(widget.locator(f'[data-date="{day.isoformat()}"]')).to_have_attribute("aria-pressed", "true")
    expect(slot(widget, day, 14, 30)).to_be_visible()
    expect(slot(widget, day, 14)).to_have_count(0)

    slot(widget, day, 14, 30).click()
    expect(widget.get_by_label("Name")).to_have_value(CUSTOMER["name"])
    expect(widget.get_by_label("E-mail")).to_have_value(CUSTOMER["email"])
    expect(widget.get_by_label("Notes")).to_have_value("Short on the sides")
    widget.get_by_role("button", name="Confirm booking").click()
    expect(heading(widget, "Your booking is confirmed")).to_be_visible()
    assert sorted(b["customer"]["email"] for b in bookings(demo)) == ["ada@example.com", "grace@example.com"]


def test_required_terms_block_confirmation_until_ticked(demo: Any, page: Page) -> None:
    terms = {
        "required": True,
        "text": "Cancel at least 24 hours ahead.",
        "url": "https://example.com/terms",
        "version": "v1",
    }
    demo.collection("sites").document("demo").update({"terms": terms})
    day = next_workday(2)
    widget = open_booking(page)
    choose(widget, "Zuid")
    choose(widget, "Haircut")
    choose(widget, "No preference")
    choose_day(widget, day)
    slot(widget, day, 9).click()
    fill_details(widget)
    expect(widget.get_by_text("Cancel at least 24 hours ahead.")).to_be_visible()
    expect(widget.get_by_role("link", name="Read the terms and conditions")).to_have_attribute("href", terms["url"])

    widget.get_by_role("button", name="Confirm booking").click()
    expect(widget.get_by_role("alert")).to_contain_text("I accept the terms and conditions")
    checkbox = widget.get_by_label("I accept the terms and conditions")
    expect(checkbox).to_have_attribute("aria-invalid", "true")
    expect(checkbox).to_be_focused()
    expect(heading(widget, "Your details")).to_be_visible()
    assert bookings(demo) == []

    checkbox.check()
    widget.get_by_role("button", name="Confirm booking").click()
    expect(heading(widget, "Your booking is confirmed")).to_be_visible()
    (booking,) = bookings(demo)
    assert booking["terms"]["accepted"] is True
    assert booking["terms"]["version"] == "v1"


def test_invalid_email_is_announced_and_nothing_is_booked(demo: Any, page: Page) -> None:
    day = next_workday(2)
    widget = open_booking(page)
    choose(widget, "Centrum")
    choose(widget, "Haircut")
    choose(widget, "No preference")
    choose_day(widget, day)
    slot(widget, day, 15).click()
    fill_details(widget, {**CUSTOMER, "email": "ada-at-example"})
    widget.get_by_role("button", name="Confirm booking").click()
    expect(widget.get_by_role("alert")).to_contain_text("E-mail")
    email = widget.get_by_label("E-mail")
    expect(email).to_be_focused()
    expect(email).to_have_attribute("aria-invalid", "true")
    expect(widget.get_by_text("Please enter a valid e-mail address")).to_be_visible()
    assert bookings(demo) == []


def test_deposit_service_is_held_and_paid_through_checkout(demo: Any, page: Page) -> None:
    demo.collection("sites").document("demo").update({"payments": {"ready": True}})
    day = next_workday(2)
    widget = open_booking(page)
    choose(widget, "Centrum")
    expect(widget.get_by_role("button", name="Colour treatment")).to_contain_text("deposit €20.00")
    choose(widget, "Colour treatment")
    choose(widget, "No preference")
    choose_day(widget, day)
    slot(widget, day, 9).click()
    fill_details(widget)
    widget.get_by_label("Any allergies to hair dye?").fill("None")
    # The widget goes straight on to Checkout (the held-pending confirmation
    # and its link, for when that is refused: test_visitor_deposits.py).
    widget.get_by_role("button", name="Continue to payment").click()

    page.get_by_role("button", name=re.compile("Pay 20.00 EUR")).wait_for(timeout=30_000)
    (booking,) = bookings(demo)
    assert booking["status"] == "pending_payment"
    assert booking["answers"] == {"allergies": "None"}

    page.get_by_role("button", name=re.compile("Pay 20.00 EUR")).click()
    expect(page.locator("#result")).to_have_attribute("data-state", "confirmed", timeout=30_000)
    (paid,) = bookings(demo)
    assert paid["status"] == "confirmed"
