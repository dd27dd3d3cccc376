"""A site admin's payment callables: Connect onboarding, readiness of
deposits, the no-show fee; and the emulator-only development checkout."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from booking.domain.errors import AccessDenied
from booking.services.payments import dev_checkout
from tests.emulator.test_admin_access import NO_ROLE_TOKEN, OTHER_ADMIN_TOKEN, admin_call, admin_error
from tests.emulator.test_invalid_input import dump
from tests.emulator.test_payments_checkout import book_deposit, session_of, status_token
from tests.emulator.test_payments_expiry import T0, book
from tests.support.dates import local, next_workday
from tests.support.emulator import CallableError, call
from tests.support.rules import ADMIN, ANONYMOUS
from tests.support.stripe_stub import STUB

CALLS = {
    "adminStripeConnect": {"siteId": "demo"},
    "adminGetPayments": {"siteId": "demo"},
    "adminUpdatePayments": {"siteId": "demo", "disconnect": True},
}


@pytest.mark.parametrize("name", sorted(CALLS))
def test_only_the_sites_admin_may_call_the_payment_callables(demo: Any, name: str) -> None:
    before, stripe_calls = dump(demo), len(STUB.calls)
    assert admin_error(name, CALLS[name], auth=None).status == "UNAUTHENTICATED"
    assert admin_error(name, CALLS[name], auth=NO_ROLE_TOKEN).status == "PERMISSION_DENIED"
    assert admin_error(name, CALLS[name], auth=OTHER_ADMIN_TOKEN).status == "PERMISSION_DENIED"
    assert dump(demo) == before
    assert len(STUB.calls) == stripe_calls


def test_connect_onboarding_makes_deposits_bookable_once_the_account_takes_charges(demo: Any) -> None:
    accounts_before = len(STUB.requests_to("POST", "/v1/accounts"))
    link = admin_call("adminStripeConnect", {"siteId": "demo", "returnUrl": "https://salon.example/admin"})
    account = link["accountId"]
    assert link["url"] == f"{STUB.base}/connect/onboarding/{account}"
    assert STUB.accounts[account]["metadata"] == {"siteId": "demo"}
    private = demo.document("sites/demo/private/payments").get().to_dict()
    assert private["connectedAccountId"] == account
    assert demo.document("sites/demo").get().get("payments")["ready"] is False

    again = admin_call("adminStripeConnect", {"siteId": "demo"})
    assert again["accountId"] == account
    assert len(STUB.requests_to("POST", "/v1/accounts")) == accounts_before + 1
    assert STUB.requests_to("POST", "/v1/account_links")[-1].params["type"] == "account_onboarding"

    overview = admin_call("adminGetPayments", {"siteId": "demo"})
    assert overview["ready"] is False
    assert overview["connect"] == {"accountId": account, "chargesEnabled": False, "detailsSubmitted": False}
    assert "colour" not in {s["id"] for s in call("getBookingConfig", {"siteId": "demo"})["services"]}

    STUB.accounts[account].update(charges_enabled=True, details_submitted=True)
    overview = admin_call("adminGetPayments", {"siteId": "demo"})
    assert overview["ready"] is True
    assert overview["mode"] == "test"
    assert demo.document("sites/demo").get().get("payments")["ready"] is True
    assert "colour" in {s["id"] for s in call("getBookingConfig", {"siteId": "demo"})["services"]}

    overview = admin_call("adminUpdatePayments", {"siteId": "demo", "disconnect": True})
    assert overview["connect"] is None
    assert "connectedAccountId" not in demo.document("sites/demo/private/payments").get().to_dict()


def test_the_no_show_fee_is_validated_and_saved_in_the_sites_settings(demo: Any) -> None:
    fee = {"enabled": True, "kind": "percent", "percent": 20}
    overview = admin_call("adminUpdatePayments", {"siteId": "demo", "noShowFee": fee})
    assert overview["noShowFee"] == {"enabled": True, "kind": "percent", "percent": 20.0}
    assert demo.document("sites/demo").get().get("settings")["noShowFee"] == {
        "enabled": True,
        "kind": "percent",
        "percent": 20.0,
    }
    assert demo.document("sites/demo").get().get("settings")["slotIntervalMinutes"] == 30  # the rest kept

    before = dump(demo)
    for bad, field in [
        ({"enabled": True, "kind": "percent", "percent": 150}, "noShowFee.percent"),
        ({"enabled": True, "kind": "fixed", "amountCents": 0}, "noShowFee.amountCents"),
        ({"enabled": True, "kind": "later"}, "noShowFee.kind"),
        ({"enabled": "yes"}, "noShowFee.enabled"),
        ({"enabled": True, "kind": "fixed", "amountCents": 500, "cap": 1}, "noShowFee.cap"),
    ]:
        error = admin_error("adminUpdatePayments", {"siteId": "demo", "noShowFee": bad})
        assert (error.status, error.message.split(":")[0]) == ("INVALID_ARGUMENT", field)
    assert admin_error("adminUpdatePayments", {"siteId": "demo", "refund": True}).status == "INVALID_ARGUMENT"
    assert dump(demo) == before


def test_the_admin_sees_the_sites_payments(demo: Any) -> None:
    booking = book_deposit(demo, local(next_workday(4), 13))
    for event in STUB.pay(session_of(booking)):
        STUB.deliver(event)
    [payment] = admin_call("adminGetPayments", {"siteId": "demo"})["payments"]
    assert payment["id"] == f"deposit-{booking['bookingId']}"
    assert (payment["kind"], payment["amountCents"], payment["status"]) == ("deposit", 2000, "succeeded")
    assert payment["createdAt"].endswith("+00:00")


def test_the_development_checkout_confirms_through_the_webhooks_use_case(demo: Any) -> None:
    booking = book_deposit(demo, local(next_workday(4), 9))
    token = status_token(session_of(booking))
    request = {"siteId": "demo", "bookingId": booking["bookingId"], "token": token}
    with pytest.raises(CallableError) as wrong:
        call("completeDevCheckout", {**request, "token": "y" * 32})
    assert wrong.value.status == "PERMISSION_DENIED"

    status = call("completeDevCheckout", request)
    assert (status["status"], status["depositStatus"]) == ("confirmed", "paid")
    stored = demo.document(f"sites/demo/bookings/{booking['bookingId']}").get().to_dict()
    assert stored["statusHistory"][-1]["by"] == "payment"
    assert stored["payment"]["paymentMethodId"].startswith("pm_dev_")
    assert demo.document(f"stripeEvents/dev_{session_of(booking)}").get().exists
    assert call("completeDevCheckout", request)["status"] == "confirmed"  # pressed twice: nothing more
    assert len(stored["statusHistory"]) == 2


def test_without_a_stripe_key_the_emulator_sends_clients_to_the_development_checkout(
    demo: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    demo.document("sites/demo").update({"payments.ready": True})
    monkeypatch.setenv("STRIPE_SECRET_KEY", "")
    monkeypatch.setenv("FUNCTIONS_EMULATOR", "true")
    booking = book(local(next_workday(4), 10), T0)
    url = urlsplit(booking["checkoutUrl"])
    assert url.path == "/payment/dev-checkout"
    assert parse_qs(url.query) == {"site": ["demo"], "booking": [booking["bookingId"]]}
    stored = demo.document(f"sites/demo/bookings/{booking['bookingId']}").get().to_dict()
    assert stored["payment"]["mode"] == "dev"
    assert stored["payment"]["checkoutSessionId"].startswith("cs_dev_")
    token = parse_qs(url.fragment)["token"][0]
    assert (
        dev_checkout.complete_dev_checkout("demo", booking["bookingId"], token, T0).booking.status.value == "confirmed"
    )


def test_the_development_checkout_refuses_outside_the_emulator(demo: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FUNCTIONS_EMULATOR", raising=False)
    with pytest.raises(AccessDenied):
        dev_checkout.complete_dev_checkout("demo", "any", "z" * 32, T0)


SERVER_ONLY = ["sites/demo/payments/deposit-b1", "sites/demo/private/payments", "stripeEvents/evt_1"]


@pytest.mark.parametrize("path", SERVER_ONLY)
def test_payment_records_and_settings_are_for_the_server_only(demo: Any, path: str) -> None:
    demo.document(path).set({"status": "succeeded"})
    for client in (ANONYMOUS, ADMIN):
        assert not client.can_read(path)
        assert not client.can_write(path)
