"""Booking → POS Settings and the Checkout of a booking's detail page, in
real Chromium against the emulators."""

from __future__ import annotations

import re
from typing import Any

from playwright.sync_api import Page, expect

from tests.browser.test_admin_pages import open_page, shot, sign_in_as_demo_admin
from tests.browser.test_staff_app import walk_in
from tests.support.axe import assert_accessible


def test_an_admin_sets_up_the_register_and_checks_out_a_booking_in_cash(demo: Any, page: Page) -> None:
    sign_in_as_demo_admin(page)
    open_page(page, "pos")
    expect(page.get_by_role("heading", name="POS Settings")).to_be_visible()
    readers = page.get_by_role("table", name="Card readers")
    expect(readers).to_contain_text("Desk reader (simulated)")
    page.get_by_label("Header").fill("Welcome to the studio")
    page.get_by_label("VAT line (%)").fill("21")
    page.get_by_label("Paper width").select_option("58")
    page.get_by_role("button", name="Save receipt options").click()
    expect(page.locator("#status")).to_contain_text("Receipt options saved")
    stored = demo.document("sites/demo/private/pos").get().to_dict()
    assert stored["receipt"] == {
        "header": "Welcome to the studio",
        "footer": "See you next time!",
        "vatPercent": 21,
        "paperWidth": 58,
    }
    page.get_by_label("Registration code").fill("not-a-code")
    page.get_by_role("button", name="Register reader").click()
    expect(page.locator(".field-error")).to_be_visible()
    shot(page, "pos-settings")

    booking = walk_in("anna", "07:00", "Grace")
    open_page(page, f"bookings/{booking['id']}")
    checkout = page.get_by_role("region", name="Checkout")
    expect(checkout).to_contain_text("To pay: €35.00")
    checkout.get_by_label("Cash received").fill("40")
    checkout.get_by_role("button", name="Take payment").click()
    receipt = checkout.locator("[data-receipt]")
    expect(receipt).to_contain_text("Receipt 1")
    expect(receipt).to_contain_text("Welcome to the studio")
    expect(receipt).to_contain_text(re.compile(r"incl\. VAT 21%\s+€6\.07"))
    expect(page.locator("main span.status")).to_have_text("Completed")
    expect(page.get_by_role("button", name="Mark completed")).to_be_hidden()
    shot(page, "pos-checkout-paid")
    assert_accessible(page, "admin: booking checkout paid")
    checkout.get_by_role("button", name="Done").click()
    expect(page.locator("main span.status")).to_have_text("Completed")

    open_page(page, "pos")
    sales = page.get_by_role("table", name="Recent sales")
    expect(sales).to_contain_text("Cash €35.00")
    sales.get_by_role("button", name="Refund receipt 1").click()
    page.get_by_role("button", name="Yes, refund").click()
    expect(page.locator("#status")).to_contain_text("Sale refunded")
    expect(page.get_by_role("table", name="Recent sales")).to_contain_text("Refunded")
    shot(page, "pos-refunded")
