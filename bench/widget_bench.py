"""The widget in real Chromium: its gzipped size and the time from the
widget starting to the first slots on screen (the visitor's three choices
are clicked as fast as the browser allows; the widget marks both moments
with the Performance API)."""

from __future__ import annotations

import json
import os
import re
import statistics
import subprocess
import urllib.request

import seed
import stack

from tests.support.browser import CHROMIUM_FLAGS, chromium_path

HOSTING = f"http://127.0.0.1:{stack.ports()['hosting']}"
DOCUMENTS = f"http://127.0.0.1:{stack.ports()['firestore']}/emulator/v1/projects/{stack.PROJECT_ID}/databases/(default)/documents"
ELAPSED = (
    "performance.getEntriesByName('booking-widget:first-slots')[0].startTime"
    " - performance.getEntriesByName('booking-widget:start')[0].startTime"
)


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
            page.wait_for_function("performance.getEntriesByName('booking-widget:first-slots').length > 0")
            timings.append(float(page.evaluate(ELAPSED)))
            context.close()
        browser.close()
    return statistics.median(timings[1:])  # the first run warms the functions emulator


def run() -> dict[str, float]:
    subprocess.run(["node", str(stack.ROOT / "hosting" / "build.mjs")], check=True, capture_output=True)
    sizes = json.loads((stack.ROOT / "hosting" / "dist" / "build-sizes.json").read_text())
    os.environ["FIRESTORE_EMULATOR_HOST"] = f"127.0.0.1:{stack.ports()['firestore']}"
    urllib.request.urlopen(urllib.request.Request(DOCUMENTS, method="DELETE"), timeout=30)
    seed.seed_firestore(seed.emulator_client())
    return {"widget_js_gzip_kb": sizes["widget_js_gzip_kb"], "widget_first_slots_ms": round(first_slots_ms(), 1)}
