"""Customer profiles: who they are and their consent log.

`customers/{id}` holds `name`, `phone` (from the first booking, never
overwritten by a later one), `marketingOptIn` and `consentAt` (the latest
verified consent entry); `customers/{id}/consent/{entryId}` holds the log
entries `{value, at, source, text, verified, verifiedAt}` (docs/customers.md).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from google.cloud import firestore

from booking.adapters import customer_counts
from booking.adapters.customer_counts import customer_ref
from booking.adapters.firestore_client import Writer, db
from booking.domain import consent
from booking.domain.consent import ConsentEntry
from booking.domain.record import BookingRecord


def _entries(site_id: str, customer_id: str) -> firestore.CollectionReference:
    collection: firestore.CollectionReference = customer_ref(site_id, customer_id).collection("consent")
    return collection


def entry_doc(entry: ConsentEntry) -> dict[str, Any]:
    return {
        "value": entry.value,
        "at": entry.at,
        "source": entry.source,
        "text": entry.text,
        "verified": entry.verified,
    }


def entry_from(doc: dict[str, Any]) -> ConsentEntry:
    return ConsentEntry(
        value=bool(doc.get("value")),
        at=doc["at"],
        source=str(doc.get("source", "")),
        text=str(doc.get("text", "")),
        verified=bool(doc.get("verified")),
    )


def _consent_of(doc: dict[str, Any]) -> consent.Consent:
    return consent.Consent(value=bool(doc.get("marketingOptIn")), at=doc.get("consentAt"))


def log_booking_opt_in(writer: Writer, booking: BookingRecord) -> None:
    """The opt-in of a booking being made, unverified, in the booking's commit."""
    entry = ConsentEntry(True, booking.created_at or booking.start, booking.id, consent.BOOKING_TEXT, verified=False)
    writer.set(_entries(booking.site_id, booking.customer_id).document(booking.id), entry_doc(entry))


def introduce(booking: BookingRecord) -> None:
    """Give a profile without a name the booking's name and phone. A profile
    that has them keeps them: a booking proves nothing about its address."""
    ref = customer_ref(booking.site_id, booking.customer_id)

    @firestore.transactional
    def run(transaction: firestore.Transaction) -> None:
        stored = ref.get(transaction=transaction).to_dict() or {}
        if stored.get("name"):
            return
        customer = booking.customer
        identity = {"name": customer.name, "phone": customer.phone}
        counts = customer_counts.counts_doc(customer_counts.counts_from(stored))
        defaults = customer_counts.list_defaults({**stored, **identity})
        transaction.set(ref, {**counts, **defaults, **identity}, merge=True)

    run(db().transaction())


def record(site_id: str, customer_id: str, entry_id: str, entry: ConsentEntry) -> consent.Consent:
    """Log `entry` and bring the profile's consent in line, in one transaction."""
    ref = customer_ref(site_id, customer_id)

    @firestore.transactional
    def run(transaction: firestore.Transaction) -> consent.Consent:
        current = _consent_of(ref.get(transaction=transaction).to_dict() or {})
        after = consent.consent_after(current, entry)
        transaction.set(_entries(site_id, customer_id).document(entry_id), entry_doc(entry))
        if after != current:
            transaction.set(ref, {"marketingOptIn": after.value, "consentAt": after.at}, merge=True)
        return after

    result: consent.Consent = run(db().transaction())
    return result


def verify(site_id: str, customer_id: str, entry_id: str, now: datetime) -> bool:
    """Mark an unverified entry verified and let it count; True when it changed."""
    ref = customer_ref(site_id, customer_id)
    entry_ref = _entries(site_id, customer_id).document(entry_id)

    @firestore.transactional
    def run(transaction: firestore.Transaction) -> bool:
        snapshot = entry_ref.get(transaction=transaction)
        if not snapshot.exists or (snapshot.to_dict() or {}).get("verified"):
            return False
        entry = entry_from(snapshot.to_dict() or {})
        current = _consent_of(ref.get(transaction=transaction).to_dict() or {})
        after = consent.consent_after(current, ConsentEntry(entry.value, entry.at, entry.source, entry.text, True))
        transaction.update(entry_ref, {"verified": True, "verifiedAt": now})
        if after != current:
            transaction.set(ref, {"marketingOptIn": after.value, "consentAt": after.at}, merge=True)
        return True

    changed: bool = run(db().transaction())
    return changed


def log(site_id: str, customer_id: str) -> list[ConsentEntry]:
    """The consent log, newest first."""
    query = _entries(site_id, customer_id).order_by("at", direction=firestore.Query.DESCENDING)
    return [entry_from(snapshot.to_dict() or {}) for snapshot in query.stream()]
