"""Stripe's event JSON, read into what it says about one of our bookings.

Only the fields the use cases need are read; everything else in an event
is Stripe's business. The signature was checked before (`stripe_gateway`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from booking.domain.payments import PaymentEvent, PaymentKind, Signal

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
