"""Booking → Staff access in real Chromium: the dashboard switch, the
session length, PINs that really sign a staff member in, and the install
QR code. Screenshots: test-artifacts/admin-staff-access*.png."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.browser.test_admin_pages import admin, nav, open_page, saved, shot
from tests.support.browser import HOSTING_URL
from tests.support.emulator import CallableError, call

__all__ = ["admin"]


def access_doc(demo: Any) -> dict[str, Any]:
    return demo.document("sites/demo/private/staffAccess").get().to_dict() or {}


def row(page: Page, name: str) -> Any:
    return page.get_by_role("row").filter(has=page.get_by_role("rowheader", name=name, exact=True))


def test_shows_the_staff_their_pins_and_the_install_code(admin: Page) -> None:
    nav(admin, "Staff access")
    expect(admin.get_by_role("heading", name="Staff access", level=1)).to_be_focused()
    expect(admin.locator("main")).to_contain_text("Status: On")
    expect(row(admin, "Anna")).to_contain_text("Set")
    expect(row(admin, "Chloé")).to_contain_text("Zuid")
    expect(admin.get_by_role("link", name="Staff page")).to_have_attribute("href", "#/staff")
    code = admin.get_by_role("img", name=re.compile("QR code of the staff app link"))
    expect(code).to_be_visible()
    assert (code.get_attribute("src") or "").startswith("data:image/svg+xml")
    admin.wait_for_function("() => document.querySelector('img.qr').naturalWidth > 0")  # the image decodes
    expect(admin.get_by_label("Install link")).to_have_value(f"{HOSTING_URL}/staff/?site=demo")
    shot(admin, "staff-access")


def test_the_install_link_copies(admin: Page) -> None:
    admin.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=HOSTING_URL)
    open_page(admin, "staff-access")
    admin.get_by_role("button", name="Copy install link").click()
    saved(admin, "Install link copied")
    assert admin.evaluate("() => navigator.clipboard.readText()") == f"{HOSTING_URL}/staff/?site=demo"


def test_switching_the_dashboard_off_stops_sign_in_and_on_again_allows_it(demo: Any, admin: Page) -> None:
    open_page(admin, "staff-access")
    admin.get_by_role("button", name="Switch the dashboard off").click()
    saved(admin, "Staff dashboard switched off")
    expect(admin.locator("main")).to_contain_text("Status: Off")
    assert access_doc(demo)["enabled"] is False
    with pytest.raises(CallableError):
        call("staffLogin", {"siteId": "demo", "staffId": "anna", "pin": "1111"}, ip="198.51.100.11")
    shot(admin, "staff-access-off")
    admin.get_by_role("button", name="Switch the dashboard on").click()
    saved(admin, "Staff dashboard switched on")
    expect(admin.locator("main")).to_contain_text("Status: On")
    assert access_doc(demo)["enabled"] is True
    assert call("staffLogin", {"siteId": "demo", "staffId": "anna", "pin": "1111"}, ip="198.51.100.12")["token"]


def test_the_session_length_is_saved(demo: Any, admin: Page) -> None:
    open_page(admin, "staff-access")
    admin.get_by_label("Session length").select_option("240")
    admin.get_by_role("button", name="Save session length").click()
    saved(admin, "Session length saved")
    assert access_doc(demo)["sessionMinutes"] == 240
    expect(admin.get_by_label("Session length")).to_have_value("240")


def test_a_new_pin_signs_the_staff_member_in_and_the_old_one_no_longer(admin: Page) -> None:
    open_page(admin, "staff-access")
    admin.get_by_role("link", name="Change PIN for Ben").click()
    expect(admin.get_by_role("heading", name="PIN for Ben", level=1)).to_be_focused()
    admin.get_by_label("New PIN").fill("12")
    admin.get_by_role("button", name="Save PIN").click()
    expect(admin.get_by_label("New PIN")).to_have_attribute("aria-invalid", "true")
    expect(admin.locator("main")).to_contain_text("must be 4 to 6 digits")
    shot(admin, "staff-access-pin-error")
    admin.get_by_label("New PIN").fill("482913")
    admin.get_by_role("button", name="Save PIN").click()
    saved(admin, "PIN for Ben saved")
    expect(admin.get_by_role("heading", name="Staff access", level=1)).to_be_visible()
    login = call("staffLogin", {"siteId": "demo", "staffId": "ben", "pin": "482913"}, ip="198.51.100.21")
    assert login["token"]
    assert login["staff"]["id"] == "ben"
    with pytest.raises(CallableError) as refused:
        call("staffLogin", {"siteId": "demo", "staffId": "ben", "pin": "2222"}, ip="198.51.100.22")
    assert refused.value.status == "PERMISSION_DENIED"


def test_removing_a_pin_is_asked_twice_and_shown_in_the_list(admin: Page) -> None:
    open_page(admin, "staff-access")
    admin.get_by_role("link", name="Change PIN for Chloé").click()
    admin.get_by_role("button", name="Remove PIN").click()
    admin.get_by_role("button", name="Yes, remove it").click()
    saved(admin, "PIN for Chloé removed")
    expect(row(admin, "Chloé")).to_contain_text("No PIN")
    expect(admin.get_by_role("link", name="Set PIN for Chloé")).to_be_visible()
    with pytest.raises(CallableError):
        call("staffLogin", {"siteId": "demo", "staffId": "chloe", "pin": "3333"}, ip="198.51.100.31")
    shot(admin, "staff-access-no-pin")


def test_a_member_locked_by_wrong_pins_is_shown_with_the_attempts_and_unlocked(admin: Page) -> None:
    for index in range(6):  # the site's tolerance, then ben's last chance
        with pytest.raises(CallableError):
            call("staffLogin", {"siteId": "demo", "staffId": "ben", "pin": f"{1300 + index}"}, ip=f"198.51.108.{index}")
    open_page(admin, "staff-access")
    expect(row(admin, "Ben")).to_contain_text("Locked since")
    expect(row(admin, "Anna")).not_to_contain_text("Locked")
    attempts = admin.get_by_role("table", name="Wrong PINs in the last 24 hours")
    expect(attempts.get_by_role("row")).to_have_count(7)  # the header and one row per address
    expect(attempts.get_by_role("row").nth(1)).to_contain_text("198.51.108.5")  # newest first
    expect(attempts.get_by_role("row").nth(1)).to_contain_text("Ben")
    shot(admin, "staff-access-locked")
    admin.get_by_role("button", name="Unlock PIN sign-in for Ben").click()
    saved(admin, "Ben can sign in with their PIN again")
    expect(row(admin, "Ben")).not_to_contain_text("Locked")
    expect(admin.get_by_role("button", name="Unlock PIN sign-in for Ben")).to_have_count(0)
    assert call("staffLogin", {"siteId": "demo", "staffId": "ben", "pin": "2222"}, ip="198.51.108.100")["token"]


def test_staff_are_added_with_a_pin_deactivated_activated_and_deleted_after_asking_twice(
    demo: Any, admin: Page
) -> None:
    open_page(admin, "staff-access")
    admin.get_by_label("Name", exact=True).fill("Dana")
    admin.get_by_label("Branch").select_option(label="Zuid")
    admin.get_by_label("PIN", exact=True).fill("4455")
    admin.get_by_role("button", name="Add staff member").click()
    saved(admin, "Dana added with a PIN")
    expect(row(admin, "Dana")).to_contain_text("Set")
    expect(row(admin, "Dana")).to_contain_text("Active")
    [dana] = [doc for doc in demo.collection("sites/demo/staff").stream() if doc.to_dict()["name"] == "Dana"]
    assert (dana.to_dict()["branchId"], dana.to_dict()["active"]) == ("zuid", True)
    login = call("staffLogin", {"siteId": "demo", "staffId": dana.id, "pin": "4455"}, ip="203.0.113.71")
    assert login["staff"]["name"] == "Dana"  # the PIN really signs her in
    shot(admin, "staff-access-added")

    admin.get_by_role("button", name="Deactivate Dana").click()
    saved(admin, "Dana deactivated: no longer bookable and can't sign in")
    expect(row(admin, "Dana")).to_contain_text("Inactive")
    assert demo.document(f"sites/demo/staff/{dana.id}").get().to_dict()["active"] is False
    admin.get_by_role("button", name="Activate Dana").click()
    saved(admin, "Dana activated")
    expect(row(admin, "Dana")).to_contain_text("Active")

    admin.get_by_role("button", name="Delete staff member Dana").click()
    expect(admin.get_by_role("button", name="Yes, delete")).to_be_focused()  # asked a second time
    assert demo.document(f"sites/demo/staff/{dana.id}").get().exists
    shot(admin, "staff-access-delete")
    admin.get_by_role("button", name="Yes, delete").click()
    saved(admin, "Dana deleted")
    expect(row(admin, "Dana")).to_have_count(0)
    assert not demo.document(f"sites/demo/staff/{dana.id}").get().exists


def test_a_new_staff_member_needs_a_pin_of_4_to_6_digits_and_nothing_is_saved_without_one(
    demo: Any, admin: Page
) -> None:
    open_page(admin, "staff-access")
    admin.get_by_label("Name", exact=True).fill("Eve")
    admin.get_by_label("Branch").select_option(label="Centrum")
    admin.get_by_label("PIN", exact=True).fill("12")
    admin.get_by_role("button", name="Add staff member").click()
    expect(admin.get_by_label("PIN", exact=True)).to_have_attribute("aria-invalid", "true")
    assert "Eve" not in [doc.to_dict()["name"] for doc in demo.collection("sites/demo/staff").stream()]
