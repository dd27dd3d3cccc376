"""Customer profiles for the admin pages: the list, one profile with its
history, editing tags and notes, and merging two profiles.

Every list is one indexed query per page, continued after the last
profile of the previous page (a cursor, never an offset).
"""

from __future__ import annotations

from typing import Any

from google.cloud import firestore

from booking.adapters import booking_mapper, customer_counts
from booking.adapters.booking_queries import SUMMARY_FIELDS, UnknownCursor
from booking.adapters.customer_counts import customer_ref
from booking.adapters.firestore_client import db, site_ref
from booking.domain import loyalty
from booking.domain.customer import CustomerProfile
from booking.domain.customer_list import Plan
from booking.domain.model import BookingStatus
from booking.domain.record import BookingRecord

LIST_FIELDS = [
    "name",
    "email",
    "phone",
    "visitCount",
    "noShowCount",
    "firstVisitDay",
    "lastVisitDay",
    "bookingCount",
    "tags",
    "marketingOptIn",
]


def profile_from(customer_id: str, doc: dict[str, Any]) -> CustomerProfile:
    return CustomerProfile(
        id=customer_id,
        name=str(doc.get("name") or ""),
        email=str(doc.get("email") or ""),
        phone=str(doc.get("phone") or ""),
        counts=customer_counts.counts_from(doc),
        booking_count=int(doc.get("bookingCount") or 0),
        tags=tuple(doc.get("tags") or ()),
        notes=str(doc.get("notes") or ""),
        marketing_opt_in=bool(doc.get("marketingOptIn")),
        consent_at=doc.get("consentAt"),
        last_booking_at=doc.get("lastBookingAt"),
        aliases=tuple(doc.get("aliases") or ()),
    )


def get(site_id: str, customer_id: str) -> CustomerProfile | None:
    snapshot = customer_ref(site_id, customer_id).get()
    return profile_from(snapshot.id, snapshot.to_dict() or {}) if snapshot.exists else None


def _customers(site_id: str) -> firestore.CollectionReference:
    collection: firestore.CollectionReference = site_ref(site_id).collection("customers")
    return collection


def _after(query: Any, collection: firestore.CollectionReference, cursor: str | None) -> Any:
    if cursor is None:
        return query
    last = collection.document(cursor).get()
    if not last.exists:
        raise UnknownCursor(cursor)
    return query.start_after(last)


def page(site_id: str, plan: Plan, size: int, cursor: str | None) -> tuple[list[CustomerProfile], bool]:
    """Up to `size` profiles of the plan's query after the profile `cursor`,
    and whether more follow."""
    customers = _customers(site_id)
    query: Any = customers
    for field, value in plan.equal:
        query = query.where(filter=firestore.FieldFilter(field, "==", value))
    if plan.contains is not None:
        query = query.where(filter=firestore.FieldFilter(plan.contains[0], "array_contains", plan.contains[1]))
    for field, op, value in plan.ranges:
        query = query.where(filter=firestore.FieldFilter(field, op, value))
    query = query.order_by(plan.order, direction=firestore.Query.DESCENDING).limit(size + 1)
    query = _after(query, customers, cursor)
    found = [profile_from(snap.id, snap.to_dict() or {}) for snap in query.select(LIST_FIELDS).stream()]
    return found[:size], len(found) > size


def history(site_id: str, customer_id: str, size: int, cursor: str | None) -> tuple[list[BookingRecord], bool]:
    """The customer's bookings, newest first, `size` per page after the booking `cursor`."""
    bookings = site_ref(site_id).collection("bookings")
    query: Any = (
        bookings.where(filter=firestore.FieldFilter("customerId", "==", customer_id))
        .order_by("start", direction=firestore.Query.DESCENDING)
        .limit(size + 1)
    )
    query = _after(query, bookings, cursor)
    found = [booking_mapper.record_from(s.id, s.to_dict() or {}) for s in query.select(SUMMARY_FIELDS).stream()]
    return found[:size], len(found) > size


def update_details(site_id: str, customer_id: str, tags: tuple[str, ...], notes: str) -> None:
    customer_ref(site_id, customer_id).update({"tags": list(tags), "notes": notes})


def merge(site_id: str, keep: CustomerProfile, gone: CustomerProfile, details: tuple[Any, ...]) -> None:
    """Move every booking and consent entry of `gone` to `keep`, recount
    `keep` from its bookings and delete `gone`. Batches of 400 writes; the
    profile of `gone` goes last, so a crash leaves a merge that can be redone."""
    tags, notes, aliases = details
    bookings = site_ref(site_id).collection("bookings")
    batch, pending = db().batch(), 0

    def write(action: Any, *args: Any) -> None:
        nonlocal batch, pending
        action(batch)(*args)
        pending += 1
        if pending == 400:
            batch.commit()
            batch, pending = db().batch(), 0

    moved = bookings.where(filter=firestore.FieldFilter("customerId", "==", gone.id))
    for snapshot in moved.select(["customerId"]).stream():
        write(lambda b: b.update, snapshot.reference, {"customerId": keep.id})
    for entry in customer_ref(site_id, gone.id).collection("consent").stream():
        target = customer_ref(site_id, keep.id).collection("consent").document(entry.id)
        write(lambda b: b.set, target, entry.to_dict() or {})
        write(lambda b: b.delete, entry.reference)
    if pending:
        batch.commit()
    statuses = [
        (BookingStatus(doc.get("status", "pending")), str(doc.get("date") or "1970-01-01"))
        for doc in (
            s.to_dict() or {}
            for s in bookings.where(filter=firestore.FieldFilter("customerId", "==", keep.id))
            .select(["status", "date"])
            .stream()
        )
    ]
    counts = customer_counts.counts_doc(loyalty.recount(statuses))
    consent = gone if (gone.consent_at and (keep.consent_at is None or gone.consent_at > keep.consent_at)) else keep
    final = db().batch()
    final.set(
        customer_ref(site_id, keep.id),
        {
            **counts,
            "tags": list(tags),
            "notes": notes,
            "aliases": list(aliases),
            "bookingCount": keep.booking_count + gone.booking_count,
            "marketingOptIn": consent.marketing_opt_in,
            "consentAt": consent.consent_at,
        },
        merge=True,
    )
    final.delete(customer_ref(site_id, gone.id))
    final.commit()
