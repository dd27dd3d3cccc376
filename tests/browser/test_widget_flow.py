"""The booking widget's whole flow in real Chromium, on the demo site.

The step helpers here are shared by the other widget test modules.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlparse

from playwright.sync_api import Locator, Page, expect

from tests.support.browser import HOSTING_URL
from tests.support.dates import AMSTERDAM, local, next_sunday, next_workday
from tests.support.emulator import change_catalog

CUSTOMER = {"name": "Ada Lovelace", "email": "ada@example.com", "phone": "+31 6 1234 5678"}


def open_booking(page: Page, site: str = "demo") -> Locator:
    page.goto(f"{HOSTING_URL}/book?site={site}")
    return page.locator("booking-widget")


def heading(widget: Locator, text: str) -> Locator:
    return widget.get_by_role("heading", name=text)


def choose(widget: Locator, name: str) -> None:
    widget.get_by_role("button", name=re.compile(re.escape(name))).first.click()


def choose_day(widget: Locator, day: date) -> None:
    widget.locator(f'[data-date="{day.isoformat()}"]').click()


def slot(widget: Locator, day: date, hour: int, minute: int = 0) -> Locator:
    return widget.locator(f'[data-start="{local(day, hour, minute)}"]')


def fill_details(widget: Locator, customer: dict[str, str] = CUSTOMER) -> None:
    widget.get_by_label("Name").fill(customer["name"])
    widget.get_by_label("E-mail").fill(customer["email"])
    widget.get_by_label("Phone").fill(customer["phone"])


def bookings(db: Any) -> list[dict[str, Any]]:
    return [doc.to_dict() for doc in db.collection("sites").document("demo").collection("bookings").stream()]


def test_books_on_a_desktop_with_calendar_links_and_manage_link(demo: Any, page: Page) -> None:
    day = next_workday(2)
    widget = open_booking(page)
    expect(heading(widget, "Choose a location")).to_be_visible()
    choose(widget, "Centrum")
    expect(widget.get_by_role("button", name=re.compile("Haircut.*30 min.*€35"))).to_be_visible()
    choose(widget, "Haircut")
    choose(widget, "Ben")
    choose_day(widget, day)
    slot(widget, day, 10).click()
    fill_details(widget)
    widget.get_by_label("Notes").fill("First visit")
    widget.get_by_role("button", name="Confirm booking").click()

    expect(heading(widget, "Your booking is confirmed")).to_be_visible()
    done = widget.locator(".bw-done")
    expect(done).to_contain_text("Ben")
    expect(done).to_contain_text("10:00")
    expect(done).to_contain_text("Europe/Amsterdam")
    (booking,) = bookings(demo)
    assert booking["staffId"] == "ben"
    assert booking["customer"]["email"] == CUSTOMER["email"]
    assert booking["notes"] == "First visit"

    google = widget.get_by_role("link", name="Add to Google Calendar").get_attribute("href") or ""
    query = parse_qs(urlparse(google).query)
    assert google.startswith("https://calendar.google.com/calendar/render?")
    assert query["action"] == ["TEMPLATE"]
    start_utc = f"{day:%Y%m%d}T{10 - utc_offset_hours(day):02d}0000Z"
    assert query["dates"][0].startswith(start_utc + "/")

    with page.expect_download() as download:
        widget.get_by_role("link", name=re.compile(r"\.ics")).click()
    ics = Path(download.value.path()).read_text(encoding="utf-8")
    assert "BEGIN:VEVENT" in ics
    assert f"DTSTART:{start_utc}" in ics
    assert re.search(r"UID:\w+@127\.0\.0\.1", ics)

    manage = widget.get_by_role("link", name="Manage or cancel your booking").get_attribute("href") or ""
    assert re.fullmatch(re.escape(HOSTING_URL) + r"/manage\?site=demo&booking=\w+#token=[\w-]+", manage)


def test_calendar_exports_carry_no_manage_link_nor_its_token(demo: Any, page: Page) -> None:
    day = next_workday(2)
    widget = open_booking(page)
    choose(widget, "Centrum")
    choose(widget, "Haircut")
    choose(widget, "Ben")
    choose_day(widget, day)
    slot(widget, day, 10).click()
    fill_details(widget)
    widget.get_by_role("button", name="Confirm booking").click()
    expect(heading(widget, "Your booking is confirmed")).to_be_visible()
    manage = widget.get_by_role("link", name="Manage or cancel your booking").get_attribute("href") or ""
    token = parse_qs(urlparse(manage).fragment)["token"][0]
    (booking,) = bookings(demo)

    google = widget.get_by_role("link", name="Add to Google Calendar").get_attribute("href") or ""
    with page.expect_download() as download:
        widget.get_by_role("link", name=re.compile(r"\.ics")).click()
    ics = Path(download.value.path()).read_text(encoding="utf-8")
    for export in (google, unquote(google), ics, ics.replace("\r\n ", "")):
        assert token not in export
        assert "/manage" not in export
    assert "URL:" not in ics
    details = parse_qs(urlparse(google).query)["details"][0]
    assert details == f"Haircut – Ben\nDemo Hair Studio: {booking_id(manage)}"
    assert booking["staffId"] == "ben"


def booking_id(manage: str) -> str:
    return parse_qs(urlparse(manage).query)["booking"][0]


def utc_offset_hours(day: date) -> int:
    offset = re.search(r"([+-]\d\d):00$", local(day, 10))
    assert offset
    return int(offset.group(1))


def test_books_on_a_phone_with_no_staff_preference_and_an_intake_question(demo: Any, page: Page) -> None:
    page.set_viewport_size({"width": 375, "height": 812})
    day = next_workday(3)
    widget = open_booking(page)
    choose(widget, "Centrum")
    expect(widget.get_by_role("button", name=re.compile("Beard trim.*15 min.*€15"))).to_be_visible()
    choose(widget, "Beard trim")
    choose(widget, "No preference")
    choose_day(widget, day)
    slot(widget, day, 11).click()
    fill_details(widget)
    widget.get_by_label("Style").select_option("Full")
    widget.get_by_role("button", name="Confirm booking").click()

    expect(heading(widget, "Your booking is confirmed")).to_be_visible()
    (booking,) = bookings(demo)
    assert booking["staffId"] == "ben"  # the only one at Centrum who trims beards
    assert booking["answers"] == {"style": "Full"}
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, "the widget must not scroll sideways on a phone"


def test_closed_day_cannot_be_chosen(demo: Any, page: Page) -> None:
    sunday = next_sunday()
    widget = open_booking(page)
    choose(widget, "Centrum")
    choose(widget, "Haircut")
    choose(widget, "No preference")
    button = widget.locator(f'[data-date="{sunday.isoformat()}"]')
    expect(button).to_be_disabled()
    expect(button).to_have_attribute("aria-label", re.compile("closed$"))
    button.click(force=True)
    expect(button).to_have_attribute("aria-pressed", "false")
    expect(widget.locator(".bw-slot").first).to_be_visible()
    assert sunday.isoformat() not in (widget.locator(".bw-slot").first.get_attribute("data-start") or "")


def test_the_widget_marks_its_start_and_first_slots_for_the_bench(demo: Any, page: Page) -> None:
    """bench/widget_bench.py measures `widget_first_slots_ms` between these two
    performance marks; the time itself belongs to `make bench`, not here."""
    widget = open_booking(page)
    choose(widget, "Centrum")
    choose(widget, "Haircut")
    choose(widget, "No preference")
    expect(widget.locator(".bw-slot").first).to_be_visible()
    page.wait_for_function("performance.getEntriesByName('booking-widget:first-slots').length > 0")
    marks = page.evaluate(
        "['booking-widget:start', 'booking-widget:first-slots']"
        ".map((name) => performance.getEntriesByName(name).map((mark) => mark.startTime))"
    )
    (start,), (first_slots,) = marks
    assert 0 < start < first_slots


def test_branch_step_appears_with_two_active_branches_and_not_with_one(demo: Any, page: Page) -> None:
    widget = open_booking(page)
    expect(heading(widget, "Choose a location")).to_be_visible()
    expect(widget.get_by_role("button", name=re.compile("Zuid"))).to_be_visible()

    change_catalog(demo, "sites/demo/branches/zuid", {"active": False})
    page.reload()
    expect(heading(widget, "Choose a service")).to_be_visible()
    expect(widget.get_by_text("Step 1 of 4", exact=True)).to_be_visible()
    expect(heading(widget, "Choose a location")).to_have_count(0)
    choose(widget, "Haircut")
    expect(widget.get_by_role("button", name="Anna")).to_be_visible()
    expect(widget.get_by_role("button", name="Chloé")).to_have_count(0)


def test_long_horizon_shows_a_month_calendar(demo: Any, page: Page) -> None:
    demo.collection("sites").document("demo").update({"settings.horizonDays": 45})
    widget = open_booking(page)
    choose(widget, "Centrum")
    choose(widget, "Haircut")
    choose(widget, "No preference")
    this_month = datetime.now(AMSTERDAM).date().replace(day=1)
    expect(widget.locator(".bw-month h4")).to_have_text(f"{this_month:%B %Y}")
    expect(widget.get_by_role("button", name="Previous month")).to_be_disabled()

    widget.get_by_role("button", name="Next month").click()
    next_month = (this_month + timedelta(days=32)).replace(day=1)
    expect(widget.locator(".bw-month h4")).to_have_text(f"{next_month:%B %Y}")
    first_open = next_month if next_month.weekday() != 6 else next_month + timedelta(days=1)
    choose_day(widget, first_open)
    expect(slot(widget, first_open, 9)).to_be_visible()


def test_no_free_times_gives_a_clear_message(demo: Any, page: Page) -> None:
    schedules = demo.collection("sites").document("demo").collection("schedules")
    for schedule in ("site", "branch-centrum", "branch-zuid"):
        schedules.document(schedule).update({"weekly": {}})
    widget = open_booking(page)
    choose(widget, "Centrum")
    choose(widget, "Haircut")
    choose(widget, "No preference")
    expect(widget.get_by_text("There are no free times in the next 14 days.")).to_be_visible()
    expect(widget.locator(".bw-day").first).to_be_disabled()
    expect(widget.locator(".bw-day:enabled")).to_have_count(0)


def test_the_details_step_tells_how_long_before_changes_are_possible(demo: Any, page: Page) -> None:
    demo.document("sites/demo").update({"settings.changeCutoffHours": 24})
    day = next_workday(2)
    widget = open_booking(page)
    choose(widget, "Centrum")
    choose(widget, "Haircut")
    choose(widget, "Ben")
    choose_day(widget, day)
    slot(widget, day, 10).click()
    expect(heading(widget, "Your details")).to_be_visible()
    expect(widget.locator('[data-key="change-cutoff"]')).to_have_text(
        "You can cancel or reschedule online up to 24 hours before your appointment."
    )
