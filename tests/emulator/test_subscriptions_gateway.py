"""The Billing calls of the Stripe gateway, made by the real SDK against the
local stand-in: a plan's Product and Prices, Checkout in subscription mode
(on the connected account with the platform's fee), cancelling at the
period's end. No emulator is needed."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from booking.adapters.stripe_billing import PriceRequest, ProductRequest, SubscriptionCheckoutRequest
from booking.adapters.stripe_events import read_billing_event
from booking.adapters.stripe_gateway import DevGateway, StripeGateway
from booking.domain.subscriptions import BillingSignal
from tests.support.stripe_stub import API_KEY, STUB


def gateway() -> StripeGateway:
    return StripeGateway(API_KEY, STUB.base)


def checkout_request(price_id: str, account: str | None = None, fee: str | None = None) -> SubscriptionCheckoutRequest:
    return SubscriptionCheckoutRequest(
        site_id="demo",
        subscription_id="s1",
        booking_id="b1",
        price_id=price_id,
        customer_email="ada@example.com",
        success_url="http://localhost/payment/?ok",
        cancel_url="http://localhost/payment/?cancelled=1",
        expires_at=datetime.now(UTC) + timedelta(minutes=31),
        dev_page_url="http://localhost/dev",
        connected_account=account,
        application_fee_percent=fee,
    )


def test_a_plan_becomes_a_product_with_a_recurring_price_and_a_new_price_on_change() -> None:
    product = gateway().create_product(ProductRequest("demo", "monthly-cut", "Monthly haircut"))
    first = gateway().create_price(PriceRequest("demo", "monthly-cut", product, 3500, "EUR", "monthly", 1))
    second = gateway().create_price(PriceRequest("demo", "monthly-cut", product, 3900, "EUR", "monthly", 2))
    assert first != second
    assert STUB.billing.prices[first]["unit_amount"] == 3500  # the old Price is never changed
    assert STUB.billing.prices[second]["recurring"] == {"interval": "month"}
    assert STUB.billing.prices[second]["currency"] == "eur"
    again = gateway().create_price(PriceRequest("demo", "monthly-cut", product, 3900, "EUR", "monthly", 2))
    assert again == second  # the same request twice (a retry) makes one Price


def test_subscription_checkout_carries_our_metadata_and_pays_into_billing_events() -> None:
    product = gateway().create_product(ProductRequest("demo", "weekly-cut", "Weekly"))
    price = gateway().create_price(PriceRequest("demo", "weekly-cut", product, 1500, "EUR", "weekly", 1))
    checkout = gateway().create_subscription_checkout(checkout_request(price))
    params = STUB.session_params(checkout.session_id)
    assert params["mode"] == "subscription"
    assert params["line_items"] == [{"price": price, "quantity": "1"}]
    assert params["subscription_data"]["metadata"]["subscriptionId"] == "s1"
    assert "application_fee_percent" not in params["subscription_data"]
    events = [read_billing_event(event) for event in STUB.billing.pay(checkout.session_id)]
    assert [event.signal if event else None for event in events] == [
        BillingSignal.CHECKOUT_COMPLETED,
        BillingSignal.INVOICE_PAID,
        None,  # customer.subscription.created: nothing to do
    ]


def test_on_a_connected_account_the_calls_name_it_and_the_fee_is_a_percentage() -> None:
    account = gateway().create_account("connected-site")
    product = gateway().create_product(ProductRequest("demo", "p-connect", "Connected", account))
    price = gateway().create_price(PriceRequest("demo", "p-connect", product, 2000, "EUR", "monthly", 1, account))
    gateway().create_subscription_checkout(checkout_request(price, account, "5.5"))
    for path in ("/v1/products", "/v1/prices", "/v1/checkout/sessions"):
        assert STUB.requests_to("POST", path)[-1].account == account
    assert (
        STUB.requests_to("POST", "/v1/checkout/sessions")[-1].params["subscription_data"]["application_fee_percent"]
        == "5.5"
    )


def test_cancelling_sets_cancel_at_period_end_on_the_subscription() -> None:
    product = gateway().create_product(ProductRequest("demo", "p-cancel", "Cancel me"))
    price = gateway().create_price(PriceRequest("demo", "p-cancel", product, 2000, "EUR", "monthly", 1))
    checkout = gateway().create_subscription_checkout(checkout_request(price))
    STUB.billing.pay(checkout.session_id)
    subscription_id = STUB.sessions[checkout.session_id]["subscription"]
    gateway().cancel_at_period_end(subscription_id, None)
    assert STUB.billing.subscriptions[subscription_id]["cancel_at_period_end"] is True
    assert STUB.billing.subscriptions[subscription_id]["status"] == "active"


def test_without_a_key_the_dev_gateway_sends_subscribers_to_the_dev_checkout() -> None:
    dev = DevGateway()
    product = dev.create_product(ProductRequest("demo", "p", "P"))
    assert product.startswith("prod_dev_")
    assert dev.create_subscription_checkout(checkout_request("price_dev_1")).url == "http://localhost/dev"
