"""A visitor subscribes to a plan in the widget: the recurrence and the
coming date that is not free are shown before paying, Checkout (the Stripe
stand-in) takes the payment, and the manage page shows the plan and cancels
it at the end of the paid period. The admin sees the subscriber and the flag."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

from playwright.sync_api import Page, expect

from tests.browser.test_admin_pages import open_page, sign_in_as_demo_admin
from tests.browser.test_widget_flow import choose, choose_day, fill_details, open_booking, slot
from tests.emulator.test_admin_access import admin_call
from tests.emulator.test_subscriptions import next_tuesday, weekly_plan
from tests.support.axe import assert_accessible
from tests.support.browser import ARTIFACTS, HOSTING_URL
from tests.support.stripe_stub import STUB

WAIT_MS = 30_000


def test_a_visitor_subscribes_in_the_widget_and_cancels_from_the_manage_page(demo: Any, page: Page) -> None:
    weekly_plan()
    day = next_tuesday()
    taken = day + timedelta(weeks=1)
    admin_call(
        "adminCreateBooking",
        {
            "siteId": "demo",
            "serviceId": "haircut",
            "branchId": "centrum",
            "staffId": "anna",
            "date": taken.isoformat(),
            "time": "10:00",
            "name": "Grace Hopper",
        },
    )
    widget = open_booking(page)
    choose(widget, "Centrum")
    choose(widget, "Haircut")
    choose(widget, "Anna")
    choose_day(widget, day)
    slot(widget, day, 10).click()
    fill_details(widget)

    widget.get_by_label(re.compile("Subscribe: Weekly cut")).check()
    recurrence = widget.locator('[data-key="recurrence"]')
    expect(recurrence).to_contain_text("every Tuesday at 10:00")
    expect(widget.locator('[data-key="not-free"] li')).to_have_count(1)
    expect(widget.locator('[data-key="not-free"]')).to_contain_text(str(taken.day))
    page.screenshot(path=str(ARTIFACTS / "widget-subscribe-details.png"), full_page=True)
    assert_accessible(page, "widget: subscribe")
    widget.get_by_role("button", name="Subscribe and pay").click()

    page.wait_for_url(re.compile(re.escape(f"{STUB.base}/checkout/")), timeout=WAIT_MS)
    page.get_by_role("button", name=re.compile("Pay")).click()
    page.wait_for_url(re.compile(re.escape(f"{HOSTING_URL}/manage?")), timeout=WAIT_MS)

    section = page.locator('[data-section="subscription"]')
    expect(section).to_contain_text("Weekly cut")
    expect(section).to_contain_text("Active", timeout=WAIT_MS)
    expect(page.locator('[data-section="not-free"]')).to_contain_text("Tuesday")
    page.screenshot(path=str(ARTIFACTS / "manage-subscription-active.png"), full_page=True)
    assert_accessible(page, "manage: subscription")
    section.get_by_role("button", name="Cancel subscription").click()
    assert_accessible(page, "manage: cancel the subscription?")
    page.get_by_role("button", name="Yes, cancel the subscription").click()

    expect(page.get_by_role("status")).to_contain_text("Your subscription is cancelled. It runs until")
    expect(section).to_contain_text("Cancelled, ends at the end of the paid period")
    expect(section).to_contain_text("Runs until")
    page.screenshot(path=str(ARTIFACTS / "manage-subscription-cancelled.png"), full_page=True)
    (stored,) = [doc.to_dict() for doc in demo.collection("sites/demo/subscriptions").stream()]
    assert stored["state"] == "cancelling"
    assert STUB.billing.subscriptions[stored["stripeSubscriptionId"]]["cancel_at_period_end"] is True

    sign_in_as_demo_admin(page)
    open_page(page, "subscriptions")
    expect(page.locator("main")).to_contain_text("Ada Lovelace")
    expect(page.locator('[data-flag="not-free"]')).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / "admin-subscriptions.png"), full_page=True)

    open_page(page, "bookings?source=subscription")  # its appointments are bookings like any other
    table = page.get_by_role("table", name="Bookings")
    expect(table.get_by_role("cell", name="Subscription", exact=True).first).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / "admin-bookings-subscription.png"), full_page=True)
