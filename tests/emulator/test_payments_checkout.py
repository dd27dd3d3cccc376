"""Deposit bookings through Stripe Checkout, end to end: the callable, the
real SDK against the local Stripe stand-in, signed webhooks to the
functions emulator, and the result page's status callable."""

from __future__ import annotations

import time
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.emulator.email_support import book, outbox
from tests.emulator.test_admin_access import admin_call
from tests.support.dates import local, next_workday
from tests.support.emulator import CallableError, call
from tests.support.stripe_stub import STUB

DEPOSIT_CENTS = 2000


def book_deposit(db: Any, start: str, email: str = "grace@example.com", ip: str = "203.0.113.40") -> dict[str, Any]:
    db.document("sites/demo").update({"payments.ready": True})
    return call(
        "createBooking",
        {
            "siteId": "demo",
            "serviceId": "colour",
            "branchId": "centrum",
            "staffId": "anna",
            "start": start,
            "customer": {"name": "Grace Hopper", "email": email},
            "answers": {"allergies": "none"},
        },
        ip=ip,
    )


def session_of(booking: dict[str, Any]) -> str:
    return booking["checkoutUrl"].rsplit("/", 1)[-1]


def status_token(session_id: str) -> str:
    """The result page's token, as Checkout hands it back in the success URL."""
    return parse_qs(urlsplit(STUB.sessions[session_id]["success_url"]).fragment)["token"][0]


def wait_for(condition: Any, timeout: float = 30) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if value := condition():
            return value
        time.sleep(0.25)
    raise AssertionError("condition not met in time")


def test_deposit_booking_opens_checkout_for_the_deposit_and_is_confirmed_once_paid(demo: Any) -> None:
    booking = book_deposit(demo, local(next_workday(3), 10))
    assert booking["status"] == "pending_payment"
    assert booking["checkoutUrl"].startswith(f"{STUB.base}/checkout/cs_test_")
    session_id = session_of(booking)

    params = STUB.session_params(session_id)
    assert params["mode"] == "payment"
    price = params["line_items"][0]["price_data"]
    assert (price["unit_amount"], price["currency"]) == (str(DEPOSIT_CENTS), "eur")
    assert params["payment_intent_data"]["setup_future_usage"] == "off_session"
    assert params["metadata"] == {"siteId": "demo", "bookingId": booking["bookingId"], "kind": "deposit"}
    assert params["payment_intent_data"]["metadata"] == params["metadata"]
    assert "transfer_data" not in params["payment_intent_data"]  # no connected account: the platform's
    success, cancel = urlsplit(params["success_url"]), urlsplit(params["cancel_url"])
    assert success.path == cancel.path == "/payment/"
    assert parse_qs(success.query) == {"site": ["demo"], "booking": [booking["bookingId"]]}
    assert parse_qs(cancel.query)["cancelled"] == ["1"]
    assert STUB.requests_to("POST", "/v1/checkout/sessions")[-1].idempotency_key

    token = status_token(session_id)
    status = call("getPaymentStatus", {"siteId": "demo", "bookingId": booking["bookingId"], "token": token})
    assert (status["status"], status["depositStatus"], status["amountCents"]) == ("pending_payment", "pending", 2000)
    assert status["checkoutUrl"] == booking["checkoutUrl"]

    for event in STUB.pay(session_id):
        assert STUB.deliver(event).status_code == 200

    ref = demo.document(f"sites/demo/bookings/{booking['bookingId']}")
    stored = ref.get().to_dict()
    assert stored["status"] == "confirmed"
    assert stored["holdExpiresAt"] is None
    assert [entry["to"] for entry in stored["statusHistory"]] == ["pending_payment", "confirmed"]
    intent = STUB.sessions[session_id]["payment_intent"]
    assert stored["payment"]["customerId"] == STUB.intents[intent]["customer"]
    assert stored["payment"]["paymentMethodId"] == STUB.intents[intent]["payment_method"]
    deposit = demo.document(f"sites/demo/payments/deposit-{booking['bookingId']}").get().to_dict()
    assert deposit["kind"] == "deposit"
    assert (deposit["amountCents"], deposit["currency"], deposit["status"]) == (2000, "EUR", "succeeded")
    assert deposit["stripe"]["paymentIntentId"] == intent
    assert deposit["stripe"]["checkoutSessionId"] == session_id

    status = call("getPaymentStatus", {"siteId": "demo", "bookingId": booking["bookingId"], "token": token})
    assert (status["status"], status["depositStatus"], status["checkoutUrl"]) == ("confirmed", "paid", None)


def test_payment_status_needs_the_token_from_the_return_url(demo: Any) -> None:
    booking = book_deposit(demo, local(next_workday(3), 14))
    with pytest.raises(CallableError) as refused:
        call("getPaymentStatus", {"siteId": "demo", "bookingId": booking["bookingId"], "token": "x" * 32})
    assert refused.value.status == "PERMISSION_DENIED"
    with pytest.raises(CallableError) as manage_token:
        call("getPaymentStatus", {"siteId": "demo", "bookingId": booking["bookingId"], "token": booking["manageToken"]})
    assert manage_token.value.status == "PERMISSION_DENIED"


def test_a_connected_account_receives_the_deposit_minus_the_platform_fee(demo: Any) -> None:
    demo.document("sites/demo/private/payments").set({"connectedAccountId": "acct_salon", "feePercent": 2.5})
    booking = book_deposit(demo, local(next_workday(3), 11))
    intent = STUB.session_params(session_of(booking))["payment_intent_data"]
    assert intent["transfer_data"] == {"destination": "acct_salon"}
    assert intent["application_fee_amount"] == "50"  # 2.5 % of 20.00
    stored = demo.document(f"sites/demo/bookings/{booking['bookingId']}").get().to_dict()
    assert stored["payment"]["connectedAccountId"] == "acct_salon"
    assert stored["payment"]["applicationFeeCents"] == 50


def test_when_stripe_is_down_the_booking_is_refused_and_its_slot_freed(demo: Any) -> None:
    start = local(next_workday(3), 15)
    STUB.failing = True
    try:
        with pytest.raises(CallableError) as refused:
            book_deposit(demo, start)
    finally:
        STUB.failing = False
    assert refused.value.status == "FAILED_PRECONDITION"
    stored = [doc.to_dict() for doc in demo.collection("sites/demo/bookings").stream()]
    assert [booking["status"] for booking in stored] == ["cancelled"]
    assert not list(demo.collection("sites/demo/locks").stream())
    assert outbox(demo) == []  # the refusal tells the client; no e-mail about a booking never made
    assert book_deposit(demo, start)["status"] == "pending_payment"


def expiries(session_id: str) -> int:
    return len(STUB.requests_to("POST", f"/v1/checkout/sessions/{session_id}/expire"))


def cancel(booking: dict[str, Any], ip: str = "203.0.113.41") -> dict[str, Any]:
    """The client's cancel, as the widget and the manage page send it."""
    request = {"siteId": "demo", "bookingId": booking["bookingId"], "token": booking["manageToken"]}
    result: dict[str, Any] = call("cancelBooking", request, ip=ip)
    return result


def test_a_client_cancel_of_an_unpaid_deposit_booking_expires_its_checkout_session(demo: Any) -> None:
    start = local(next_workday(3), 10)
    booking = book_deposit(demo, start)
    session_id = session_of(booking)

    assert cancel(booking)["status"] == "cancelled"
    assert expiries(session_id) == 1
    assert STUB.sessions[session_id]["status"] == "expired"
    with pytest.raises(AssertionError, match="is expired"):
        STUB.pay(session_id)  # Checkout no longer takes the money
    status = call(
        "getPaymentStatus", {"siteId": "demo", "bookingId": booking["bookingId"], "token": status_token(session_id)}
    )
    assert (status["status"], status["depositStatus"], status["checkoutUrl"]) == ("cancelled", "pending", None)
    assert book_deposit(demo, start, ip="203.0.113.42")["status"] == "pending_payment"  # the time is free


def test_a_payment_under_way_when_the_client_cancels_is_refunded(demo: Any) -> None:
    booking = book_deposit(demo, local(next_workday(3), 11))
    session_id = session_of(booking)
    events = STUB.pay(session_id)  # paid at Stripe; the webhook has not arrived yet

    assert cancel(booking)["status"] == "cancelled"  # Stripe refuses to expire a paid session: only logged
    assert expiries(session_id) == 1
    for event in events:
        assert STUB.deliver(event).status_code == 200

    stored = demo.document(f"sites/demo/bookings/{booking['bookingId']}").get().to_dict()
    assert (stored["status"], stored["payment"]["depositStatus"]) == ("cancelled", "refunded")
    refund = demo.document(f"sites/demo/payments/refund-{booking['bookingId']}").get().to_dict()
    assert (refund["status"], refund["amountCents"], refund["reason"]) == ("succeeded", 2000, "booking_cancelled")


def test_a_cancel_still_succeeds_when_stripe_is_down_and_a_later_payment_is_refunded(demo: Any) -> None:
    booking = book_deposit(demo, local(next_workday(3), 14))
    session_id = session_of(booking)
    STUB.failing = True
    try:
        assert cancel(booking)["status"] == "cancelled"
    finally:
        STUB.failing = False
    assert expiries(session_id) >= 1  # tried (the SDK retries), failed, logged
    assert STUB.sessions[session_id]["status"] == "open"

    for event in STUB.pay(session_id):
        assert STUB.deliver(event).status_code == 200
    refund = demo.document(f"sites/demo/payments/refund-{booking['bookingId']}").get().to_dict()
    assert (refund["status"], refund["reason"]) == ("succeeded", "booking_cancelled")


def test_an_admin_cancel_of_an_unpaid_deposit_booking_expires_its_checkout_session(demo: Any) -> None:
    booking = book_deposit(demo, local(next_workday(3), 9))
    session_id = session_of(booking)

    admin_call("adminChangeBookingStatus", {"siteId": "demo", "bookingId": booking["bookingId"], "action": "cancel"})
    assert expiries(session_id) == 1
    assert STUB.sessions[session_id]["status"] == "expired"


def test_a_client_cancel_of_a_confirmed_booking_touches_no_checkout_session(demo: Any) -> None:
    paid = book_deposit(demo, local(next_workday(3), 10))
    session_id = session_of(paid)
    for event in STUB.pay(session_id):
        assert STUB.deliver(event).status_code == 200
    plain = book(local(next_workday(3), 10), staff="ben")
    assert plain["status"] == "confirmed"
    before = len(STUB.requests_to("POST", "/v1/checkout/sessions/"))

    assert cancel(paid)["status"] == "cancelled"
    assert cancel(plain, ip="203.0.113.44")["status"] == "cancelled"
    assert len(STUB.requests_to("POST", "/v1/checkout/sessions/")) == before  # no expiry, nothing new
    assert STUB.sessions[session_id]["status"] == "complete"


def test_the_return_address_carries_the_manage_token_and_the_widgets_page(demo: Any) -> None:
    demo.document("sites/demo").update({"payments.ready": True})
    request = {
        "siteId": "demo",
        "serviceId": "colour",
        "branchId": "centrum",
        "staffId": "anna",
        "start": local(next_workday(3), 14),
        "customer": {"name": "Grace Hopper", "email": "grace@example.com"},
        "answers": {"allergies": "none"},
        "returnUrl": "https://shop.example/appointments",
    }
    booking = call("createBooking", request, ip="203.0.113.44")
    session = STUB.sessions[session_of(booking)]
    for url in (session["success_url"], session["cancel_url"]):
        fragment = parse_qs(urlsplit(url).fragment)
        assert fragment["manage"] == [booking["manageToken"]]
        assert fragment["back"] == ["https://shop.example/appointments"]
    with pytest.raises(CallableError) as refused:
        call("createBooking", {**request, "returnUrl": "javascript:alert(1)"}, ip="203.0.113.45")
    assert (refused.value.status, refused.value.message.split(":")[0]) == ("INVALID_ARGUMENT", "returnUrl")


def test_only_the_bookings_manage_token_gives_an_unpaid_hold_back(demo: Any) -> None:
    booking = book_deposit(demo, local(next_workday(3), 15), ip="203.0.113.46")
    booking_id = booking["bookingId"]
    stranger_tokens = [status_token(session_of(booking)), "x" * 43]  # the payment page's token is not one
    for token in stranger_tokens:
        with pytest.raises(CallableError) as refused:
            call("cancelBooking", {"siteId": "demo", "bookingId": booking_id, "token": token}, ip="203.0.113.47")
        assert refused.value.status == "PERMISSION_DENIED"
    assert demo.document(f"sites/demo/bookings/{booking_id}").get().get("status") == "pending_payment"

    manage = parse_qs(urlsplit(STUB.sessions[session_of(booking)]["cancel_url"]).fragment)["manage"][0]
    released = call("cancelBooking", {"siteId": "demo", "bookingId": booking_id, "token": manage}, ip="203.0.113.48")
    assert released["status"] == "cancelled"
    assert demo.document(f"sites/demo/bookings/{booking_id}").get().get("status") == "cancelled"
