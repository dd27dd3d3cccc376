"""The Stripe Billing part of the local stand-in (`stripe_stub`): Products,
Prices, Checkout in subscription mode, Subscriptions and their Invoices, and
the events a paying, renewing, failing or ending subscription sends."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tests.support.stripe_stub import StripeStub

PERIOD_SECONDS = {"week": 7 * 86400, "month": 30 * 86400}
"""The stand-in's periods; the code under test reads the ends from the events."""

Reply = tuple[int, dict[str, Any]]


class Billing:
    def __init__(self, stub: StripeStub) -> None:
        self.stub = stub
        self.products: dict[str, dict[str, Any]] = {}
        self.prices: dict[str, dict[str, Any]] = {}
        self.subscriptions: dict[str, dict[str, Any]] = {}
        self.invoices: dict[str, dict[str, Any]] = {}

    def routes(self) -> list[tuple[str, str, Callable[..., Reply]]]:
        return [
            ("POST", r"/v1/products", self.create_product),
            ("POST", r"/v1/prices", self.create_price),
            ("GET", r"/v1/subscriptions/([^/]+)", self.get_subscription),
            ("POST", r"/v1/subscriptions/([^/]+)", self.update_subscription),
            ("GET", r"/v1/invoices/([^/]+)", self.get_invoice),
        ]

    def create_product(self, params: dict[str, Any]) -> Reply:
        product = {"id": self.stub.new_id("prod"), "object": "product", "name": params.get("name")}
        product["metadata"] = params.get("metadata") or {}
        self.products[product["id"]] = product
        return 200, dict(product)

    def create_price(self, params: dict[str, Any]) -> Reply:
        if params.get("product") not in self.products:
            return 400, _error(f"No such product: '{params.get('product')}'")
        price = {
            "id": self.stub.new_id("price"),
            "object": "price",
            "product": params["product"],
            "unit_amount": int(params["unit_amount"]),
            "currency": params["currency"],
            "recurring": {"interval": params["recurring"]["interval"]},
            "metadata": params.get("metadata") or {},
        }
        self.prices[price["id"]] = price
        return 200, dict(price)

    def create_session(self, params: dict[str, Any]) -> Reply:
        price = self.prices.get(params["line_items"][0].get("price", ""))
        if price is None:
            return 400, _error("No such price")
        session_id = self.stub.new_id("cs_test")
        session = {
            "id": session_id,
            "object": "checkout.session",
            "url": f"{self.stub.base}/checkout/{session_id}",
            "mode": "subscription",
            "status": "open",
            "payment_status": "unpaid",
            "amount_total": price["unit_amount"],
            "currency": price["currency"],
            "customer": None,
            "customer_email": params.get("customer_email"),
            "subscription": None,
            "metadata": params.get("metadata") or {},
            "client_reference_id": params.get("client_reference_id"),
            "success_url": params.get("success_url"),
            "cancel_url": params.get("cancel_url"),
            "expires_at": int(params.get("expires_at", 0)),
            "_params": params,
            "_name": self.products[price["product"]]["name"],
        }
        self.stub.sessions[session_id] = session
        return 200, self.stub.public(session)

    def get_subscription(self, params: dict[str, Any], subscription_id: str) -> Reply:
        if subscription_id not in self.subscriptions:
            return 404, _error(f"No such subscription: '{subscription_id}'")
        return 200, self.stub.public(self.subscriptions[subscription_id])

    def update_subscription(self, params: dict[str, Any], subscription_id: str) -> Reply:
        subscription = self.subscriptions.get(subscription_id)
        if subscription is None:
            return 404, _error(f"No such subscription: '{subscription_id}'")
        if "cancel_at_period_end" in params:
            subscription["cancel_at_period_end"] = params["cancel_at_period_end"] == "true"
        return 200, self.stub.public(subscription)

    def get_invoice(self, params: dict[str, Any], invoice_id: str) -> Reply:
        if invoice_id not in self.invoices:
            return 404, _error(f"No such invoice: '{invoice_id}'")
        return 200, dict(self.invoices[invoice_id])

    # --- what happens over time --------------------------------------------------

    def pay(self, session_id: str) -> list[dict[str, Any]]:
        """The client pays a subscription Checkout: the subscription starts
        and its first invoice is paid; returns Stripe's events."""
        stub = self.stub
        session = stub.sessions[session_id]
        params = session["_params"]
        price = self.prices[params["line_items"][0]["price"]]
        data = params.get("subscription_data") or {}
        now = int(time.time())
        subscription = {
            "id": stub.new_id("sub"),
            "object": "subscription",
            "status": "active",
            "customer": stub.new_id("cus"),
            "cancel_at_period_end": False,
            "metadata": data.get("metadata") or {},
            "application_fee_percent": data.get("application_fee_percent"),
            "items": {"data": [{"price": dict(price), "current_period_start": now, "current_period_end": 0}]},
            "_period": PERIOD_SECONDS[price["recurring"]["interval"]],
        }
        self._set_period(subscription, now)
        self.subscriptions[subscription["id"]] = subscription
        session.update(
            status="complete", payment_status="paid", subscription=subscription["id"], customer=subscription["customer"]
        )
        invoice = self._invoice(subscription, "paid")
        return [
            stub.event("checkout.session.completed", stub.public(session)),
            stub.event("invoice.paid", invoice),
            stub.event("customer.subscription.created", stub.public(subscription)),
        ]

    def renew(self, subscription_id: str) -> list[dict[str, Any]]:
        """The next period begins and its invoice is paid."""
        subscription = self.subscriptions[subscription_id]
        self._set_period(subscription, subscription["items"]["data"][0]["current_period_end"])
        return [self.stub.event("invoice.paid", self._invoice(subscription, "paid"))]

    def fail_renewal(self, subscription_id: str, final: bool) -> list[dict[str, Any]]:
        """The next period's invoice fails; `final`: Stripe's last retry."""
        subscription = self.subscriptions[subscription_id]
        subscription["status"] = "unpaid" if final else "past_due"
        item = subscription["items"]["data"][0]
        end = item["current_period_end"]
        invoice = self._invoice(subscription, "open", period=(end, end + subscription["_period"]))
        invoice["next_payment_attempt"] = None if final else int(time.time()) + 3 * 86400
        return [
            self.stub.event("invoice.payment_failed", invoice),
            self.stub.event("customer.subscription.updated", self.stub.public(subscription)),
        ]

    def end(self, subscription_id: str) -> list[dict[str, Any]]:
        """Stripe ends the subscription (its cancelled period is over)."""
        subscription = self.subscriptions[subscription_id]
        subscription["status"] = "canceled"
        return [self.stub.event("customer.subscription.deleted", self.stub.public(subscription))]

    def updated(self, subscription_id: str) -> list[dict[str, Any]]:
        return [self.stub.event("customer.subscription.updated", self.stub.public(self.subscriptions[subscription_id]))]

    def _set_period(self, subscription: dict[str, Any], start: int) -> None:
        item = subscription["items"]["data"][0]
        item.update(current_period_start=start, current_period_end=start + subscription["_period"])

    def _invoice(
        self, subscription: dict[str, Any], status: str, period: tuple[int, int] | None = None
    ) -> dict[str, Any]:
        item = subscription["items"]["data"][0]
        start, end = period or (item["current_period_start"], item["current_period_end"])
        amount = item["price"]["unit_amount"]
        invoice = {
            "id": self.stub.new_id("in"),
            "object": "invoice",
            "status": status,
            "customer": subscription["customer"],
            "currency": item["price"]["currency"],
            "amount_due": amount,
            "amount_paid": amount if status == "paid" else 0,
            "parent": {
                "type": "subscription_details",
                "subscription_details": {"subscription": subscription["id"], "metadata": subscription["metadata"]},
            },
            "lines": {"data": [{"period": {"start": start, "end": end}, "amount": amount}]},
            "next_payment_attempt": None,
        }
        self.invoices[invoice["id"]] = invoice
        return dict(invoice)


def _error(message: str) -> dict[str, Any]:
    return {"error": {"type": "invalid_request_error", "message": message}}
