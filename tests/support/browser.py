"""Real headless Chromium (Debian's package) driven by Playwright.

Playwright's own browser download can't work offline, so the system
Chromium is launched through `executable_path`. Screenshots go to
test-artifacts/ for reviewers; they are not committed.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.support.emulator import stack

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
CHROMIUM_FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
HOSTING_URL = f"http://127.0.0.1:{stack.ports()['hosting']}"

expect.set_options(timeout=15_000)
"""How long an expectation waits for the page. A page's first call can start
a fresh Python worker in the functions emulator, which takes seconds of CPU
on a busy two-core machine: Playwright's 5 s default failed there now and
then although the page was right. A wrong page still fails, only later."""
# Shifted ports may land on one Chromium refuses to connect to (6000, say).
CHROMIUM_FLAGS.append(f"--explicitly-allowed-ports={stack.ports()['hosting']}")


def chromium_path() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        pytest.fail("Chromium is not installed: run `apt-get install -y chromium` (Debian/Ubuntu).", pytrace=False)
    return path


@pytest.fixture(scope="session")
def browser(emulators: None) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser: Any, request: pytest.FixtureRequest) -> Iterator[Any]:
    """A fresh browser context per test; a screenshot of the end state is saved."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    page = context.new_page()
    yield page
    ARTIFACTS.mkdir(exist_ok=True)
    try:
        page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    finally:
        context.close()
