"""The booking rules block on the branch and site settings pages: the
no-show e-mail switch on both, the site's own rules (for a site without
branches), and a new branch starting from them."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Page, expect

from tests.browser.test_admin_pages import admin, open_page, saved, shot

__all__ = ["admin"]

NOTIFY = "E-mail the client when marked as a no-show"


def test_the_no_show_e_mail_is_switched_on_for_a_branch(demo: Any, admin: Page) -> None:
    open_page(admin, "branches/centrum")
    expect(admin.get_by_label(NOTIFY)).not_to_be_checked()
    admin.get_by_label(NOTIFY).check()
    admin.get_by_role("button", name="Save branch").click()
    saved(admin, "Branch saved")
    settings = demo.document("sites/demo/branches/centrum").get().get("settings")
    assert settings["noShow"]["notifyClient"] is True
    open_page(admin, "branches/centrum")
    expect(admin.get_by_label(NOTIFY)).to_be_checked()


def test_the_site_rules_are_set_on_the_settings_page_and_new_branches_start_from_them(
    demo: Any,
    admin: Page,
) -> None:
    open_page(admin, "settings")
    expect(admin.get_by_role("heading", name="Rules for the site")).to_be_visible()
    expect(admin.locator("main")).to_contain_text("New branches start with these rules")
    admin.get_by_label("Mark no-shows automatically").check()
    admin.get_by_label("Minutes after the start").fill("30")
    admin.get_by_label(NOTIFY).check()
    admin.get_by_label("Clients confirm their booking by e-mail").check()
    admin.get_by_label("Unconfirmed bookings expire after").select_option("12")
    admin.get_by_label("Reminder (hours before)").fill("48")
    shot(admin, "settings-site-rules")
    admin.get_by_role("button", name="Save settings").click()
    saved(admin, "Settings saved")

    settings = demo.document("sites/demo").get().get("settings")
    assert settings["noShow"] == {"automatic": True, "timerMinutes": 30, "notifyClient": True}
    assert settings["clientConfirmation"] == {"required": True, "expiryHours": 12}
    assert settings["reminders"] == {"enabled": True, "leadHours": 48, "oneHour": False}
    assert settings["horizonDays"] == 14  # the rest of the page saved as it was

    open_page(admin, "branches/new")
    expect(admin.get_by_label(NOTIFY)).to_be_checked()
    expect(admin.get_by_label("Minutes after the start")).to_have_value("30")
    expect(admin.get_by_label("Reminder (hours before)")).to_have_value("48")
    expect(admin.get_by_label("Unconfirmed bookings expire after")).to_have_value("12")


def test_a_bad_rule_is_shown_beside_its_field(demo: Any, admin: Page) -> None:
    open_page(admin, "settings")
    admin.get_by_label("Reminder (hours before)").fill("500")
    admin.get_by_role("button", name="Save settings").click()
    expect(admin.get_by_label("Reminder (hours before)")).to_have_attribute("aria-invalid", "true")
    assert "reminders" not in demo.document("sites/demo").get().get("settings")


def test_the_lapsed_offer_e_mail_is_switched_off_for_a_branch(demo: Any, admin: Page) -> None:
    lapsed = "E-mail the client when their offer lapses"
    open_page(admin, "branches/centrum")
    admin.get_by_label("Keep a waitlist for full days").check()
    expect(admin.get_by_label(lapsed)).to_be_checked()
    admin.get_by_label(lapsed).uncheck()
    admin.get_by_role("button", name="Save branch").click()
    saved(admin, "Branch saved")
    waitlist = demo.document("sites/demo/branches/centrum").get().get("settings")["waitlist"]
    assert waitlist == {"enabled": True, "mode": "manual", "offerExpiryHours": 2, "notifyLapsed": False}
    open_page(admin, "branches/centrum")
    expect(admin.get_by_label(lapsed)).not_to_be_checked()
