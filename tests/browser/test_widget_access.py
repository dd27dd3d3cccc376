"""Keyboard use, visible focus and readable colours of the booking widget."""

from __future__ import annotations

import re
from typing import Any

from playwright.sync_api import Page, expect

from tests.browser.test_widget_flow import bookings, heading, open_booking
from tests.support.browser import HOSTING_URL
from tests.support.dates import local, next_workday

# What has focus, looking through shadow roots: "<tag> <data-key or id> <text>".
FOCUSED = """() => {
  let el = document.activeElement;
  while (el && el.shadowRoot && el.shadowRoot.activeElement) el = el.shadowRoot.activeElement;
  if (!el) return "";
  const key = el.dataset.key || el.id || "";
  return `${el.tagName.toLowerCase()} ${key} ${(el.getAttribute("aria-label") || el.textContent || "").trim()}`;
}"""

FOCUS_RING = """() => {
  let el = document.activeElement;
  while (el.shadowRoot && el.shadowRoot.activeElement) el = el.shadowRoot.activeElement;
  const style = getComputedStyle(el);
  return {style: style.outlineStyle, width: parseFloat(style.outlineWidth)};
}"""


def tab_to(page: Page, pattern: str, limit: int = 80) -> None:
    """Press Tab until the focused control matches `pattern`, as a keyboard user would."""
    seen = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if re.search(pattern, focused):
            return
        seen.append(focused)
    raise AssertionError(f"Tab never reached {pattern!r}; focus went through {seen[-10:]}")


def test_keyboard_only_booking_from_start_to_finish(demo: Any, page: Page) -> None:
    day = next_workday(2)
    widget = open_booking(page)
    expect(heading(widget, "Choose a location")).to_be_visible()

    tab_to(page, "branch:centrum")
    page.keyboard.press("Enter")
    expect(heading(widget, "Choose a service")).to_be_focused()
    tab_to(page, "service:haircut")
    page.keyboard.press("Enter")
    tab_to(page, "staff:ben")
    page.keyboard.press("Space")
    expect(heading(widget, "Choose a date and time")).to_be_focused()
    expect(widget.locator(".bw-slot").first).to_be_visible()
    tab_to(page, f"day:{day.isoformat()}")
    page.keyboard.press("Enter")
    tab_to(page, re.escape(f"slot:{local(day, 11)}"))
    ring = page.evaluate(FOCUS_RING)
    assert ring["style"] != "none", "keyboard focus must be visible"
    assert ring["width"] >= 2
    page.keyboard.press("Enter")

    expect(heading(widget, "Your details")).to_be_focused()
    tab_to(page, "input name")
    page.keyboard.type("Ada Lovelace")
    tab_to(page, "input email")
    page.keyboard.type("ada@example.com")
    tab_to(page, "input marketing")
    page.keyboard.press("Space")
    tab_to(page, "button confirm")
    page.keyboard.press("Enter")

    expect(heading(widget, "Your booking is confirmed")).to_be_focused()
    tab_to(page, "Manage or cancel your booking")
    (booking,) = bookings(demo)
    assert booking["staffId"] == "ben"
    assert booking["marketingOptIn"] is True


def test_light_accent_colour_still_gets_readable_text(demo: Any, page: Page) -> None:
    page.goto(f"{HOSTING_URL}/book?site=demo")
    page.evaluate("document.querySelector('booking-widget').setAttribute('accent-color', '#ffe14d')")
    widget = page.locator("booking-widget")
    widget.get_by_role("button", name=re.compile("Centrum")).click()
    selected_colours = page.evaluate(
        """() => {
          const root = document.querySelector('booking-widget').shadowRoot;
          const pick = (selector) => getComputedStyle(root.querySelector(selector));
          return {fill: pick('.bw').getPropertyValue('--accent'), ring: pick('.bw').getPropertyValue('--accent-text'),
                  text: pick('.bw').getPropertyValue('--on-accent')};
        }"""
    )
    assert selected_colours["fill"].strip() == "#ffe14d"
    assert selected_colours["text"].strip() == "#000000"
    assert contrast(selected_colours["fill"], selected_colours["text"]) >= 4.5
    assert contrast(selected_colours["ring"], "#ffffff") >= 4.5


def contrast(a: str, b: str) -> float:
    def luminance(hex_colour: str) -> float:
        hex_colour = hex_colour.strip().lstrip("#")
        channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (0, 2, 4)]
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)
