"""The staff app's calendar on a 768 px tablet, in landscape and portrait:
the branch's staff in columns, a walk-in from a free slot, a booking's
actions, and blocked time dragged on a column and removed again.
Screenshots: test-artifacts/staff-calendar-*.png."""

from __future__ import annotations

import re
from typing import Any

from playwright.sync_api import Page, expect

from tests.browser.test_staff_app import TABLET, shot, sign_in
from tests.emulator.test_staff_login import session, staff_call
from tests.support.dates import next_workday

DAY = next_workday(1)
PORTRAIT = {"width": 768, "height": 1024}


def column(page: Page, staff_id: str) -> Any:
    return page.locator(f'.cal-col[data-staff="{staff_id}"]')


def open_calendar(page: Page) -> None:
    sign_in(page, "Anna", "1111")
    expect(page.locator(".hello")).to_have_text("Hi, Anna")
    page.get_by_label("Go to date").fill(DAY.isoformat())
    page.get_by_role("button", name="Calendar").click()
    expect(page.locator(".cal-head")).to_have_text(["Anna", "Ben"])


def test_the_desk_runs_the_day_from_the_calendar_on_a_tablet(demo: Any, page: Page) -> None:
    page.set_viewport_size(TABLET)
    staff_call(
        "staffCreateWalkIn",
        {"serviceId": "haircut", "date": DAY.isoformat(), "time": "09:30", "name": "Grace"},
        session("anna"),
    )
    open_calendar(page)
    grace = column(page, "anna").locator(".cal-booking")
    expect(grace).to_contain_text("09:30–10:00")
    expect(grace).to_contain_text("Grace")
    expect(column(page, "anna").locator(".cal-break")).to_have_text("Break")
    expect(page.locator(".calendar-holder")).not_to_have_attribute("aria-busy", "true")
    shot(page, "staff-calendar-landscape")

    column(page, "ben").get_by_role("button", name="Free at 10:00: walk-in").click()
    dialog = page.get_by_role("dialog", name="Walk-in")
    expect(dialog.get_by_label("With")).to_have_value("ben")
    expect(dialog.get_by_label("Time")).to_have_value("10:00")
    expect(dialog.get_by_role("radio", name=re.compile("Beard trim"))).to_have_attribute("aria-checked", "true")
    dialog.get_by_label("Name (optional)").fill("Walter")
    dialog.get_by_role("button", name="Create walk-in").click()
    expect(dialog).to_have_count(0)
    expect(column(page, "ben").locator(".cal-booking")).to_contain_text("Walter")

    grace.click()
    details = page.get_by_role("dialog", name=re.compile("Grace"))
    expect(details.get_by_role("button", name="Cancel")).to_be_visible()
    details.get_by_role("button", name="Close").click()

    anna = column(page, "anna")
    box = anna.bounding_box()
    assert box is not None
    top, height, x = box["y"], box["height"], box["x"] + box["width"] / 2
    page.mouse.move(x, top + height * 5 / 8)  # 14:00 on 09:00-17:00
    page.mouse.down()
    page.mouse.move(x, top + height * 5.5 / 8, steps=4)
    page.mouse.move(x, top + height * 6 / 8, steps=4)
    page.mouse.up()
    block = page.get_by_role("dialog", name="Block time for Anna")
    expect(block).to_contain_text("14:00–15:00")
    block.get_by_label("Reason (optional)").fill("Training")
    block.get_by_role("button", name="Block time").click()
    blocked = anna.locator(".cal-blocked")
    expect(blocked).to_contain_text("Training")
    expect(anna.get_by_role("button", name="Free at 14:00: walk-in")).to_have_count(0)

    page.set_viewport_size(PORTRAIT)
    expect(page.locator(".cal-head")).to_have_text(["Anna", "Ben"])
    shot(page, "staff-calendar-portrait")

    blocked.click()
    page.get_by_role("dialog", name="Blocked time").get_by_role("button", name="Remove blocked time").click()
    expect(anna.locator(".cal-blocked")).to_have_count(0)
    expect(anna.get_by_role("button", name="Free at 14:00: walk-in")).to_be_visible()
