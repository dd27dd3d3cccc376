"""Bookings to and from their Firestore documents (docs/data-model.md).

The one module that knows the stored field names of a booking. Stored data
was validated when it was written, so reading trusts its shape and only
fills in defaults for fields older documents lack.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from booking.domain.booking import Customer, TermsAcceptance
from booking.domain.model import BookingStatus
from booking.domain.record import (
    BookingRecord,
    DepositPayment,
    FollowUpMark,
    HistoryEntry,
    ServiceSnapshot,
    TokenEntry,
    TokenPurpose,
)
from booking.domain.transitions import Action

Doc = Mapping[str, Any]
FOLLOW_UP = "followUp"

PAYMENT_FIELDS = {
    "mode": "mode",
    "deposit_cents": "depositCents",
    "currency": "currency",
    "deposit_status": "depositStatus",
    "checkout_session_id": "checkoutSessionId",
    "checkout_url": "checkoutUrl",
    "status_token_hash": "statusTokenHash",
    "connected_account_id": "connectedAccountId",
    "application_fee_cents": "applicationFeeCents",
    "payment_intent_id": "paymentIntentId",
    "customer_id": "customerId",
    "payment_method_id": "paymentMethodId",
    "paid_at": "paidAt",
    "refunded_at": "refundedAt",
}
"""DepositPayment attribute -> stored key under `payment`."""


def history_from(doc: Doc) -> HistoryEntry:
    source = doc.get("from")
    return HistoryEntry(
        at=doc["at"],
        by=str(doc.get("by") or ""),
        to=BookingStatus(doc["to"]),
        source=BookingStatus(source) if source else None,
        action=doc.get("action"),
        previous_start=doc.get("previousStart"),
        previous_end=doc.get("previousEnd"),
    )


def history_doc(entry: HistoryEntry) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "at": entry.at,
        "by": entry.by,
        "from": entry.source.value if entry.source else None,
        "to": entry.to.value,
    }
    if entry.action:
        doc.update(action=entry.action, previousStart=entry.previous_start, previousEnd=entry.previous_end)
    return doc


def payment_from(doc: Doc | None) -> DepositPayment | None:
    if not doc:
        return None
    defaults = DepositPayment()
    values = {attr: doc.get(key, getattr(defaults, attr)) for attr, key in PAYMENT_FIELDS.items()}
    values["deposit_cents"] = int(values["deposit_cents"] or 0)
    values["application_fee_cents"] = int(values["application_fee_cents"] or 0)
    return DepositPayment(**values)


def payment_doc(payment: DepositPayment) -> dict[str, Any]:
    """Only the fields that are set: a stored payment map grows as it goes."""
    doc = {key: getattr(payment, attr) for attr, key in PAYMENT_FIELDS.items()}
    return {key: value for key, value in doc.items() if value is not None}


def payment_path(attribute: str) -> str:
    """The dotted field path of a DepositPayment attribute, for updates."""
    return f"payment.{PAYMENT_FIELDS[attribute]}"


def follow_up_from(doc: Doc | None) -> FollowUpMark | None:
    if not doc:
        return None
    return FollowUpMark(action=Action(doc["action"]), at=doc["at"], to=BookingStatus(doc["to"]))


def follow_up_doc(mark: FollowUpMark) -> dict[str, Any]:
    return {"action": mark.action.value, "at": mark.at, "to": mark.to.value}


def _terms_from(doc: Doc | None) -> TermsAcceptance | None:
    if not doc or not doc.get("accepted"):
        return None
    return TermsAcceptance(doc.get("acceptedAt"), doc.get("version", ""), doc.get("text", ""), doc.get("url", ""))  # type: ignore[arg-type]


def _tokens_from(doc: Doc | None) -> dict[str, TokenEntry]:
    return {
        digest: TokenEntry(
            expires_at=entry.get("expiresAt"),
            issued_at=entry.get("issuedAt"),
            purpose=_purpose_from(entry.get("purpose")),
            used_at=entry.get("usedAt"),
        )
        for digest, entry in (doc or {}).items()
        if isinstance(entry, Mapping)
    }


def _purpose_from(value: Any) -> TokenPurpose:
    """Only `confirm` confirms. Entries stored before tokens had purposes
    name the e-mail that carried them (`reminder`, `page`, ...): those were
    never the opt-in's proof, so they read as `manage`."""
    return TokenPurpose.CONFIRM if value == TokenPurpose.CONFIRM.value else TokenPurpose.MANAGE


def token_doc(entry: TokenEntry) -> dict[str, Any]:
    doc: dict[str, Any] = {"expiresAt": entry.expires_at, "issuedAt": entry.issued_at, "purpose": entry.purpose.value}
    if entry.used_at is not None:
        doc["usedAt"] = entry.used_at
    return doc


def token_path(digest: str, leaf: str | None = None) -> str:
    """`manageTokens.<digest>` (or one of its fields: `usedAt`, `expiresAt`)."""
    return f"manageTokens.{digest}" + (f".{leaf}" if leaf else "")


def record_from(booking_id: str, doc: Doc) -> BookingRecord:
    customer, service = doc.get("customer") or {}, doc.get("service") or {}
    return BookingRecord(
        id=booking_id,
        site_id=doc.get("siteId", ""),
        branch_id=doc.get("branchId"),
        service_id=doc.get("serviceId", ""),
        service=ServiceSnapshot(
            name=service.get("name", ""),
            duration_minutes=int(service.get("durationMinutes") or 0),
            price_cents=service.get("priceCents"),
            deposit_cents=service.get("depositCents"),
        ),
        staff_id=doc.get("staffId"),
        staff_name=doc.get("staffName"),
        start=doc["start"],
        end=doc["end"],
        local_date=doc.get("date", ""),
        timezone=doc.get("timezone") or "UTC",
        customer=Customer(
            name=customer.get("name", ""), email=customer.get("email", ""), phone=customer.get("phone", "")
        ),
        customer_id=doc.get("customerId", ""),
        status=BookingStatus(doc["status"]),
        history=tuple(history_from(entry) for entry in doc.get("statusHistory") or ()),
        created_at=doc.get("createdAt"),
        updated_at=doc.get("updatedAt") or doc.get("createdAt"),
        source=doc.get("source", "online"),
        created_by=doc.get("createdBy", "client"),
        notes=doc.get("notes", ""),
        answers=dict(doc.get("answers") or {}),
        marketing_opt_in=bool(doc.get("marketingOptIn", False)),
        terms=_terms_from(doc.get("terms")),
        buffer_minutes=int(doc.get("bufferMinutes") or 0),
        lock_ids=tuple(doc.get("lockIds") or ()),
        manage_token_hash=doc.get("manageTokenHash"),
        manage_token_expires_at=doc.get("manageTokenExpiresAt"),
        manage_tokens=_tokens_from(doc.get("manageTokens")),
        reminders_sent=dict(doc.get("remindersSent") or {}),
        rescheduled_at=doc.get("rescheduledAt"),
        hold_expires_at=doc.get("holdExpiresAt"),
        payment=payment_from(doc.get("payment")),
        no_show_counted=bool(doc.get("noShowCounted", False)),
        visit_counted=bool(doc.get("visitCounted", False)),
        follow_up=follow_up_from(doc.get(FOLLOW_UP)),
    )


def new_doc(record: BookingRecord) -> dict[str, Any]:
    """The document of a booking being made."""
    terms = record.terms
    doc: dict[str, Any] = {
        "siteId": record.site_id,
        "branchId": record.branch_id,
        "serviceId": record.service_id,
        "service": {
            "name": record.service.name,
            "durationMinutes": record.service.duration_minutes,
            "priceCents": record.service.price_cents,
            "depositCents": record.service.deposit_cents,
        },
        "staffId": record.staff_id,
        "staffName": record.staff_name,
        "start": record.start,
        "end": record.end,
        "date": record.local_date,
        "timezone": record.timezone,
        "customer": {"name": record.customer.name, "email": record.customer.email, "phone": record.customer.phone},
        "customerId": record.customer_id,
        "notes": record.notes,
        "answers": dict(record.answers),
        "marketingOptIn": record.marketing_opt_in,
        "terms": (
            {
                "accepted": True,
                "acceptedAt": terms.accepted_at,
                "version": terms.version,
                "text": terms.text,
                "url": terms.url,
            }
            if terms
            else {"accepted": False}
        ),
        "source": record.source,
        "status": record.status.value,
        "statusHistory": [history_doc(entry) for entry in record.history],
        "createdBy": record.created_by,
        "bufferMinutes": record.buffer_minutes,
        "lockIds": list(record.lock_ids),
        "manageTokenHash": record.manage_token_hash,
        "manageTokenExpiresAt": record.manage_token_expires_at,
        "holdExpiresAt": record.hold_expires_at,
        "createdAt": record.created_at,
        "updatedAt": record.updated_at,
    }
    if record.manage_tokens:
        doc["manageTokens"] = {digest: token_doc(entry) for digest, entry in record.manage_tokens.items()}
    if record.payment is not None:
        doc["payment"] = payment_doc(record.payment)
    return doc


def reminder_path(key: str) -> str:
    """`remindersSent.<key>`: the start time a reminder (`24h`, `1h`) was sent for."""
    return f"remindersSent.{key}"
