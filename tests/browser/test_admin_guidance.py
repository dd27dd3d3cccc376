"""What keeps an admin from tripping, in real Chromium at 1280 px: a
destructive click asks first, saves that change less than it seems say so,
refused fields read as sentences beside their input, dates read as dates,
messages hide nothing, and no page asks for a file that isn't there.
Screenshots: test-artifacts/admin-guidance-*.png."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Page, expect

from tests.browser.test_admin_flows import set_range
from tests.browser.test_admin_pages import ADMIN_URL, admin, open_page, saved, shot
from tests.support.browser import HOSTING_URL
from tests.support.dates import next_workday

__all__ = ["admin"]


def enabled(demo: Any) -> bool:
    return bool(demo.document("sites/demo").get().to_dict()["bookingEnabled"])


def field_note(page: Page, label: str) -> Any:
    """The error sentence beside the control labelled `label`."""
    control = page.get_by_label(label, exact=True)
    return page.locator(f"#{control.get_attribute('id')}-error")


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


def test_site_hours_that_no_branch_follows_say_so_before_and_after_saving(demo: Any, admin: Page) -> None:
    open_page(admin, "availability")
    note = admin.locator("#site-hours-use")
    expect(note).to_contain_text("These weekly hours apply to no branch now: every branch has its own hours.")
    expect(note).to_contain_text("They will apply to new branches")
    admin.get_by_role("button", name="Save hours").click()
    report = admin.locator(".report")
    expect(report).to_contain_text("Saved, but these weekly hours apply to no branch")
    expect(report).not_to_contain_text("The new hours apply now")
    shot(admin, "guidance-site-hours-unused")

    open_page(admin, "availability/branch/zuid")
    admin.get_by_label("Zuid has own hours").uncheck()
    admin.get_by_role("button", name="Save hours").click()
    expect(admin.locator(".report")).to_contain_text("The new hours apply now")
    open_page(admin, "availability")
    expect(admin.locator("#site-hours-use")).to_contain_text(
        "apply to the branches without their own hours: Zuid, and to new branches"
    )
    admin.get_by_role("button", name="Save hours").click()
    expect(admin.locator(".report")).to_contain_text("Saved. The new hours apply now to Zuid;")
    shot(admin, "guidance-site-hours-zuid")


def test_a_new_service_no_staff_member_offers_is_flagged_on_save_and_in_the_list(demo: Any, admin: Page) -> None:
    open_page(admin, "services/new")
    admin.get_by_label("Name").fill("Scalp massage")
    admin.get_by_label("Duration (minutes)").fill("25")
    admin.get_by_role("button", name="Save service").click()
    saved(admin, 'Service "Scalp massage" saved. Not bookable: no staff member offers it')
    notice = admin.locator("#unoffered-services")
    expect(notice).to_contain_text("not offered in the widget, because no active staff member offers it: Scalp massage")
    row = admin.get_by_role("row").filter(has_text="Scalp massage")
    expect(row.get_by_role("link", name="Not bookable: no staff member offers it")).to_have_attribute("href", "#/staff")
    haircut = admin.get_by_role("row").filter(has_text="Haircut")
    expect(haircut).not_to_contain_text("Not bookable")
    shot(admin, "guidance-unoffered-service")


def test_refused_fields_read_as_sentences_beside_their_inputs(admin: Page) -> None:
    open_page(admin, "services/new")
    admin.get_by_label("Name").fill("Odd length")
    admin.get_by_label("Duration (minutes)").fill("23")
    admin.get_by_role("button", name="Save service").click()
    expect(field_note(admin, "Duration (minutes)")).to_have_text(
        "Enter the duration in whole minutes: a multiple of 5, from 5 to 720 (12 hours)."
    )
    expect(admin.get_by_label("Duration (minutes)")).to_be_focused()
    expect(admin.locator("main")).not_to_contain_text("durationMinutes")

    open_page(admin, "branches/centrum")
    admin.get_by_label("Phone").fill("call us")
    admin.get_by_role("button", name="Save branch").click()
    expect(field_note(admin, "Phone")).to_contain_text("Enter a phone number of 6 to 32 digits")
    expect(admin.locator("main")).not_to_contain_text("branch.phone")
    shot(admin, "guidance-branch-phone")

    open_page(admin, "staff/new")
    admin.get_by_label("Name").fill("Dana")
    admin.get_by_role("button", name="Save staff member").click()
    expect(field_note(admin, "Branch")).to_have_text("Choose the branch this person works at.")
    expect(admin.locator("main")).not_to_contain_text("staff.branchId")

    open_page(admin, "availability/branch/centrum")
    weekday = next_workday(2).strftime("%A")
    set_range(admin, weekday, "hours", 1, "09:00", "09:00")
    admin.get_by_role("button", name="Save hours").click()
    until = admin.get_by_label(f"{weekday} hours 1 until")
    expect(until).to_have_attribute("aria-invalid", "true")
    expect(admin.locator(".field-error")).to_have_text(
        "The end time must differ from the start. An end before the start runs into the next day."
    )
    expect(admin.locator("main")).not_to_contain_text("schedule.weekly")
    until.scroll_into_view_if_needed()
    shot(admin, "guidance-hours-error")


def test_holidays_are_titled_with_readable_dates(admin: Page) -> None:
    open_page(admin, "availability/branch/centrum")
    admin.get_by_role("button", name="Add date").click()
    admin.get_by_label("Date 1", exact=True).fill("2027-12-25")
    expect(admin.locator("fieldset.override legend")).to_have_text("Saturday, 25 December 2027")
    admin.get_by_role("button", name="Save hours").click()
    expect(admin.locator(".report")).to_contain_text("Saved")
    open_page(admin, "services")
    open_page(admin, "availability/branch/centrum")
    expect(admin.locator("fieldset.override legend")).to_have_text("Saturday, 25 December 2027")
    shot(admin, "guidance-holiday")


def test_messages_sit_in_the_top_bar_over_no_content_and_go_away(admin: Page) -> None:
    open_page(admin, "availability")
    admin.get_by_role("button", name="Copy Monday to Tuesday–Friday").click()
    status = admin.locator("#status")
    expect(status).to_have_class("toast visible")
    shot(admin, "guidance-toast")
    box = status.bounding_box()
    main = admin.locator("main").bounding_box()
    assert box is not None
    assert main is not None
    assert box["y"] + box["height"] <= main["y"], "the message is above the page content"
    expect(status).not_to_have_class("toast visible")  # it fades after a few seconds


ICON = """() => document.querySelector('link[rel~="icon"]')?.href || `${location.origin}/favicon.ico`"""
"""The icon a browser asks for: the one the page names, else /favicon.ico."""


def test_no_page_asks_for_a_missing_file(demo: Any, page: Page) -> None:
    missing: list[str] = []
    page.on("response", lambda response: missing.append(response.url) if response.status == 404 else None)
    for url in (
        ADMIN_URL,
        f"{HOSTING_URL}/staff/?site=demo",
        f"{HOSTING_URL}/book?site=demo",
        f"{HOSTING_URL}/manage",
        f"{HOSTING_URL}/payment/",
        f"{HOSTING_URL}/mailbox/",
        f"{HOSTING_URL}/",
    ):
        page.goto(url)
        page.wait_for_load_state("networkidle")
        icon = page.evaluate(ICON)
        if not icon.startswith("data:"):
            response = page.request.get(icon)
            if response.status == 404:
                missing.append(icon)
    assert missing == []
