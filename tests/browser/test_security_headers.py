"""The hosted pages' security headers, served by the Hosting emulator from
firebase.json, in real Chromium: every page that handles accounts, tokens or
e-mail carries a strict Content-Security-Policy that no other site may frame,
and each page still works under it (no violation, no script error); the
booking widget stays embeddable anywhere."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

import pytest
import requests
from playwright.sync_api import ConsoleMessage, Page, expect

from tests.browser.test_admin_pages import ADMIN_URL, open_page, sign_in, sign_in_as_demo_admin
from tests.browser.test_manage_page import manage_url
from tests.browser.test_staff_app import TABLET
from tests.browser.test_staff_app import sign_in as staff_sign_in
from tests.emulator.email_support import book
from tests.emulator.test_payments_checkout import book_deposit, session_of, status_token
from tests.support.browser import HOSTING_URL
from tests.support.dates import local, next_workday

PROTECTED_PAGES = [
    "/admin/",
    "/staff/?site=demo",
    "/manage?site=demo&booking=b1",
    "/mailbox/",
    "/payment/?site=demo&booking=b1",
    "/payment/dev-checkout?site=demo&booking=b1",
]
EMBEDDABLE = ["/widget.js", "/book?site=demo", "/examples/embed"]
WAIT_MS = 30_000
REPORT = """document.addEventListener("securitypolicyviolation", (event) => {
  console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || "inline"}`);
});"""


@dataclass
class Watch:
    """What a page's scripts complained about while the test used it."""

    violations: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def on_console(self, message: ConsoleMessage) -> None:
        text = message.text
        if "Content Security Policy" in text or text.startswith("CSP violation"):
            self.violations.append(text)
        elif message.type == "error" and not text.startswith("Failed to load resource"):
            # An answer with an error status (a bad link's 403) is the page working as meant.
            self.errors.append(text)

    def assert_clean(self) -> None:
        assert self.violations == [], self.violations
        assert self.errors == [], self.errors


@pytest.fixture
def watch(page: Page) -> Watch:
    seen = Watch()
    page.add_init_script(REPORT)
    page.on("console", seen.on_console)
    page.on("pageerror", lambda error: seen.errors.append(f"uncaught: {error}"))
    return seen


@pytest.mark.parametrize("path", PROTECTED_PAGES)
def test_protected_pages_send_a_strict_policy_no_site_may_frame(emulators: None, path: str) -> None:
    response = requests.get(f"{HOSTING_URL}{path}", timeout=30)
    assert response.status_code == 200
    policy = {
        directive.split()[0]: directive.split()[1:]
        for directive in response.headers["Content-Security-Policy"].split(";")
        if directive.strip()
    }
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert "'unsafe-eval'" not in policy["script-src"]
    assert "'unsafe-inline'" not in policy["script-src"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "no-referrer"


@pytest.mark.parametrize("path", EMBEDDABLE)
def test_the_widget_and_its_pages_stay_embeddable_on_any_site(emulators: None, path: str) -> None:
    response = requests.get(f"{HOSTING_URL}{path}", timeout=30)
    assert response.status_code == 200
    assert "Content-Security-Policy" not in response.headers
    assert "X-Frame-Options" not in response.headers


def test_no_page_can_frame_the_admin_pages_but_any_can_frame_the_booking_page(
    demo: Any, page: Page, watch: Watch
) -> None:
    page.goto(f"{HOSTING_URL}/examples/embed")
    page.evaluate(
        """([admin, booking]) => {
            for (const [name, src] of [["admin", admin], ["booking", booking]]) {
              const frame = document.createElement("iframe");
              frame.name = name;
              frame.src = src;
              document.body.append(frame);
            }
        }""",
        [ADMIN_URL, f"{HOSTING_URL}/book?site=demo"],
    )
    expect(page.frame_locator("iframe[name=booking]").locator("booking-widget h2")).to_be_visible(timeout=WAIT_MS)
    page.wait_for_timeout(1000)
    assert any("frame-ancestors" in message for message in watch.violations), watch.violations
    admin_frame = page.frame(name="admin")
    assert admin_frame is None or admin_frame.locator("nav").count() == 0


def test_the_admin_pages_sign_in_and_preview_the_widget_under_the_policy(demo: Any, page: Page, watch: Watch) -> None:
    page.goto(ADMIN_URL)
    expect(page.get_by_label("E-mail")).to_be_visible(timeout=WAIT_MS)  # a cold start may take a while
    expect(page.get_by_role("button", name="Sign in")).to_be_visible()
    sign_in_as_demo_admin(page)
    open_page(page, "widgets")
    preview = page.locator("main booking-widget .bw").first
    expect(preview).to_be_visible(timeout=WAIT_MS)
    assert preview.evaluate("(frame) => getComputedStyle(frame).maxWidth") == "760px"  # the widget's own styles apply
    watch.assert_clean()


def test_a_wrong_admin_password_is_still_refused_in_words(demo: Any, page: Page, watch: Watch) -> None:
    sign_in(page, "nobody@example.com", "wrong-password")
    expect(page.get_by_role("alert")).to_contain_text("not right")
    watch.assert_clean()


def test_the_staff_app_signs_in_and_lays_out_the_agenda_under_the_policy(demo: Any, page: Page, watch: Watch) -> None:
    page.set_viewport_size(TABLET)
    page.goto(f"{HOSTING_URL}/staff/?site=demo")
    expect(page.get_by_role("heading", name="Who's working?")).to_be_visible(timeout=WAIT_MS)  # a cold start
    staff_sign_in(page, "Anna", "1111")
    expect(page.locator(".hello")).to_have_text("Hi, Anna", timeout=WAIT_MS)
    columns = page.locator(".columns")
    expect(columns).to_be_visible(timeout=WAIT_MS)
    assert columns.evaluate("(grid) => grid.style.getPropertyValue('--columns')") != ""
    watch.assert_clean()


def test_the_manage_page_shows_a_booking_and_its_error_for_a_bad_link(demo: Any, page: Page, watch: Watch) -> None:
    booking = book(local(next_workday(2), 10))
    page.goto(manage_url(booking))
    expect(page.get_by_role("heading", name="Your booking")).to_be_visible(timeout=WAIT_MS)
    page.get_by_role("button", name="Cancel booking").click()
    question = page.get_by_text("Do you really want to cancel this booking?")
    expect(question).to_be_visible()
    assert question.evaluate("(p) => getComputedStyle(p).marginTop") == "0px"

    page.goto(f"{HOSTING_URL}/manage?site=demo&booking={booking['bookingId']}#token={'x' * 32}")
    page.reload()  # only the fragment changed: load the page again
    expect(page.get_by_role("heading", name="This link can't be used")).to_be_visible(timeout=WAIT_MS)
    watch.assert_clean()


def test_the_mailbox_lists_and_shows_e_mails_under_the_policy(demo: Any, page: Page, watch: Watch) -> None:
    book(local(next_workday(2), 11))
    page.goto(f"{HOSTING_URL}/mailbox/?site=demo")
    expect(page.locator("nav")).to_contain_text("Booking confirmed: Haircut", timeout=WAIT_MS)
    mail = page.frame_locator("article iframe")
    expect(mail.get_by_role("heading", name="Your booking is confirmed")).to_be_visible()
    header = mail.locator("[data-part=header]")
    assert header.evaluate("(cell) => getComputedStyle(cell).paddingTop") == "20px"  # the e-mail's inline styles
    expect(page.locator('[data-attachment="invite.ics"] pre')).to_contain_text("METHOD:REQUEST")
    watch.assert_clean()


def test_the_payment_pages_work_under_the_policy(demo: Any, page: Page, watch: Watch) -> None:
    booking = book_deposit(demo, local(next_workday(6), 14), ip="203.0.113.60")
    query = urlencode({"site": "demo", "booking": booking["bookingId"]})
    page.goto(f"{HOSTING_URL}/payment/?{query}#token={'x' * 32}")
    expect(page.get_by_role("heading", name="Link not valid")).to_be_visible(timeout=WAIT_MS)

    page.goto(f"{HOSTING_URL}/payment/dev-checkout?{query}#token={status_token(session_of(booking))}")
    expect(page.locator("#checkout")).to_have_attribute("data-state", "open", timeout=WAIT_MS)
    page.get_by_role("button", name=re.compile("Pay")).click()
    expect(page.locator("#result")).to_have_attribute("data-state", "confirmed", timeout=WAIT_MS)
    assert page.locator(".spinner").count() == 0
    watch.assert_clean()
