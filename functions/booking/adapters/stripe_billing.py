"""Stripe Billing calls of the gateway (`stripe_gateway.Gateway`): a plan's
Product and Prices, Checkout in `subscription` mode, and cancelling at the
period's end. On a site with Connect every call is made on the connected
account (the `Stripe-Account` header) and the platform's fee is the
subscription's `application_fee_percent` (docs/subscriptions.md)."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

INTERVALS = {"weekly": "week", "monthly": "month"}


@dataclass(frozen=True)
class ProductRequest:
    site_id: str
    plan_id: str
    name: str
    connected_account: str | None = None


@dataclass(frozen=True)
class PriceRequest:
    site_id: str
    plan_id: str
    product_id: str
    amount_cents: int
    currency: str
    frequency: str
    """`weekly` or `monthly`."""
    version: int
    """Counts the plan's prices: one idempotency key per price asked for."""
    connected_account: str | None = None


@dataclass(frozen=True)
class SubscriptionCheckoutRequest:
    site_id: str
    subscription_id: str
    booking_id: str
    """The held first appointment."""
    price_id: str
    customer_email: str
    success_url: str
    cancel_url: str
    expires_at: datetime
    dev_page_url: str
    connected_account: str | None = None
    application_fee_percent: str | None = None

    @property
    def metadata(self) -> dict[str, str]:
        """On the session and the subscription: events find our records by it."""
        return {
            "siteId": self.site_id,
            "subscriptionId": self.subscription_id,
            "bookingId": self.booking_id,
            "kind": "subscription",
        }


def options(key: str | None, account: str | None) -> dict[str, Any]:
    found: dict[str, Any] = {}
    if key:
        found["idempotency_key"] = key
    if account:
        found["stripe_account"] = account
    return found


def create_product(client: Any, call: Any, request: ProductRequest) -> str:
    params = {"name": request.name, "metadata": {"siteId": request.site_id, "planId": request.plan_id}}
    key = f"product-{request.site_id}-{request.plan_id}"
    product = call("product", client.v1.products.create, params, options(key, request.connected_account))
    return str(product.id)


def create_price(client: Any, call: Any, request: PriceRequest) -> str:
    params = {
        "product": request.product_id,
        "unit_amount": request.amount_cents,
        "currency": request.currency.lower(),
        "recurring": {"interval": INTERVALS[request.frequency]},
        "metadata": {"siteId": request.site_id, "planId": request.plan_id},
    }
    key = f"price-{request.site_id}-{request.plan_id}-{request.version}"
    price = call("price", client.v1.prices.create, params, options(key, request.connected_account))
    return str(price.id)


def create_subscription_checkout(client: Any, call: Any, request: SubscriptionCheckoutRequest) -> tuple[str, str]:
    subscription: dict[str, Any] = {"metadata": request.metadata}
    if request.connected_account and request.application_fee_percent:
        subscription["application_fee_percent"] = request.application_fee_percent
    params = {
        "mode": "subscription",
        "line_items": [{"price": request.price_id, "quantity": 1}],
        "customer_email": request.customer_email,
        "subscription_data": subscription,
        "metadata": request.metadata,
        "client_reference_id": request.subscription_id,
        "success_url": request.success_url,
        "cancel_url": request.cancel_url,
        "expires_at": int(request.expires_at.timestamp()),
    }
    key = f"subscription-checkout-{request.site_id}-{request.subscription_id}"
    sessions = client.v1.checkout.sessions
    session = call("subscription checkout", sessions.create, cast(Any, params), options(key, request.connected_account))
    return str(session.id), str(session.url or "")


def cancel_at_period_end(client: Any, call: Any, subscription_id: str, account: str | None) -> None:
    params = {"cancel_at_period_end": True}
    key = f"cancel-{subscription_id}"
    call("subscription cancel", client.v1.subscriptions.update, subscription_id, params, options(key, account))


def dev_id(prefix: str) -> str:
    """Ids of the development gateway: nothing exists at Stripe."""
    return f"{prefix}_dev_{secrets.token_hex(8)}"


@dataclass(frozen=True)
class Checkout:
    session_id: str
    url: str


class StripeBilling:
    """The Billing calls of `stripe_gateway.StripeGateway`, which provides the
    SDK client and `_call` (a Stripe error becomes PaymentsUnavailable)."""

    client: Any
    _call: Any

    def create_product(self, request: ProductRequest) -> str:
        return create_product(self.client, self._call, request)

    def create_price(self, request: PriceRequest) -> str:
        return create_price(self.client, self._call, request)

    def create_subscription_checkout(self, request: SubscriptionCheckoutRequest) -> Checkout:
        return Checkout(*create_subscription_checkout(self.client, self._call, request))

    def cancel_at_period_end(self, subscription_id: str, connected_account: str | None) -> None:
        cancel_at_period_end(self.client, self._call, subscription_id, connected_account)


class DevBilling:
    """Billing without a Stripe key: made-up ids, and the dev checkout page."""

    def create_product(self, request: ProductRequest) -> str:
        return dev_id("prod")

    def create_price(self, request: PriceRequest) -> str:
        return dev_id("price")

    def create_subscription_checkout(self, request: SubscriptionCheckoutRequest) -> Checkout:
        return Checkout(session_id=dev_id("cs"), url=request.dev_page_url)

    def cancel_at_period_end(self, subscription_id: str, connected_account: str | None) -> None:
        """Nothing at Stripe: the use case records the cancellation itself."""
