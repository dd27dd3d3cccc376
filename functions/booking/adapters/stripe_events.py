"""Stripe's event JSON, read into what it says about one of our bookings.

Only the fields the use cases need are read; everything else in an event
is Stripe's business. The signature was checked before (`stripe_gateway`).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from booking.domain.payments import PaymentEvent, PaymentKind, Signal
from booking.domain.subscriptions import BillingEvent, BillingSignal

PAID_SESSION_EVENTS = ("checkout.session.completed", "checkout.session.async_payment_succeeded")
INTENT_EVENTS = ("payment_intent.succeeded", "payment_intent.payment_failed")


def event_key(event: Mapping[str, Any]) -> tuple[str, str]:
    """The event's id and type, recorded for every event, ours or not."""
    return str(event.get("id")), str(event.get("type"))


def read_event(event: Mapping[str, Any]) -> PaymentEvent | None:
    """The booking an event is about and what it signals, or None for events
    that are not ours or change nothing (they are still recorded as seen)."""
    kind = event.get("type", "")
    obj = (event.get("data") or {}).get("object") or {}
    metadata = obj.get("metadata") or {}
    site_id, booking_id = metadata.get("siteId"), metadata.get("bookingId")
    if not isinstance(site_id, str) or not isinstance(booking_id, str):
        return None
    purpose = metadata.get("kind", PaymentKind.DEPOSIT.value)
    common = {
        "event_id": str(event.get("id")),
        "event_type": kind,
        "site_id": site_id,
        "booking_id": booking_id,
        "account": _id_of(event.get("account")),
    }
    if kind in PAID_SESSION_EVENTS and obj.get("object") == "checkout.session":
        if obj.get("payment_status") != "paid" or purpose != PaymentKind.DEPOSIT.value:
            return None
        return PaymentEvent(
            **common,
            signal=Signal.DEPOSIT_PAID,
            amount_cents=int(obj.get("amount_total") or 0),
            currency=str(obj.get("currency") or "").upper(),
            session_id=obj.get("id"),
            payment_intent_id=_id_of(obj.get("payment_intent")),
            customer_id=_id_of(obj.get("customer")),
        )
    if kind in INTENT_EVENTS and obj.get("object") == "payment_intent":
        succeeded = kind == "payment_intent.succeeded"
        if purpose == PaymentKind.DEPOSIT.value and succeeded:
            signal = Signal.DEPOSIT_PAID
        elif purpose == PaymentKind.NO_SHOW_FEE.value:
            signal = Signal.FEE_SUCCEEDED if succeeded else Signal.FEE_FAILED
        else:
            return None
        return PaymentEvent(
            **common,
            signal=signal,
            amount_cents=int(obj.get("amount_received") or obj.get("amount") or 0),
            currency=str(obj.get("currency") or "").upper(),
            payment_intent_id=obj.get("id"),
            customer_id=_id_of(obj.get("customer")),
            payment_method_id=_id_of(obj.get("payment_method")),
            destination=_id_of((obj.get("transfer_data") or {}).get("destination")),
        )
    return None


def _id_of(value: Any) -> str | None:
    """Stripe sends an id, or the object itself when it was expanded."""
    if isinstance(value, Mapping):
        value = value.get("id")
    return value if isinstance(value, str) and value else None


BILLING_SIGNALS = {
    "checkout.session.completed": BillingSignal.CHECKOUT_COMPLETED,
    "invoice.paid": BillingSignal.INVOICE_PAID,
    "invoice.payment_failed": BillingSignal.INVOICE_FAILED,
    "customer.subscription.updated": BillingSignal.SUBSCRIPTION_UPDATED,
    "customer.subscription.deleted": BillingSignal.SUBSCRIPTION_DELETED,
}


def _subscription_metadata(obj: Mapping[str, Any]) -> Mapping[str, Any]:
    """Sessions and subscriptions carry our metadata; invoices copy the
    subscription's (`parent.subscription_details` in newer API versions)."""
    if obj.get("object") == "invoice":
        parent = (obj.get("parent") or {}).get("subscription_details") or {}
        details = obj.get("subscription_details") or {}
        return parent.get("metadata") or details.get("metadata") or {}
    return obj.get("metadata") or {}


def _invoice_subscription(obj: Mapping[str, Any]) -> str | None:
    parent = (obj.get("parent") or {}).get("subscription_details") or {}
    return _id_of(parent.get("subscription")) or _id_of(obj.get("subscription"))


def _instant(value: Any) -> datetime | None:
    return datetime.fromtimestamp(int(value), UTC) if isinstance(value, int | float) and value else None


def read_billing_event(event: Mapping[str, Any]) -> BillingEvent | None:
    """The subscription an event is about and what it signals, or None for
    events that are not about one of our subscriptions."""
    kind = str(event.get("type", ""))
    signal = BILLING_SIGNALS.get(kind)
    obj = (event.get("data") or {}).get("object") or {}
    metadata = _subscription_metadata(obj)
    site_id, subscription_id = metadata.get("siteId"), metadata.get("subscriptionId")
    if signal is None or metadata.get("kind") != "subscription":
        return None
    if not isinstance(site_id, str) or not isinstance(subscription_id, str):
        return None
    common: dict[str, Any] = {
        "event_id": str(event.get("id")),
        "event_type": kind,
        "signal": signal,
        "site_id": site_id,
        "subscription_id": subscription_id,
        "customer_id": _id_of(obj.get("customer")),
        "account": _id_of(event.get("account")),
    }
    if signal is BillingSignal.CHECKOUT_COMPLETED:
        if obj.get("mode") != "subscription" or obj.get("status") != "complete":
            return None
        return BillingEvent(**common, stripe_subscription_id=_id_of(obj.get("subscription")))
    if signal in (BillingSignal.INVOICE_PAID, BillingSignal.INVOICE_FAILED):
        line_period = ((((obj.get("lines") or {}).get("data") or [{}])[0]) or {}).get("period") or {}
        return BillingEvent(
            **common,
            stripe_subscription_id=_invoice_subscription(obj),
            invoice_id=_id_of(obj.get("id")),
            amount_cents=int(obj.get("amount_paid") or obj.get("amount_due") or 0),
            currency=str(obj.get("currency") or "").upper(),
            period_end=_instant(line_period.get("end") or obj.get("period_end")),
            final_attempt=signal is BillingSignal.INVOICE_FAILED and obj.get("next_payment_attempt") is None,
        )
    items = ((obj.get("items") or {}).get("data") or [{}])[0] or {}
    return BillingEvent(
        **common,
        stripe_subscription_id=_id_of(obj.get("id")),
        status=str(obj.get("status") or ""),
        cancel_at_period_end=bool(obj.get("cancel_at_period_end")),
        period_end=_instant(items.get("current_period_end") or obj.get("current_period_end")),
    )
