"""Stripe behind a small interface, so use cases never see the SDK.

The secret key and the webhook secret are Firebase secrets (booking.config),
read when a call is made. `STRIPE_API_BASE` (plain environment) points the
SDK at a local stand-in. Without a key, the emulator gets a development
gateway whose "Checkout" is a page of our own; production refuses to take
payments.
The SDK is imported only inside the calls that need it.
"""

from __future__ import annotations

import json
import logging
import os
import secrets
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol, cast

from booking.adapters import stripe_billing as billing
from booking.config import STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET, is_emulator
from booking.domain.errors import Conflict

KEY_PREFIXES = ("sk_", "rk_")
"""Anything else (e.g. the placeholder `none`) means Stripe is not set up."""
log = logging.getLogger(__name__)


class PaymentsUnavailable(Conflict):
    """Stripe is not configured, or a call to it failed."""

    def __init__(self, message: str = "Payments are not available right now, please try again later") -> None:
        super().__init__(message)


class InvalidSignature(Exception):
    """A webhook request that Stripe did not sign with our secret."""


@dataclass(frozen=True)
class CheckoutRequest:
    site_id: str
    booking_id: str
    amount_cents: int
    currency: str
    description: str
    customer_email: str
    success_url: str
    cancel_url: str
    expires_at: datetime
    dev_page_url: str
    """Where the local stand-in Checkout lives; used by the dev gateway only."""
    connected_account: str | None = None
    application_fee_cents: int = 0


Checkout = billing.Checkout
"""A Checkout Session: its id and the address the client pays at."""


@dataclass(frozen=True)
class CardOnFile:
    """The card a completed Checkout saved, for charges off-session later."""

    customer_id: str | None
    payment_method_id: str | None


@dataclass(frozen=True)
class OffSessionCharge:
    site_id: str
    booking_id: str
    amount_cents: int
    currency: str
    customer_id: str
    payment_method_id: str
    connected_account: str | None = None
    application_fee_cents: int = 0


@dataclass(frozen=True)
class ChargeResult:
    payment_intent_id: str | None
    status: str
    """Stripe's PaymentIntent status, or `failed` when the card was refused."""
    error: str = ""


class Gateway(Protocol):
    mode: str

    def create_checkout(self, request: CheckoutRequest) -> Checkout: ...
    def card_on_file(self, session_id: str) -> CardOnFile: ...
    def expire_checkout(self, session_id: str) -> bool: ...
    def charge_off_session(self, charge: OffSessionCharge) -> ChargeResult: ...
    def refund(self, payment_intent_id: str, amount_cents: int, connected: bool, key: str) -> tuple[str, str]: ...
    def create_account(self, site_id: str) -> str: ...
    def account_link(self, account_id: str, refresh_url: str, return_url: str) -> str: ...
    def account_status(self, account_id: str) -> tuple[bool, bool]: ...
    # Billing (adapters/stripe_billing.py)
    def create_product(self, request: billing.ProductRequest) -> str: ...
    def create_price(self, request: billing.PriceRequest) -> str: ...
    def create_subscription_checkout(self, request: billing.SubscriptionCheckoutRequest) -> billing.Checkout: ...
    def cancel_at_period_end(self, subscription_id: str, connected_account: str | None) -> None: ...


def stripe_configured() -> bool:
    return STRIPE_SECRET_KEY.value.startswith(KEY_PREFIXES)


def stripe_available() -> bool:
    """A deposit can be taken: through Stripe, or the emulator's stand-in."""
    return stripe_configured() or is_emulator()


def gateway() -> Gateway:
    key = STRIPE_SECRET_KEY.value
    if key.startswith(KEY_PREFIXES):
        return StripeGateway(key, os.environ.get("STRIPE_API_BASE") or None)
    if is_emulator():
        return DevGateway()
    raise PaymentsUnavailable("Stripe is not configured on this server")


def verify_event(payload: bytes, signature: str | None) -> dict[str, Any]:
    """The event, if Stripe signed exactly these bytes with our secret recently."""
    import stripe

    secret = STRIPE_WEBHOOK_SECRET.value
    if not secret or not signature:
        raise InvalidSignature("missing signature or webhook secret")
    try:
        text = payload.decode("utf-8")
        stripe.Webhook.construct_event(text, signature, secret)
        event: dict[str, Any] = json.loads(text)
    except (ValueError, IndexError, stripe.SignatureVerificationError) as error:
        raise InvalidSignature(str(error)) from error
    return event


class StripeGateway(billing.StripeBilling):
    """The real Stripe API through the official SDK (Billing: stripe_billing.py)."""

    def __init__(self, api_key: str, api_base: str | None = None) -> None:
        import stripe

        addresses = cast(Any, {"api": api_base}) if api_base else None
        self.client = stripe.StripeClient(api_key, base_addresses=addresses, max_network_retries=2)
        self.mode = "test" if api_key.startswith(("sk_test_", "rk_test_")) else "live"

    def _call(self, what: str, call: Any, *args: Any, **kwargs: Any) -> Any:
        import stripe

        try:
            return call(*args, **kwargs)
        except stripe.StripeError as error:
            log.warning("Stripe %s failed: %s", what, error)
            raise PaymentsUnavailable() from error

    def create_checkout(self, request: CheckoutRequest) -> Checkout:
        metadata = {"siteId": request.site_id, "bookingId": request.booking_id, "kind": "deposit"}
        intent: dict[str, Any] = {"setup_future_usage": "off_session", "metadata": metadata}
        if request.connected_account:
            intent["transfer_data"] = {"destination": request.connected_account}
            if request.application_fee_cents:
                intent["application_fee_amount"] = request.application_fee_cents
        params = {
            "mode": "payment",
            "line_items": [
                {
                    "quantity": 1,
                    "price_data": {
                        "currency": request.currency.lower(),
                        "unit_amount": request.amount_cents,
                        "product_data": {"name": request.description},
                    },
                }
            ],
            "customer_email": request.customer_email,
            "customer_creation": "always",
            "payment_intent_data": intent,
            "metadata": metadata,
            "client_reference_id": request.booking_id,
            "success_url": request.success_url,
            "cancel_url": request.cancel_url,
            "expires_at": int(request.expires_at.timestamp()),
        }
        key = f"checkout-{request.site_id}-{request.booking_id}"
        sessions = self.client.v1.checkout.sessions
        session = self._call("checkout", sessions.create, cast(Any, params), {"idempotency_key": key})
        return Checkout(session_id=session.id, url=session.url or "")

    def card_on_file(self, session_id: str) -> CardOnFile:
        sessions = self.client.v1.checkout.sessions
        session = self._call("session lookup", sessions.retrieve, session_id, {"expand": ["payment_intent"]})
        intent = None if isinstance(session.payment_intent, str) else session.payment_intent
        customer = _id_of(session.customer) or _id_of(getattr(intent, "customer", None))
        return CardOnFile(customer_id=customer, payment_method_id=_id_of(getattr(intent, "payment_method", None)))

    def expire_checkout(self, session_id: str) -> bool:
        import stripe

        try:
            self.client.v1.checkout.sessions.expire(session_id)
        except stripe.InvalidRequestError as error:
            log.info("Checkout Session %s not expired: %s", session_id, error)
            return False
        except stripe.StripeError as error:
            raise PaymentsUnavailable() from error
        return True

    def charge_off_session(self, charge: OffSessionCharge) -> ChargeResult:
        import stripe

        params: dict[str, Any] = {
            "amount": charge.amount_cents,
            "currency": charge.currency.lower(),
            "customer": charge.customer_id,
            "payment_method": charge.payment_method_id,
            "off_session": True,
            "confirm": True,
            "metadata": {"siteId": charge.site_id, "bookingId": charge.booking_id, "kind": "no_show_fee"},
        }
        if charge.connected_account:
            params["transfer_data"] = {"destination": charge.connected_account}
            if charge.application_fee_cents:
                params["application_fee_amount"] = charge.application_fee_cents
        key = f"no-show-fee-{charge.site_id}-{charge.booking_id}"
        try:
            intent = self.client.v1.payment_intents.create(cast(Any, params), {"idempotency_key": key})
        except stripe.CardError as error:
            failed = getattr(error.error, "payment_intent", None) if error.error else None
            return ChargeResult(_id_of(failed), "failed", error.code or "card_error")
        except stripe.StripeError as error:
            raise PaymentsUnavailable() from error
        return ChargeResult(intent.id, intent.status)

    def refund(self, payment_intent_id: str, amount_cents: int, connected: bool, key: str) -> tuple[str, str]:
        params: dict[str, Any] = {"payment_intent": payment_intent_id, "amount": amount_cents}
        if connected:
            params.update(reverse_transfer=True, refund_application_fee=True)
        refunds = self.client.v1.refunds
        refund = self._call("refund", refunds.create, cast(Any, params), {"idempotency_key": key})
        return refund.id, refund.status or "pending"

    def create_account(self, site_id: str) -> str:
        params = {
            "type": "express",
            "metadata": {"siteId": site_id},
            "capabilities": {"card_payments": {"requested": True}, "transfers": {"requested": True}},
        }
        accounts = self.client.v1.accounts
        account = self._call("account", accounts.create, cast(Any, params), {"idempotency_key": f"account-{site_id}"})
        return str(account.id)

    def account_link(self, account_id: str, refresh_url: str, return_url: str) -> str:
        params = {"account": account_id, "type": "account_onboarding", "refresh_url": refresh_url}
        links = self.client.v1.account_links
        link = self._call("account link", links.create, cast(Any, {**params, "return_url": return_url}))
        return str(link.url)

    def account_status(self, account_id: str) -> tuple[bool, bool]:
        account = self._call("account lookup", self.client.v1.accounts.retrieve, account_id)
        return bool(account.charges_enabled), bool(account.details_submitted)


NO_CONNECT = "Stripe Connect needs the platform's Stripe key: see docs/payments.md"


class DevGateway(billing.DevBilling):
    """The emulator without a Stripe key: a Checkout page of our own, and
    charges and refunds that succeed without any money moving."""

    mode = "dev"

    def create_checkout(self, request: CheckoutRequest) -> Checkout:
        return Checkout(session_id=f"cs_dev_{secrets.token_hex(12)}", url=request.dev_page_url)

    def card_on_file(self, session_id: str) -> CardOnFile:
        return CardOnFile(customer_id=None, payment_method_id=None)

    def expire_checkout(self, session_id: str) -> bool:
        return True

    def charge_off_session(self, charge: OffSessionCharge) -> ChargeResult:
        return ChargeResult(f"pi_dev_{secrets.token_hex(12)}", "succeeded")

    def refund(self, payment_intent_id: str, amount_cents: int, connected: bool, key: str) -> tuple[str, str]:
        return f"re_dev_{secrets.token_hex(12)}", "succeeded"

    def create_account(self, site_id: str) -> str:
        raise PaymentsUnavailable(NO_CONNECT)

    def account_link(self, account_id: str, refresh_url: str, return_url: str) -> str:
        raise PaymentsUnavailable(NO_CONNECT)

    def account_status(self, account_id: str) -> tuple[bool, bool]:
        return False, False


def _id_of(value: Any) -> str | None:
    if value is None or isinstance(value, str):
        return value or None
    found = getattr(value, "id", None)
    return found if isinstance(found, str) else None
