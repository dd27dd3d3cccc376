"""Booking → Calendar in real Chromium: the day with a column per staff
member, bookings where they belong, grey breaks, free slots that start a
booking, blocked time dragged on a column (gone from the widget at once),
the week, the keyboard, and the demo's next clock change.
Screenshots: test-artifacts/admin-calendar-*.png."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from playwright.sync_api import Locator, Page, expect

from tests.browser.test_admin_bookings import book
from tests.browser.test_admin_pages import admin, open_page, saved, shot
from tests.browser.test_widget_flow import choose, choose_day, open_booking, slot
from tests.emulator.test_calendar import next_clock_change
from tests.support.dates import AMSTERDAM, next_workday
from tests.support.emulator import change_catalog

__all__ = ["admin"]
DAY = next_workday(2)


def column(page: Page, staff_id: str) -> Locator:
    return page.locator(f'.cal-col[data-staff="{staff_id}"]')


def share_down(block: Locator, within: Locator) -> float:
    """Where a block starts, as a share of its column's height."""
    box, outer = block.bounding_box(), within.bounding_box()
    assert box is not None
    assert outer is not None
    return (box["y"] - outer["y"]) / outer["height"]


def test_the_day_shows_bookings_in_their_columns_and_places_and_the_break_in_grey(demo: Any, admin: Page) -> None:
    book(10)
    book(14, staffId="ben", customer={"name": "Grace Hopper", "email": "grace@example.com"}, notes="Allergic to nuts")
    open_page(admin, f"calendar?date={DAY.isoformat()}&branchId=centrum")
    expect(admin.locator(".cal-head")).to_contain_text(["Anna", "Ben"])
    anna, ben = column(admin, "anna"), column(admin, "ben")
    ada = anna.locator(".cal-booking")
    expect(ada).to_contain_text("Ada Lovelace")
    expect(ada).to_contain_text("Haircut")
    expect(ada).to_contain_text("10:00–10:30")
    grace = ben.locator(".cal-booking")
    expect(grace.locator(".cal-notes")).to_have_count(1)
    assert abs(share_down(ada, anna) - 1 / 8) < 0.01  # 10:00 on a 09:00-17:00 axis
    assert abs(share_down(grace, ben) - 5 / 8) < 0.01
    lunch = anna.locator(".cal-break")
    expect(lunch).to_have_text("Break")
    assert lunch.evaluate("element => getComputedStyle(element).backgroundColor") == "rgb(209, 213, 219)"
    assert abs(share_down(lunch, anna) - 3.5 / 8) < 0.01
    expect(admin.locator(".cal-booking.status-confirmed")).to_have_count(2)
    expect(admin.locator(".cal-now")).to_have_count(0)  # not today

    ada.focus()
    admin.keyboard.press("ArrowDown")
    expect(anna.locator(".cal-free", has_text="10:30")).to_be_focused()
    admin.keyboard.press("ArrowRight")
    expect(ben.locator(".cal-free", has_text="10:30")).to_be_focused()
    shot(admin, "calendar-day")

    ada.click()
    expect(admin.get_by_role("heading", level=1)).to_contain_text("Ada Lovelace")
    expect(admin.get_by_role("button", name="Cancel booking")).to_be_visible()
    admin.get_by_role("link", name="← Calendar").click()
    expect(column(admin, "anna").locator(".cal-booking")).to_contain_text("Ada Lovelace")
    assert "branchId=centrum" in admin.url


def test_clicking_a_free_slot_books_it_pre_filled(demo: Any, admin: Page) -> None:
    open_page(admin, f"calendar?date={DAY.isoformat()}&branchId=centrum")
    column(admin, "anna").get_by_role("button", name="Free at 14:00: book").click()
    expect(admin.get_by_role("heading", name="New booking", level=1)).to_be_visible()
    expect(admin.get_by_label("Staff member")).to_have_value("anna")
    expect(admin.get_by_label("Service")).to_have_value("haircut")
    expect(admin.get_by_label("Date")).to_have_value(DAY.isoformat())
    expect(admin.get_by_label("Time")).to_have_value("14:00")
    admin.get_by_label("Client's name").fill("Grace Hopper")
    admin.get_by_role("button", name="Book").click()
    saved(admin, "Booking made for Grace Hopper")
    open_page(admin, f"calendar?date={DAY.isoformat()}&branchId=centrum")
    made = column(admin, "anna").locator(".cal-booking")
    expect(made).to_contain_text("14:00–14:30")
    expect(column(admin, "anna").get_by_role("button", name="Free at 14:00: book")).to_have_count(0)


def test_blocking_time_by_dragging_removes_that_slot_from_the_widget(demo: Any, admin: Page) -> None:
    open_page(admin, f"calendar?date={DAY.isoformat()}&branchId=centrum")
    ben = column(admin, "ben")
    box = ben.bounding_box()
    assert box is not None
    x = box["x"] + box["width"] - 6
    admin.mouse.move(x, box["y"] + box["height"] * 6 / 8)  # 15:00
    admin.mouse.down()
    admin.mouse.move(x, box["y"] + box["height"] * 6.5 / 8, steps=5)
    admin.mouse.move(x, box["y"] + box["height"] * 7 / 8, steps=5)  # 16:00
    admin.mouse.up()
    panel = admin.get_by_role("region", name="Block time")
    expect(panel.get_by_label("Staff member")).to_have_value("ben")
    expect(panel.get_by_label("From")).to_have_value("15:00")
    expect(panel.get_by_label("Until")).to_have_value("16:00")
    panel.get_by_label("Reason (optional)").fill("Supplier visit")
    panel.get_by_role("button", name="Block time").click()
    saved(admin, "Time blocked for Ben")
    blocked = ben.locator(".cal-blocked")
    expect(blocked).to_contain_text("Supplier visit")
    assert abs(share_down(blocked, ben) - 6 / 8) < 0.01
    shot(admin, "calendar-blocked")

    widget = open_booking(admin.context.new_page())
    choose(widget, "Centrum")
    choose(widget, "Haircut")
    choose(widget, "Ben")
    choose_day(widget, DAY)
    expect(slot(widget, DAY, 14, 30)).to_be_visible()
    expect(slot(widget, DAY, 15)).to_have_count(0)
    expect(slot(widget, DAY, 15, 30)).to_have_count(0)
    expect(slot(widget, DAY, 16)).to_be_visible()

    blocked.click()
    admin.get_by_role("button", name="Remove blocked time").click()
    admin.get_by_role("button", name="Yes, remove").click()
    saved(admin, "Blocked time removed")
    expect(ben.locator(".cal-blocked")).to_have_count(0)
    expect(ben.get_by_role("button", name="Free at 15:00: book")).to_be_visible()


def test_the_week_sums_up_all_staff_and_shows_one_members_days(demo: Any, admin: Page) -> None:
    book(10)
    open_page(admin, f"calendar?date={DAY.isoformat()}&branchId=centrum")
    admin.get_by_label("View").select_option("week")
    table = admin.locator("table.cal-summary")
    expect(table.locator("tbody tr")).to_have_count(2)
    expect(table.locator("tbody tr").first).to_contain_text("1 booking")
    assert "view=week" in admin.url
    shot(admin, "calendar-week-summary")
    admin.locator(".cal-toolbar").get_by_label("Staff member").select_option("anna")
    expect(admin.locator(".cal-head")).to_have_count(7)
    expect(admin.locator(".cal-booking")).to_contain_text("Ada Lovelace")
    assert "staffId=anna" in admin.url
    admin.reload()
    expect(admin.locator(".cal-head")).to_have_count(7)
    shot(admin, "calendar-week-anna")


def test_the_next_clock_change_shows_a_23_or_25_hour_day(demo: Any, admin: Page) -> None:
    change: date = next_clock_change(datetime.now(AMSTERDAM).date())
    opening = {"overrides": {change.isoformat(): [{"start": "09:00", "end": "17:00"}]}}
    change_catalog(demo, "sites/demo/schedules/branch-centrum", opening)  # a Sunday, closed: open it that day
    open_page(admin, f"calendar?date={change.isoformat()}&branchId=centrum")
    ticks = admin.locator(".cal-tick")
    forward = (
        datetime(change.year, change.month, change.day, 12, tzinfo=AMSTERDAM).utcoffset()
        > datetime(change.year, change.month, change.day, tzinfo=AMSTERDAM).utcoffset()
    )  # type: ignore[operator]
    if forward:
        expect(admin.locator(".notice")).to_contain_text("it has 23 hours")
        expect(ticks).to_have_count(24)  # 00:00 … 24:00 without 02:00
        expect(ticks.filter(has_text="02:00")).to_have_count(0)
    else:
        expect(admin.locator(".notice")).to_contain_text("it has 25 hours")
        expect(ticks).to_have_count(26)
        expect(ticks.filter(has_text="02:00")).to_have_count(2)
    nine = column(admin, "anna").locator(".cal-working").first
    real_hours_before_nine, hours = (8, 23) if forward else (10, 25)
    assert abs(share_down(nine, column(admin, "anna")) - real_hours_before_nine / hours) < 0.01
    shot(admin, "calendar-clock-change")


def test_the_calendar_opens_on_every_branchs_staff_with_their_bookings(demo: Any, admin: Page) -> None:
    book(10)
    book(11, branchId="zuid", staffId="chloe", customer={"name": "Hedy Lamarr", "email": "hedy@example.com"})
    open_page(admin, f"calendar?date={DAY.isoformat()}")
    expect(admin.locator(".cal-head")).to_contain_text(["Anna", "Ben", "Chloé"])
    expect(admin.locator(".cal-toolbar").get_by_label("Branch")).to_have_value("")
    expect(column(admin, "chloe").locator(".cal-booking")).to_contain_text("Hedy Lamarr")
    column(admin, "chloe").get_by_role("button", name="Free at 14:00: book").click()
    expect(admin.get_by_label("Branch")).to_have_value("zuid")
    expect(admin.get_by_label("Staff member")).to_have_value("chloe")
    admin.go_back()
    expect(column(admin, "chloe").locator(".cal-booking")).to_contain_text("Hedy Lamarr")
    shot(admin, "calendar-all-branches")


def test_today_shows_a_now_line_where_the_time_is(demo: Any, admin: Page) -> None:
    today = datetime.now(AMSTERDAM).date()
    all_day = {"overrides": {today.isoformat(): [{"start": "00:00", "end": "00:00"}]}}
    change_catalog(demo, "sites/demo/schedules/branch-centrum", all_day)  # open round the clock today
    open_page(admin, "calendar?branchId=centrum&staffId=anna")
    now_line = column(admin, "anna").locator(".cal-now")
    expect(now_line).to_have_count(1)
    midnight = datetime(today.year, today.month, today.day, tzinfo=AMSTERDAM).timestamp()
    following = today + timedelta(days=1)
    day_length = datetime(following.year, following.month, following.day, tzinfo=AMSTERDAM).timestamp() - midnight
    share = share_down(now_line, column(admin, "anna"))
    assert abs(share - (datetime.now(AMSTERDAM).timestamp() - midnight) / day_length) < 0.02
