"""Settings → Payments in real Chromium: whether deposits are available,
Stripe Connect, the no-show fee, and the warning beside deposit services
while payments are not ready. Screenshots: test-artifacts/admin-payments*.png."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import Any

from playwright.sync_api import Page, expect

from tests.browser.test_admin_pages import admin, nav, open_page, saved, shot
from tests.support.stripe_stub import STUB

__all__ = ["admin"]
NOT_READY = "Deposit services are not bookable until Stripe is set up."


def not_ready(demo: Any) -> None:
    """A connected account whose onboarding isn't finished: the check on the
    payments page then keeps `payments.ready` false (the emulator's stand-in
    checkout would otherwise make it true again)."""
    demo.document("sites/demo/private/payments").set(
        {"connectedAccountId": "acct_demo_unfinished", "chargesEnabled": False, "detailsSubmitted": False}
    )
    demo.document("sites/demo").update({"payments.ready": False})


def test_ready_payments_say_deposits_are_available(admin: Page) -> None:
    nav(admin, "Payments")
    expect(admin.get_by_role("heading", name="Payments", level=1)).to_be_focused()
    expect(admin.locator("main")).to_contain_text("Deposits are available.")
    expect(admin.locator("main")).not_to_contain_text(NOT_READY)
    expect(admin.locator("main")).to_contain_text("Test mode")  # the suite's Stripe stand-in
    expect(admin.get_by_role("button", name="Connect Stripe")).to_be_visible()
    shot(admin, "payments")
    open_page(admin, "services")
    expect(admin.locator("main")).not_to_contain_text("Not bookable until payments are set up")


def test_not_ready_payments_say_deposit_services_are_not_bookable(demo: Any, admin: Page) -> None:
    not_ready(demo)
    open_page(admin, "payments")
    expect(admin.locator("main")).to_contain_text("Deposits are not available.")
    expect(admin.locator("main")).to_contain_text(NOT_READY)
    expect(admin.locator("main")).to_contain_text("acct_demo_unfinished: onboarding not finished")
    assert demo.document("sites/demo").get().to_dict()["payments"]["ready"] is False
    shot(admin, "payments-not-ready")
    open_page(admin, "services")
    colour = admin.get_by_role("row").filter(has=admin.get_by_role("rowheader", name="Colour"))
    expect(colour.get_by_role("link", name="Not bookable until payments are set up")).to_have_attribute(
        "href", "#/payments"
    )
    haircut = admin.get_by_role("row").filter(has=admin.get_by_role("rowheader", name="Haircut"))
    expect(haircut).not_to_contain_text("Not bookable")
    shot(admin, "services-payments-not-ready")


def test_connect_stripe_sends_the_admin_to_stripe_onboarding(demo: Any, admin: Page) -> None:
    open_page(admin, "payments")
    admin.get_by_role("button", name="Connect Stripe").click()
    admin.wait_for_url(re.compile(re.escape(STUB.base) + r"/connect/onboarding/acct_\w+"))
    account_id = admin.url.rsplit("/", 1)[-1]
    assert demo.document("sites/demo/private/payments").get().to_dict()["connectedAccountId"] == account_id


def test_the_no_show_fee_is_saved_as_an_amount_or_a_percentage(demo: Any, admin: Page) -> None:
    open_page(admin, "payments")
    admin.get_by_label("Charge a fee when a client doesn't show up").check()
    admin.get_by_label("Fee", exact=True).select_option("fixed")
    admin.get_by_label("Amount (EUR)").fill("abc")
    admin.get_by_role("button", name="Save no-show fee").click()
    expect(admin.get_by_label("Amount (EUR)")).to_have_attribute("aria-invalid", "true")
    admin.get_by_label("Amount (EUR)").fill("15")
    admin.get_by_role("button", name="Save no-show fee").click()
    saved(admin, "No-show fee saved: €15.00")
    fee = demo.document("sites/demo").get().to_dict()["settings"]["noShowFee"]
    assert fee == {"enabled": True, "kind": "fixed", "amountCents": 1500}
    expect(admin.get_by_label("Amount (EUR)")).to_have_value("15.00")
    admin.get_by_label("Fee", exact=True).select_option("percent")
    admin.get_by_label("Percentage").fill("12.5")
    admin.get_by_role("button", name="Save no-show fee").click()
    saved(admin, "No-show fee saved: 12.5% of the service price")
    fee = demo.document("sites/demo").get().to_dict()["settings"]["noShowFee"]
    assert fee == {"enabled": True, "kind": "percent", "percent": 12.5}
    shot(admin, "payments-no-show-fee")
    admin.get_by_label("Charge a fee when a client doesn't show up").uncheck()
    admin.get_by_role("button", name="Save no-show fee").click()
    saved(admin, "No-show fee switched off")
    assert demo.document("sites/demo").get().to_dict()["settings"]["noShowFee"]["enabled"] is False


def test_the_payments_page_lists_the_recent_payments_adminGetPayments_returns(demo: Any, admin: Page) -> None:  # noqa: N802
    now = datetime.now(UTC)
    payments = demo.collection("sites/demo/payments")
    payments.document("deposit-b1").set(
        {
            "bookingId": "b1",
            "kind": "deposit",
            "amountCents": 2000,
            "currency": "EUR",
            "status": "succeeded",
            "createdAt": now - timedelta(hours=2),
        }
    )
    payments.document("no_show_fee-b2").set(
        {
            "bookingId": "b2",
            "kind": "no_show_fee",
            "amountCents": 1500,
            "currency": "EUR",
            "status": "not_collected",
            "reason": "no_payment_method",
            "createdAt": now - timedelta(hours=1),
        }
    )
    payments.document("refund-b3").set(
        {
            "bookingId": "b3",
            "kind": "refund",
            "amountCents": 2000,
            "currency": "EUR",
            "status": "succeeded",
            "reason": "booking_cancelled",
            "createdAt": now,
        }
    )
    nav(admin, "Payments")
    table = admin.get_by_role("table", name="Recent payments")
    rows = table.locator("tbody tr")
    expect(rows).to_have_count(3)
    expect(rows.nth(0)).to_contain_text("Refund (booking cancelled)")
    expect(rows.nth(1)).to_contain_text("No-show fee (no saved card)")
    expect(rows.nth(1)).to_contain_text("Not collected")
    expect(rows.nth(2)).to_contain_text("Deposit")
    expect(rows.nth(2)).to_contain_text("20.00")
    expect(rows.nth(2).get_by_role("link", name="Open booking")).to_have_attribute("href", "#/bookings/b1")
    shot(admin, "payments-list")


def test_without_payments_the_list_says_so(admin: Page) -> None:
    nav(admin, "Payments")
    expect(admin.locator("main")).to_contain_text("No payments yet.")
