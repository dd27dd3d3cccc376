"""The admin pages in real Chromium: signing in, every page, navigation,
keyboard focus and a tablet-sized screen. Screenshots of every page are
saved to test-artifacts/admin-<page>.png.

The helpers and the `browser` override here are shared by the other admin
browser test modules.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
import uuid
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.support.browser import ARTIFACTS, HOSTING_URL
from tests.support.emulator import demo_data, stack

ADMIN_URL = f"{HOSTING_URL}/admin/"
AUTH_ACCOUNTS = (
    f"http://127.0.0.1:{stack.ports()['auth']}/identitytoolkit.googleapis.com/v1/projects/{stack.PROJECT_ID}/accounts"
)


def auth_user(email: str, password: str, claims: dict[str, Any] | None = None) -> None:
    """A user in the Auth emulator (kept if it exists), with custom claims."""
    owner = {"Content-Type": "application/json", "Authorization": "Bearer owner"}

    def post(endpoint: str, body: dict[str, Any]) -> dict[str, Any]:
        request = urllib.request.Request(AUTH_ACCOUNTS + endpoint, data=json.dumps(body).encode(), headers=owner)
        with urllib.request.urlopen(request, timeout=10) as response:
            result: dict[str, Any] = json.load(response)
        return result

    try:
        user = post("", {"email": email, "password": password, "emailVerified": True})
    except urllib.error.HTTPError as error:
        if "EMAIL_EXISTS" not in error.read().decode():
            raise
        return
    if claims is not None:
        post(":update", {"localId": user["localId"], "customAttributes": json.dumps(claims)})


def new_email(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:8]}@example.com"


@pytest.fixture
def admin(demo: Any, page: Page) -> Page:
    """The demo admin, signed in, on the admin pages of the demo site."""
    sign_in_as_demo_admin(page)
    return page


def sign_in_as_demo_admin(page: Page) -> None:
    """Sign in and wait for the admin sections, so no page is opened mid sign-in."""
    auth_user(demo_data.ADMIN_EMAIL, demo_data.ADMIN_PASSWORD, {"sites": {demo_data.SITE_ID: "admin"}})
    sign_in(page, demo_data.ADMIN_EMAIL, demo_data.ADMIN_PASSWORD)
    expect(page.get_by_role("navigation", name="Admin sections")).to_contain_text("Bookings")


def sign_in(page: Page, email: str, password: str) -> None:
    page.goto(ADMIN_URL)
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def open_page(page: Page, route: str) -> None:
    page.goto(f"{ADMIN_URL}#/{route}")
    expect(page.locator("main h1")).to_be_visible()
    expect(page.locator("main")).not_to_have_attribute("aria-busy", "true")


def nav(page: Page, name: str) -> None:
    page.get_by_role("navigation", name="Admin sections").get_by_role("link", name=name, exact=True).click()


def shot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"admin-{name}.png"), full_page=True)


def saved(page: Page, message: str) -> None:
    expect(page.locator("#status")).to_have_text(message)


PAGES = [
    ("bookings", "Bookings"),
    ("services", "Services"),
    ("services/haircut", "Edit Haircut"),
    ("services/new", "New service"),
    ("staff", "Staff"),
    ("staff/anna", "Edit Anna"),
    ("staff-access", "Staff access"),
    ("staff-access/anna", "PIN for Anna"),
    ("availability", "Availability"),
    ("availability/staff/anna", "Availability"),
    ("branches", "Branches"),
    ("branches/centrum", "Edit Centrum"),
    ("settings", "Settings"),
    ("widgets", "Widgets"),
    ("payments", "Payments"),
]


def test_signs_in_and_shows_every_page(admin: Page) -> None:
    for route, title in PAGES:
        open_page(admin, route)
        expect(admin.locator("main h1")).to_have_text(title)
        assert admin.title().startswith(title)
        shot(admin, route.replace("/", "-"))


def test_a_wrong_password_is_announced(demo: Any, page: Page) -> None:
    auth_user(demo_data.ADMIN_EMAIL, demo_data.ADMIN_PASSWORD, {"sites": {demo_data.SITE_ID: "admin"}})
    sign_in(page, demo_data.ADMIN_EMAIL, "not-the-password")
    expect(page.get_by_role("alert")).to_have_text("The e-mail address or password is not right.")
    shot(page, "sign-in-error")


def test_a_user_without_admin_rights_is_told_how_to_get_them(demo: Any, page: Page) -> None:
    email = new_email("visitor")
    auth_user(email, "visitor-pass-1")
    sign_in(page, email, "visitor-pass-1")
    expect(page.get_by_role("heading", name="No site yet")).to_be_visible()
    expect(page.locator("main")).to_contain_text(f"make grant-admin EMAIL={email} SITE=<site id>")
    expect(page.get_by_role("navigation", name="Admin sections")).not_to_contain_text("Bookings")


def test_navigation_moves_focus_to_the_page_heading(admin: Page) -> None:
    nav(admin, "Services")
    expect(admin.get_by_role("heading", name="Services", level=1)).to_be_focused()
    link = admin.get_by_role("navigation", name="Admin sections").get_by_role("link", name="Services")
    expect(link).to_have_attribute("aria-current", "page")
    admin.keyboard.press("Tab")
    expect(admin.get_by_role("link", name="New service")).to_be_focused()
    admin.keyboard.press("Enter")
    expect(admin.get_by_role("heading", name="New service", level=1)).to_be_focused()
    admin.keyboard.press("Tab")
    expect(admin.get_by_label("Name")).to_be_focused()


def test_every_form_control_has_a_label(admin: Page) -> None:
    unlabeled = """() => [...document.querySelectorAll('main input, main select, main textarea')]
        .filter((el) => !el.labels?.length && !el.getAttribute('aria-label') && !el.closest('booking-widget'))
        .map((el) => el.outerHTML.slice(0, 80))"""
    for route, _ in PAGES:
        open_page(admin, route)
        assert admin.evaluate(unlabeled) == [], route


def test_works_on_a_tablet(demo: Any, browser: Any) -> None:
    context = browser.new_context(viewport={"width": 768, "height": 1024}, locale="en-GB", has_touch=True)
    page = context.new_page()
    try:
        sign_in_as_demo_admin(page)
        open_page(page, "availability")
        menu = page.get_by_role("navigation", name="Admin sections").bounding_box()
        heading = page.locator("main h1").bounding_box()
        assert menu is not None
        assert heading is not None
        assert menu["y"] < heading["y"]  # the menu sits above the content
        width = page.evaluate("() => document.documentElement.scrollWidth")
        assert width <= 768, "nothing overflows the screen sideways"
        shot(page, "tablet-availability")
        open_page(page, "bookings")
        shot(page, "tablet-bookings")
    finally:
        context.close()


def test_deactivating_booking_hides_the_booking_pages_and_the_widget(admin: Page) -> None:
    nav(admin, "Widgets")
    admin.get_by_role("button", name="Deactivate booking").click()
    admin.get_by_role("button", name="Yes, deactivate booking").click()
    saved(admin, "Booking deactivated")
    menu = admin.get_by_role("navigation", name="Admin sections")
    expect(menu).not_to_contain_text("Services")
    expect(admin.locator("main")).to_contain_text("Not active")
    shot(admin, "widgets-inactive")
    admin.goto(f"{HOSTING_URL}/book?site=demo")
    expect(admin.locator("booking-widget")).not_to_contain_text("Haircut")
    admin.goto(f"{ADMIN_URL}#/widgets")
    admin.get_by_role("button", name="Activate booking").click()
    saved(admin, "Booking activated")
    expect(menu).to_contain_text("Services")


def test_the_embed_code_follows_the_options_and_copies(admin: Page) -> None:
    admin.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=HOSTING_URL)
    open_page(admin, "widgets")
    admin.get_by_label("Heading").fill('Book "now"')
    admin.get_by_label("Layout").select_option("compact")
    admin.get_by_label("Let visitors choose a staff member").uncheck()
    code = admin.get_by_role("textbox", name="Embed code").input_value()
    assert code.startswith('<booking-widget site="demo" heading="Book &quot;now&quot;"')
    assert 'layout="compact" show-staff="false"' in code
    assert f'<script src="{HOSTING_URL}/widget.js" defer></script>' in code
    admin.get_by_role("button", name="Copy embed code").click()
    saved(admin, "Embed code copied")
    assert admin.evaluate("() => navigator.clipboard.readText()") == code
    admin.get_by_role("button", name="Save as the site's defaults").click()
    saved(admin, "Widget options saved")
    shot(admin, "widgets-options")


def test_settings_are_saved_and_a_bad_value_is_shown_beside_its_field(demo: Any, admin: Page) -> None:
    open_page(admin, "settings")
    admin.get_by_label("Bookable up to").select_option("30")
    admin.get_by_label("Buffer between bookings").select_option("10")
    admin.get_by_label("Clients must accept the terms and conditions").check()
    admin.get_by_role("button", name="Save settings").click()
    expect(admin.get_by_role("alert").filter(has_text="Please correct the marked field.")).to_be_visible()
    sentence = "Give the text of the terms, or a link to them, when clients must accept them."
    expect(admin.get_by_label("Text").locator("xpath=..")).to_contain_text(sentence)
    expect(admin.locator("main")).not_to_contain_text("terms.text")
    expect(admin.get_by_label("Text")).to_have_attribute("aria-invalid", "true")
    expect(admin.get_by_label("Text")).to_be_focused()
    shot(admin, "settings-error")
    admin.get_by_label("Text").fill("Cancel at least 24 hours ahead.")
    admin.get_by_role("button", name="Save settings").click()
    saved(admin, "Settings saved")
    site = demo.document("sites/demo").get().to_dict()
    assert site["settings"]["horizonDays"] == 30
    assert site["settings"]["bufferMinutes"] == 10
    assert site["terms"]["version"]
    expect(admin.locator("main")).to_contain_text(f"Current version: {site['terms']['version']}")


def test_the_cutoff_for_client_changes_is_chosen_on_the_settings_page(demo: Any, admin: Page) -> None:
    open_page(admin, "settings")
    cutoff = admin.get_by_label("Clients can cancel or reschedule")
    expect(cutoff).to_have_value("0")
    options = cutoff.locator("option").all_inner_texts()
    assert options == [
        "Until the appointment starts",
        "Up to 1 hour before",
        *(f"Up to {hours} hours before" for hours in (2, 4, 12, 24, 48)),
    ]
    cutoff.select_option("24")
    admin.get_by_role("button", name="Save settings").click()
    saved(admin, "Settings saved")
    assert demo.document("sites/demo").get().to_dict()["settings"]["changeCutoffHours"] == 24
    open_page(admin, "settings")
    expect(admin.get_by_label("Clients can cancel or reschedule")).to_have_value("24")


def test_an_admin_of_several_sites_switches_between_them(demo: Any, page: Page) -> None:
    email = new_email("multi")
    auth_user(email, "multi-pass-1", {"sites": {"demo": "admin", "second-shop": "admin", "elsewhere": "staff"}})
    sign_in(page, email, "multi-pass-1")
    switcher = page.get_by_label("Site", exact=True)
    expect(switcher).to_have_value("demo")
    assert switcher.locator("option").all_inner_texts() == ["demo", "second-shop"]
    expect(page.locator(".site-name")).to_have_text("Demo Hair Studio")
    switcher.select_option("second-shop")
    expect(page.get_by_role("heading", name="Create your site")).to_be_visible()
    assert page.url.split("#")[0].endswith("?site=second-shop")
