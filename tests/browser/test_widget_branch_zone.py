"""A branch in another time zone than its site, booked through the widget:
its hours, the times shown and the stored booking are in the branch's zone."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from playwright.sync_api import Page, expect

from tests.browser.test_widget_flow import bookings, choose, choose_day, fill_details, heading, open_booking
from tests.support.dates import next_workday
from tests.support.emulator import change_catalog

LONDON = ZoneInfo("Europe/London")


def test_a_branch_in_another_zone_is_booked_in_its_own_time(demo: Any, page: Page) -> None:
    change_catalog(demo, "sites/demo/branches/zuid", {"timezone": "Europe/London", "name": "London"})
    day = next_workday(2)
    widget = open_booking(page)
    choose(widget, "London")
    choose(widget, "Haircut")
    choose(widget, "Chloé")
    expect(widget.get_by_text("Times are in Europe/London time.")).to_be_visible()
    choose_day(widget, day)
    nine = datetime(day.year, day.month, day.day, 9, 0, tzinfo=LONDON)
    # The branch opens at 09:00 London time (10:00 in the site's Amsterdam).
    opening = widget.locator(f'[data-start="{nine.isoformat()}"]')
    expect(opening).to_contain_text("09:00")
    opening.click()
    fill_details(widget)
    expect(widget.locator(".bw-recap")).to_contain_text("09:00 (Europe/London)")
    widget.get_by_role("button", name="Confirm booking").click()

    expect(heading(widget, "Your booking is confirmed")).to_be_visible()
    expect(widget.locator(".bw-done")).to_contain_text("09:00–09:30 (Europe/London)")
    (stored,) = bookings(demo)
    assert stored["timezone"] == "Europe/London"
    assert stored["branchId"] == "zuid"
    start = stored["start"].astimezone(LONDON)
    assert (start.date(), start.hour, start.minute) == (day, 9, 0)
    assert stored["end"].astimezone(LONDON).time().isoformat() == "09:30:00"
    assert stored["date"] == day.isoformat()
