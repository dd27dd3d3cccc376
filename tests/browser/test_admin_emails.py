"""Site settings → E-mails in real Chromium: the branding of client
e-mails with a live preview of the confirmation, checked and saved on the
server."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Page, expect

from tests.browser.test_admin_pages import admin, nav, open_page, saved, shot
from tests.support.browser import HOSTING_URL

__all__ = ["admin"]

FRAME = "iframe[title='Preview of the confirmation e-mail']"
LOGO = f"{HOSTING_URL}/staff/icons/icon-192.png"


def test_branding_is_previewed_as_typed_then_checked_and_saved(demo: Any, admin: Page) -> None:
    nav(admin, "E-mails")
    expect(admin.locator("main h1")).to_have_text("E-mails")
    preview = admin.frame_locator(FRAME)
    expect(preview.locator("h1")).to_have_text("Your booking is confirmed")
    expect(preview.locator("[data-part=header]")).to_contain_text("Demo Hair Studio")

    admin.get_by_label("Footer line").fill("KvK 12345678 · Open Tuesday to Saturday")
    expect(preview.locator("[data-part=footer]")).to_contain_text("KvK 12345678 · Open Tuesday to Saturday")
    admin.get_by_label("Logo URL").fill(LOGO)
    expect(preview.locator("[data-part=header] img")).to_have_attribute("src", LOGO)
    expect(admin.get_by_role("status").filter(has_text="Preview up to date")).to_be_visible()
    admin.set_viewport_size({"width": 1280, "height": 1500})  # the whole preview on screen for the picture
    shot(admin, "emails-branding")
    assert demo.document("sites/demo").get().to_dict().get("email") is None  # a preview saves nothing

    admin.get_by_label("Reply-to address").fill("info at demohair")
    admin.get_by_role("button", name="Save e-mail settings").click()
    expect(admin.get_by_label("Reply-to address")).to_have_attribute("aria-invalid", "true")
    expect(admin.locator(".field-error")).to_contain_text("must be an e-mail address")
    assert demo.document("sites/demo").get().to_dict().get("email") is None

    admin.get_by_label("Reply-to address").fill("info@demohair.example")
    admin.get_by_role("button", name="Save e-mail settings").click()
    saved(admin, "E-mail settings saved")
    assert demo.document("sites/demo").get().get("email") == {
        "logoUrl": LOGO,
        "footer": "KvK 12345678 · Open Tuesday to Saturday",
        "replyTo": "info@demohair.example",
    }

    open_page(admin, "emails")
    expect(admin.get_by_label("Footer line")).to_have_value("KvK 12345678 · Open Tuesday to Saturday")
    expect(admin.frame_locator(FRAME).locator("[data-part=header] img")).to_have_attribute("src", LOGO)
