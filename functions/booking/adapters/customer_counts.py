"""The counters of a customer profile, written with the status change that
earns them (booking_store.write_status) or recounted by the migration.

Field names: `visitCount`, `noShowCount`, `tier`, `firstVisitDay`,
`lastVisitDay` (docs/data-model.md).
"""

from __future__ import annotations

from typing import Any

from google.cloud import firestore

from booking.adapters.firestore_client import Writer, site_ref
from booking.domain import loyalty
from booking.domain.customer_list import NEVER, search_prefixes
from booking.domain.record import BookingRecord


def customer_ref(site_id: str, customer_id: str) -> firestore.DocumentReference:
    ref: firestore.DocumentReference = site_ref(site_id).collection("customers").document(customer_id)
    return ref


def counts_from(doc: dict[str, Any]) -> loyalty.Counts:
    return loyalty.Counts(
        visits=int(doc.get("visitCount") or 0),
        no_shows=int(doc.get("noShowCount") or 0),
        first_visit_day=doc.get("firstVisitDay") or None,
        last_visit_day=doc.get("lastVisitDay") or None,
        return_day=doc.get("returnVisitDay") or None,
    )


def counts_doc(counts: loyalty.Counts) -> dict[str, Any]:
    return {
        "visitCount": counts.visits,
        "noShowCount": counts.no_shows,
        "tier": counts.tier.value,
        # 0 for never: a profile missing a field would drop out of lists ordered by it.
        "firstVisitDay": counts.first_visit_day or NEVER,
        "lastVisitDay": counts.last_visit_day or NEVER,
        "returnVisitDay": counts.return_day or NEVER,
    }


def list_defaults(stored: dict[str, Any]) -> dict[str, Any]:
    """The fields the customer list filters and orders by, for a profile
    (as stored) that lacks them: a missing field would drop it from lists."""
    return {
        "searchPrefixes": search_prefixes(str(stored.get("name") or ""), str(stored.get("email") or "")),
        "tags": list(stored.get("tags") or []),
        "marketingOptIn": bool(stored.get("marketingOptIn")),
    }


def count_in(writer: Writer, booking: BookingRecord, change: loyalty.CountChange) -> None:
    """Apply `change` to the booking's customer in `writer`'s commit. Inside a
    transaction the profile is read in it (call before the commit's first
    write), so the tier and visit days follow the counts exactly."""
    ref = customer_ref(booking.site_id, booking.customer_id)
    transaction = writer if isinstance(writer, firestore.Transaction) else None
    snapshot = ref.get(transaction=transaction)
    stored = counts_from(snapshot.to_dict() or {}) if snapshot.exists else loyalty.Counts()
    writer.set(ref, counts_doc(loyalty.after_change(stored, change, booking.local_date)), merge=True)


def recount_site(site_id: str) -> int:
    """Bring every profile of the site and its bookings' flags in line with the
    bookings' statuses; returns how many documents changed. Idempotent: a
    second run changes nothing. (A one-off repair: run it when no one is
    changing statuses, as the counts it writes are read outside a transaction.)"""
    from booking.adapters.firestore_client import db
    from booking.domain.model import BookingStatus

    site = site_ref(site_id)
    fields = ["customerId", "status", "date", "visitCounted", "noShowCounted"]
    by_customer: dict[str, list[tuple[BookingStatus, str]]] = {}
    batch, pending, changed = db().batch(), 0, 0

    def write(ref: firestore.DocumentReference, doc: dict[str, Any]) -> None:
        nonlocal batch, pending, changed
        batch.set(ref, doc, merge=True)
        pending, changed = pending + 1, changed + 1
        if pending == 400:
            batch.commit()
            batch, pending = db().batch(), 0

    for snapshot in site.collection("bookings").select(fields).stream():
        doc = snapshot.to_dict() or {}
        customer_id, status = doc.get("customerId"), BookingStatus(doc.get("status", "pending"))
        if not customer_id:
            continue
        by_customer.setdefault(customer_id, []).append((status, doc.get("date") or "1970-01-01"))
        counted = loyalty.Counted.by_status(status)
        if (bool(doc.get("visitCounted")), bool(doc.get("noShowCounted"))) != (counted.visit, counted.no_show):
            write(snapshot.reference, {"visitCounted": counted.visit, "noShowCounted": counted.no_show})
    for profile in site.collection("customers").stream():
        stored = profile.to_dict() or {}
        wanted = {**list_defaults(stored), **counts_doc(loyalty.recount(by_customer.pop(profile.id, [])))}
        if any(stored.get(key) != value for key, value in wanted.items()):
            write(profile.reference, wanted)
    for customer_id, bookings in by_customer.items():  # bookings whose profile is missing
        write(customer_ref(site_id, customer_id), counts_doc(loyalty.recount(bookings)))
    if pending:
        batch.commit()
    return changed
