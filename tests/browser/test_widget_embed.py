"""The widget inside other people's pages: hostile CSS, another language,
time zones, the editor's preview."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.browser.test_widget_flow import (
    bookings,
    choose,
    choose_day,
    fill_details,
    heading,
    open_booking,
    slot,
)
from tests.support.browser import ARTIFACTS, HOSTING_URL
from tests.support.dates import next_workday

SCRIPT = f'<script src="{HOSTING_URL}/widget.js"></script>'
HOSTILE_PAGE = f"""<!doctype html>
<html><head><style>
  * {{ all: unset !important; }}
  html {{ font-size: 72px !important; }}
  body {{ font-family: "Comic Sans MS", cursive !important; color: magenta !important;
          line-height: 4 !important; letter-spacing: .5em !important; text-transform: uppercase !important; }}
  div, button, input, h2, h3 {{ display: none !important; position: absolute !important; }}
</style></head>
<body><h1>Hostile shop</h1><booking-widget site="demo"></booking-widget>{SCRIPT}</body></html>"""


def test_works_inside_a_host_page_with_hostile_css(demo: Any, page: Page) -> None:
    page.set_content(HOSTILE_PAGE)
    widget = page.locator("booking-widget")
    expect(heading(widget, "Choose a location")).to_be_visible()
    inner = page.evaluate(
        """() => {
          const frame = document.querySelector('booking-widget').shadowRoot.querySelector('.bw');
          const style = getComputedStyle(frame);
          return {size: style.fontSize, transform: style.textTransform, colour: style.color};
        }"""
    )
    assert inner == {"size": "16px", "transform": "none", "colour": "rgb(31, 41, 55)"}

    day = next_workday(2)
    choose(widget, "Centrum")
    choose(widget, "Haircut")
    choose(widget, "No preference")
    choose_day(widget, day)
    slot(widget, day, 10).click()
    fill_details(widget)
    widget.get_by_role("button", name="Confirm booking").click()
    expect(heading(widget, "Your booking is confirmed")).to_be_visible()
    assert len(bookings(demo)) == 1

    host = page.evaluate(
        """() => ({styles: document.querySelectorAll('style').length,
                   h1: getComputedStyle(document.querySelector('h1')).fontSize})"""
    )
    assert host == {"styles": 1, "h1": "72px"}, "the widget must not style the host page"


def test_speaks_dutch_when_the_site_locale_is_nl(demo: Any, page: Page) -> None:
    demo.collection("sites").document("demo").update({"locale": "nl"})
    widget = open_booking(page)
    expect(heading(widget, "Kies een vestiging")).to_be_visible()
    expect(widget.get_by_text("Stap 1 van 5", exact=True)).to_be_visible()
    choose(widget, "Centrum")
    expect(widget.get_by_role("button", name=re.compile("Haircut.*€ 35,00"))).to_be_visible()
    choose(widget, "Haircut")
    expect(widget.get_by_role("button", name="Geen voorkeur")).to_be_visible()
    choose(widget, "Geen voorkeur")
    expect(heading(widget, "Kies een datum en tijd")).to_be_visible()
    expect(widget.get_by_text("Tijden zijn in de tijdzone Europe/Amsterdam.")).to_be_visible()
    expect(widget.locator(".bw-day").first).to_contain_text(re.compile(r"^(ma|di|wo|do|vr|za|zo)"))
    expect(widget.get_by_role("button", name="Terug")).to_be_visible()
    assert page.evaluate("document.querySelector('booking-widget').shadowRoot.querySelector('.bw').lang") == "nl"


def test_element_attributes_override_the_site_widget_settings(demo: Any, page: Page) -> None:
    element = '<booking-widget site="demo" heading="Plan a visit" layout="compact" show-staff="false"></booking-widget>'
    page.set_content(element + SCRIPT)
    widget = page.locator("booking-widget")
    expect(widget.get_by_role("heading", name="Plan a visit")).to_be_visible()
    choose(widget, "Zuid")
    expect(widget.get_by_text("Step 2 of 4", exact=True)).to_be_visible()
    choose(widget, "Haircut")
    expect(heading(widget, "Choose a date and time")).to_be_visible()  # no staff step
    expect(widget.locator("aside")).to_have_count(0)  # compact: no summary beside the steps


@pytest.fixture
def new_york_page(browser: Any, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A visitor whose computer is set to New York time (screenshot kept like `page`)."""
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, locale="en-US", timezone_id="America/New_York"
    )
    page = context.new_page()
    yield page
    ARTIFACTS.mkdir(exist_ok=True)
    try:
        page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    finally:
        context.close()


def test_times_are_in_business_zone_with_visitor_local_time_beside(demo: Any, new_york_page: Page) -> None:
    day = next_workday(2)
    widget = open_booking(new_york_page)
    choose(widget, "Centrum")
    choose(widget, "Haircut")
    choose(widget, "No preference")
    expect(widget.get_by_text("Times are in Europe/Amsterdam time.")).to_be_visible()
    expect(widget.get_by_text("Your time zone (America/New_York) is different")).to_be_visible()
    choose_day(widget, day)
    expect(slot(widget, day, 15)).to_contain_text(re.compile(r"15:00\s*(09|10):00 your time"))


def test_preview_renders_sample_data_and_makes_no_api_calls(emulators: None, page: Page) -> None:
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.set_content(
        f'<booking-widget preview heading="Plan your visit" accent-color="#7c3aed"></booking-widget>{SCRIPT}'
    )
    widget = page.locator("booking-widget")
    expect(widget.get_by_role("heading", name="Plan your visit")).to_be_visible()
    expect(widget.get_by_role("note")).to_contain_text("Preview")
    choose(widget, "Haircut")
    choose(widget, "No preference")
    widget.locator(".bw-slot").first.click()
    widget.get_by_label("Name").fill("Editor")
    widget.get_by_label("E-mail").fill("editor@example.com")
    widget.get_by_role("button", name="Confirm booking").click()
    expect(heading(widget, "Your booking is confirmed")).to_be_visible()
    assert requests == [f"{HOSTING_URL}/widget.js"], "a preview must not call the API"
