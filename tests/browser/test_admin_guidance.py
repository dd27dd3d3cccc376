"""What keeps an admin from tripping, in real Chromium at 1280 px: a
destructive click asks first, saves that change less than it seems say so,
refused fields read as sentences beside their input, dates read as dates,
messages hide nothing, and no page asks for a file that isn't there.
Screenshots: test-artifacts/admin-guidance-*.png."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Page, expect

from tests.browser.test_admin_pages import admin, open_page, saved, shot

__all__ = ["admin"]


def enabled(demo: Any) -> bool:
    return bool(demo.document("sites/demo").get().to_dict()["bookingEnabled"])


def test_deactivating_booking_asks_first_and_keep_leaves_it_on(demo: Any, admin: Page) -> None:
    open_page(admin, "widgets")
    admin.get_by_role("button", name="Deactivate booking").click()
    question = admin.locator(".confirm")
    expect(question).to_contain_text("The widget stops taking bookings on every page that embeds it")
    expect(admin.get_by_role("button", name="Yes, deactivate booking")).to_be_focused()
    shot(admin, "guidance-deactivate-question")
    assert enabled(demo), "the first click changes nothing"
    admin.get_by_role("button", name="Keep").click()
    expect(admin.get_by_role("button", name="Deactivate booking")).to_be_focused()
    assert enabled(demo)
    admin.get_by_role("button", name="Deactivate booking").click()
    admin.get_by_role("button", name="Yes, deactivate booking").click()
    saved(admin, "Booking deactivated")
    assert not enabled(demo)


def test_every_delete_on_the_catalog_pages_asks_first(admin: Page) -> None:
    deletes = (
        ("services/haircut", "Delete service"),
        ("branches/centrum", "Delete branch"),
        ("staff/anna", "Delete staff member"),
    )
    for route, label in deletes:
        open_page(admin, route)
        admin.get_by_role("button", name=label).click()
        expect(admin.locator(".confirm")).to_be_visible()
        expect(admin.get_by_role("button", name="Keep")).to_be_visible()
