"""How waitlist entries and offers are laid out in Firestore (docs/data-model.md)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from booking.domain.booking import Customer
from booking.domain.waitlist import DayPart, Entry, EntryStatus, FreedTime, Offer, OfferStatus, Preference

Doc = dict[str, Any]


def entry_from(entry_id: str, site_id: str, doc: Doc) -> Entry:
    customer = doc.get("customer") or {}
    preference = doc.get("preference") or {}
    return Entry(
        id=entry_id,
        site_id=site_id,
        branch_id=doc.get("branchId"),
        service_id=doc.get("serviceId", ""),
        customer=Customer(customer.get("name", ""), customer.get("email", ""), customer.get("phone", "")),
        preference=Preference(
            first_day=date.fromisoformat(preference.get("firstDay", "1970-01-01")),
            last_day=date.fromisoformat(preference.get("lastDay", "1970-01-01")),
            parts=frozenset(DayPart(part) for part in preference.get("parts") or () if part in tuple(DayPart)),
            staff_id=preference.get("staffId"),
        ),
        status=EntryStatus(doc.get("status", EntryStatus.LEFT.value)),
        joined_at=doc["joinedAt"],
        queued_at=doc.get("queuedAt") or doc["joinedAt"],
        locale=doc.get("locale", "en"),
        offer_id=doc.get("offerId"),
        token_hashes=tuple(doc.get("tokenHashes") or ()),
        passed=tuple(doc.get("passed") or ()),
    )


def entry_doc(entry: Entry) -> Doc:
    preference = entry.preference
    return {
        "branchId": entry.branch_id,
        "serviceId": entry.service_id,
        "customer": {"name": entry.customer.name, "email": entry.customer.email, "phone": entry.customer.phone},
        "preference": {
            "firstDay": preference.first_day.isoformat(),
            "lastDay": preference.last_day.isoformat(),
            "parts": sorted(part.value for part in preference.parts),
            "staffId": preference.staff_id,
        },
        "status": entry.status.value,
        "joinedAt": entry.joined_at,
        "queuedAt": entry.queued_at,
        "locale": entry.locale,
        "offerId": entry.offer_id,
        "tokenHashes": list(entry.token_hashes),
        "passed": list(entry.passed),
        "updatedAt": entry.joined_at,
    }


def offer_from(offer_id: str, site_id: str, doc: Doc) -> Offer:
    freed = doc.get("freed") or {}
    return Offer(
        id=offer_id,
        site_id=site_id,
        entry_id=doc.get("entryId", ""),
        branch_id=doc.get("branchId"),
        service_id=doc.get("serviceId", ""),
        staff_id=doc.get("staffId"),
        start=doc["start"],
        end=doc["end"],
        lock_ids=tuple(doc.get("lockIds") or ()),
        freed=FreedTime(
            doc.get("branchId"), doc.get("staffId"), freed.get("start") or doc["start"], freed.get("end") or doc["end"]
        ),
        status=OfferStatus(doc.get("status", OfferStatus.LAPSED.value)),
        hold_expires_at=doc.get("holdExpiresAt"),
        created_at=doc["createdAt"],
        by=doc.get("by", "system"),
        token_hash=doc.get("tokenHash", ""),
        booking_id=doc.get("bookingId"),
    )


def offer_doc(offer: Offer) -> Doc:
    return {
        "entryId": offer.entry_id,
        "branchId": offer.branch_id,
        "serviceId": offer.service_id,
        "staffId": offer.staff_id,
        "start": offer.start,
        "end": offer.end,
        "lockIds": list(offer.lock_ids),
        "freed": {"start": offer.freed.start, "end": offer.freed.end, "key": offer.freed.key},
        "status": offer.status.value,
        "holdExpiresAt": offer.hold_expires_at,
        "createdAt": offer.created_at,
        "updatedAt": offer.created_at,
        "by": offer.by,
        "tokenHash": offer.token_hash,
        "bookingId": offer.booking_id,
    }


def lock_doc(offer: Offer, retention_end: datetime) -> Doc:
    """A lock of an offer's hold: like a booking's, with the hold's end."""
    return {
        "offerId": offer.id,
        "staffId": offer.staff_id,
        "holdExpiresAt": offer.hold_expires_at,
        "expiresAt": retention_end,
    }
