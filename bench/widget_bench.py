"""The widget in real Chromium at 375 px: its gzipped size, and the time from
navigation start to the first slot buttons on screen for a site with 10 staff
and a 90-day horizon. The visitor's three choices are clicked as fast as the
browser allows; the widget marks the moment its slot buttons are painted
(`booking-widget:first-slots`, Performance API, relative to navigation start)."""

from __future__ import annotations

import json
import re
import statistics
import subprocess
from typing import Any

import stack

from bench import booking_bench
from tests.support.browser import CHROMIUM_FLAGS, chromium_path

HOSTING = f"http://127.0.0.1:{stack.ports()['hosting']}"
FIRST_SLOTS = "performance.getEntriesByName('booking-widget:first-slots')"
SLOT_BUTTON = "button.bw-slot"


def first_slots_ms(runs: int = 7) -> float:
    from playwright.sync_api import sync_playwright

    timings = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
        for _ in range(runs):
            context = browser.new_context(viewport={"width": 375, "height": 812})
            page = context.new_page()
            page.goto(f"{HOSTING}/book?site=demo")
            widget = page.locator("booking-widget")
            for choice in ("Centrum", "Haircut", "No preference"):
                widget.get_by_role("button", name=re.compile(choice)).first.click()
            page.wait_for_function(f"{FIRST_SLOTS}.length > 0")
            widget.locator(SLOT_BUTTON).first.wait_for(state="visible")
            timings.append(float(page.evaluate(f"{FIRST_SLOTS}[0].startTime")))
            context.close()
        browser.close()
    return statistics.median(timings[1:])  # the first run warms the functions emulator


def run(db: Any) -> dict[str, float]:
    subprocess.run(["node", str(stack.ROOT / "hosting" / "build.mjs")], check=True, capture_output=True)
    sizes = json.loads((stack.ROOT / "hosting" / "dist" / "build-sizes.json").read_text())
    booking_bench.busy_site(db)
    return {"widget_js_gzip_kb": sizes["widget_js_gzip_kb"], "widget_first_slots_ms": round(first_slots_ms(), 1)}
