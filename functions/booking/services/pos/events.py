"""Stripe events about POS card payments (PaymentIntents with metadata
`kind: pos`). Settling a sale and failing one are both safe to repeat, so
an event is recorded as seen after it has done its work."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from booking.adapters import payments_store

POS_EVENTS = {"payment_intent.succeeded", "payment_intent.payment_failed"}


def handle(event: Mapping[str, Any], now: datetime) -> str | None:
    """What the event did, or None when it is not about a POS sale."""
    from booking.services.pos import sales

    obj = (event.get("data") or {}).get("object") or {}
    metadata = obj.get("metadata") or {}
    site_id, sale_id = metadata.get("siteId"), metadata.get("saleId")
    if event.get("type") not in POS_EVENTS or metadata.get("kind") != "pos":
        return None
    if not isinstance(site_id, str) or not isinstance(sale_id, str):
        return None
    if event.get("type") == "payment_intent.succeeded":
        outcome = sales.card_succeeded(site_id, sale_id, str(obj.get("id")), now)
    else:
        error = obj.get("last_payment_error") or {}
        outcome = sales.card_failed(site_id, sale_id, str(error.get("code") or "card_declined"))
    payments_store.record_event(str(event.get("id")), str(event.get("type")), outcome, now)
    return outcome
