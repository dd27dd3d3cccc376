"""Payment records, a site's private payment configuration, and the payment
side of a site document, to and from Firestore (docs/data-model.md).

A record's document holds only the fields that are set; an update writes
only what changed, so a record grows as its payment goes on, as before.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum
from typing import Any

from booking.domain.payment_record import PaymentRecord, StripeIds
from booking.domain.payments import PaymentConfig, PaymentKind, PaymentStatus, SitePayments, no_show_fee_from

Doc = Mapping[str, Any]

RECORD_FIELDS = {
    "booking_id": "bookingId",
    "kind": "kind",
    "amount_cents": "amountCents",
    "currency": "currency",
    "status": "status",
    "connected_account_id": "connectedAccountId",
    "application_fee_cents": "applicationFeeCents",
    "reason": "reason",
    "error": "error",
    "attempts": "attempts",
    "next_attempt_at": "nextAttemptAt",
    "overruled_at": "overruledAt",
    "created_at": "createdAt",
    "updated_at": "updatedAt",
    "sale_id": "saleId",
    "subscription_id": "subscriptionId",
}
"""PaymentRecord attribute -> stored key (`stripe` is a map of its own)."""
STRIPE_FIELDS = {
    "checkout_session_id": "checkoutSessionId",
    "payment_intent_id": "paymentIntentId",
    "customer_id": "customerId",
    "payment_method_id": "paymentMethodId",
    "refund_id": "refundId",
    "refund_status": "refundStatus",
    "invoice_id": "invoiceId",
}


def record_from(payment_id: str, doc: Doc) -> PaymentRecord | None:
    """The stored record, or None for a document that is not one (yet)."""
    try:
        kind, status = PaymentKind(str(doc.get("kind"))), PaymentStatus(str(doc.get("status")))
    except ValueError:
        return None
    stripe = doc.get("stripe") or {}
    attempts = doc.get("attempts")
    fee = doc.get("applicationFeeCents")
    return PaymentRecord(
        id=payment_id,
        booking_id=str(doc.get("bookingId") or ""),
        kind=kind,
        amount_cents=int(doc.get("amountCents") or 0),
        currency=str(doc.get("currency") or "EUR"),
        status=status,
        stripe=StripeIds(**{attr: stripe.get(key) for attr, key in STRIPE_FIELDS.items()}),
        connected_account_id=doc.get("connectedAccountId"),
        application_fee_cents=None if fee is None else int(fee),
        reason=doc.get("reason"),
        error=doc.get("error"),
        attempts=None if attempts is None else int(attempts),
        next_attempt_at=doc.get("nextAttemptAt"),
        overruled_at=doc.get("overruledAt"),
        created_at=doc.get("createdAt"),
        updated_at=doc.get("updatedAt"),
        sale_id=doc.get("saleId"),
        subscription_id=doc.get("subscriptionId"),
    )


def _stored(value: Any) -> Any:
    return value.value if isinstance(value, Enum) else value


def _stripe_doc(ids: StripeIds) -> dict[str, Any]:
    return {key: value for attr, key in STRIPE_FIELDS.items() if (value := getattr(ids, attr)) is not None}


def record_doc(record: PaymentRecord) -> dict[str, Any]:
    """The document of a new record: the fields that are set."""
    doc = {key: _stored(value) for attr, key in RECORD_FIELDS.items() if (value := getattr(record, attr)) is not None}
    doc["stripe"] = _stripe_doc(record.stripe)
    return doc


def record_changes(before: PaymentRecord, after: PaymentRecord) -> dict[str, Any]:
    """Dotted field paths of what `after` changes in the stored `before`; a
    field `after` clears is written as null."""
    changes: dict[str, Any] = {
        key: _stored(getattr(after, attr))
        for attr, key in RECORD_FIELDS.items()
        if getattr(after, attr) != getattr(before, attr)
    }
    for attr, key in STRIPE_FIELDS.items():
        if getattr(after.stripe, attr) != getattr(before.stripe, attr):
            changes[f"stripe.{key}"] = getattr(after.stripe, attr)
    return changes


def config_from(doc: Doc | None) -> PaymentConfig:
    doc = doc or {}
    override = doc.get("feePercent")
    return PaymentConfig(
        connected_account_id=doc.get("connectedAccountId") or None,
        charges_enabled=bool(doc.get("chargesEnabled")),
        details_submitted=bool(doc.get("detailsSubmitted")),
        checked_at=doc.get("checkedAt"),
        fee_percent=None if override is None else str(override),
    )


def site_payments_from(site_id: str, doc: Doc) -> SitePayments:
    return SitePayments(
        name=doc.get("name", site_id),
        locale=doc.get("locale", "en"),
        currency=doc.get("currency", "EUR"),
        no_show_fee=no_show_fee_from((doc.get("settings") or {}).get("noShowFee")),
        ready=bool((doc.get("payments") or {}).get("ready")),
        accent_color=(doc.get("widget") or {}).get("accentColor", SitePayments.accent_color),
        logo_url=(doc.get("email") or {}).get("logoUrl", ""),
    )
