"""An axe-core audit of every page a person meets, in real Chromium.

The widget is audited at every step on a phone (375 px) and a desktop
(1280 px); then the manage page, the payment result page, the staff app
(sign-in and agenda) and every admin page. See tests/support/axe.py for what
fails a page.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlencode

import pytest
from playwright.sync_api import Page, expect

from tests.browser.test_admin_pages import open_page, sign_in_as_demo_admin
from tests.browser.test_manage_page import manage_url
from tests.browser.test_payments_pages import WAIT_MS
from tests.browser.test_staff_app import sign_in as staff_sign_in
from tests.browser.test_staff_app import walk_in
from tests.browser.test_widget_flow import choose, choose_day, fill_details, heading, open_booking, slot
from tests.emulator.email_support import book
from tests.emulator.test_payments_checkout import book_deposit, session_of, status_token
from tests.support.axe import assert_accessible
from tests.support.browser import HOSTING_URL
from tests.support.dates import local, next_workday
from tests.support.emulator import call, change_catalog

ADMIN_PAGES = [
    "bookings",
    "waitlist",
    f"calendar?date={next_workday(2).isoformat()}",
    f"calendar?date={next_workday(2).isoformat()}&view=week",
    f"calendar?date={next_workday(2).isoformat()}&view=week&staffId=anna",
    "customers",
    "dashboard",
    "subscriptions",
    "services",
    "staff",
    "staff-access",
    "availability",
    "branches",
    "settings",
    "calendar-sync",
    "widgets",
    "payments",
    "pos",
]


@pytest.mark.parametrize("width", [375, 1280])
def test_every_widget_step_passes_the_audit(demo: Any, page: Page, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 800})
    day = next_workday(3)
    widget = open_booking(page)
    expect(heading(widget, "Choose a location")).to_be_visible()
    assert_accessible(page, f"widget {width}px: location")
    choose(widget, "Centrum")
    expect(widget.get_by_role("button", name=re.compile("Haircut"))).to_be_visible()
    assert_accessible(page, f"widget {width}px: service")
    choose(widget, "Haircut")
    expect(widget.get_by_role("button", name=re.compile("Ben"))).to_be_visible()
    assert_accessible(page, f"widget {width}px: staff")
    choose(widget, "Ben")
    choose_day(widget, day)
    expect(slot(widget, day, 10)).to_be_visible()
    assert_accessible(page, f"widget {width}px: date and time")
    slot(widget, day, 10).click()
    expect(widget.get_by_label("Name")).to_be_visible()
    assert_accessible(page, f"widget {width}px: details")
    widget.get_by_role("button", name="Confirm booking").click()
    expect(widget.get_by_text("This field is required.").first).to_be_visible()
    assert_accessible(page, f"widget {width}px: details with errors")
    fill_details(widget)
    widget.get_by_role("button", name="Confirm booking").click()
    expect(heading(widget, "Your booking is confirmed")).to_be_visible()
    assert_accessible(page, f"widget {width}px: done")


def test_the_manage_page_passes_the_audit(demo: Any, page: Page) -> None:
    page.set_viewport_size({"width": 375, "height": 800})
    booking = book(local(next_workday(2), 10))
    page.goto(manage_url(booking))
    expect(page.get_by_role("heading", name="Your booking")).to_be_visible()
    assert_accessible(page, "manage: booking")
    page.get_by_role("button", name="Move booking").click()
    expect(page.locator("[data-date]").first).to_be_visible()
    assert_accessible(page, "manage: move")


def test_the_payment_result_page_passes_the_audit(demo: Any, page: Page) -> None:
    page.set_viewport_size({"width": 375, "height": 800})
    booking = book_deposit(demo, local(next_workday(6), 15), ip="203.0.113.90")
    query = urlencode({"site": "demo", "booking": booking["bookingId"]})
    page.goto(f"{HOSTING_URL}/payment/?{query}#token={status_token(session_of(booking))}")
    expect(page.locator("#result")).to_have_attribute("data-state", "loading")
    assert_accessible(page, "payment result: waiting")
    page.goto(booking["checkoutUrl"])
    page.get_by_role("link", name="Back").click()
    expect(page.locator("#result")).to_have_attribute("data-state", "unpaid", timeout=WAIT_MS)
    assert_accessible(page, "payment result: not paid")


def test_the_staff_app_passes_the_audit(demo: Any, page: Page) -> None:
    page.set_viewport_size({"width": 1024, "height": 768})
    page.goto(f"{HOSTING_URL}/staff/?site=demo")
    expect(page.get_by_role("heading", name="Who's working?")).to_be_visible()
    assert_accessible(page, "staff: who is working")
    staff_sign_in(page, "Anna", "1111")
    expect(page.locator(".hello")).to_have_text("Hi, Anna")
    assert_accessible(page, "staff: agenda")
    book(local(next_workday(1), 10))
    page.get_by_label("Go to date").fill(next_workday(1).isoformat())
    page.get_by_role("button", name="Calendar").click()
    expect(page.locator(".cal-booking")).to_have_count(1)
    assert_accessible(page, "staff: calendar")


def test_the_staff_checkout_and_the_html_receipt_pass_the_audit(demo: Any, page: Page) -> None:
    page.set_viewport_size({"width": 1024, "height": 768})
    walk_in("anna", "07:00", "Grace")
    staff_sign_in(page, "Anna", "1111")
    page.locator("article.booking").get_by_role("button", name="Take payment").click()
    dialog = page.get_by_role("dialog", name="Payment · Grace")
    expect(dialog.locator("[data-total]")).to_have_text("€35.00")
    assert_accessible(page, "staff: checkout")
    dialog.get_by_role("radio", name="Cash").click()
    dialog.get_by_label("Cash received").fill("40")
    dialog.get_by_role("button", name="Take €35.00").click()
    dialog = page.get_by_role("dialog", name="Paid · receipt 1")  # the dialog is named by its heading
    expect(dialog).to_be_visible()
    assert_accessible(page, "staff: paid")
    dialog.get_by_role("button", name="Show receipt").click()
    expect(page.locator("[data-receipt]")).to_be_visible()
    assert_accessible(page, "staff: receipt")


def test_every_admin_page_passes_the_audit(demo: Any, page: Page) -> None:
    page.goto(f"{HOSTING_URL}/admin/")
    expect(page.get_by_label("Password")).to_be_visible()
    assert_accessible(page, "admin: sign-in")
    sign_in_as_demo_admin(page)
    for route in ADMIN_PAGES:
        open_page(page, route)
        assert_accessible(page, f"admin: {route}")


def test_the_audit_fails_a_page_with_an_unnamed_button_and_poor_contrast(page: Page) -> None:
    """The audit itself: it finds faults, also inside an open shadow root like the widget's."""
    page.set_content(
        "<html lang='en'><title>t</title><main><h1>Broken</h1><div id='host'></div>"
        "<p style='color:#bbb;background:#fff'>Faint text</p></main></html>"
    )
    page.evaluate(
        "() => document.getElementById('host').attachShadow({ mode: 'open' }).innerHTML = '<button></button>'"
    )
    with pytest.raises(AssertionError) as failure:
        assert_accessible(page, "a broken page")
    assert "critical button-name" in str(failure.value)
    assert "serious color-contrast" in str(failure.value)


def test_the_waitlist_join_step_offer_page_and_staff_list_pass_the_audit(demo: Any, page: Page) -> None:
    from tests.emulator.test_waitlist import link_token, offers

    page.set_viewport_size({"width": 375, "height": 800})
    change_catalog(demo, "sites/demo/branches/centrum", {"settings.waitlist": {"enabled": True, "mode": "automatic"}})
    widget = open_booking(page)
    choose(widget, "Centrum")
    choose(widget, "Haircut")
    choose(widget, "Anna")
    widget.locator(".bw-waitlist").get_by_role("button", name="Join the waitlist").click()
    expect(heading(widget, "Join the waitlist")).to_be_visible()
    assert_accessible(page, "widget 375px: join the waitlist")
    widget.get_by_role("button", name="Join the waitlist").click()
    expect(widget.get_by_text("This field is required.").first).to_be_visible()
    assert_accessible(page, "widget 375px: join the waitlist with errors")

    day = next_workday(2)
    booking = book(local(day, 10))
    joined = {
        "siteId": "demo",
        "serviceId": "haircut",
        "branchId": "centrum",
        "from": day.isoformat(),
        "to": day.isoformat(),
    }
    call("joinWaitlist", {**joined, "customer": {"name": "Ada", "email": "ada.w@example.com"}}, ip="203.0.113.77")
    call("cancelBooking", {"siteId": "demo", "bookingId": booking["bookingId"], "token": booking["manageToken"]})
    (offer,) = offers(demo)
    page.goto(f"{HOSTING_URL}/waitlist?site=demo&offer={offer['id']}#token={link_token(demo, offer['id'])}")
    expect(page.get_by_role("button", name="Accept and book")).to_be_visible()
    assert_accessible(page, "waitlist page: offer")

    page.set_viewport_size({"width": 1024, "height": 768})
    staff_sign_in(page, "Anna", "1111")
    expect(page.locator(".hello")).to_have_text("Hi, Anna")
    page.get_by_role("button", name="View waitlist").click()
    expect(page.get_by_role("dialog")).to_be_visible()
    assert_accessible(page, "staff: view waitlist")
