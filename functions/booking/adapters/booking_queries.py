"""Reads of many bookings at once: lists, days, upcoming time, due work.

Each is one indexed query (docs/data-model.md lists the indexes); the
records come back through the one mapper. Writes live in booking_store.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from google.cloud import firestore

from booking.adapters import booking_mapper as mapper
from booking.adapters.firestore_client import db, due_in_sites, site_ref
from booking.domain.model import BookingStatus
from booking.domain.record import BookingRecord


def follow_ups_due(before: datetime, limit: int) -> Iterator[tuple[str, str]]:
    """(site id, booking id) of bookings marked before `before`, oldest first."""
    return due_in_sites("bookings", before, limit, field=f"{mapper.FOLLOW_UP}.at")


def holds_due(now: datetime) -> Iterator[tuple[str, str]]:
    """(site id, booking id) of bookings whose hold on their time has run out."""
    query = db().collection_group("bookings").where(filter=firestore.FieldFilter("holdExpiresAt", "<=", now))
    for snapshot in query.select(["holdExpiresAt"]).stream():
        yield snapshot.reference.parent.parent.id, snapshot.id


def confirmed_starting(after: datetime, until: datetime) -> Iterator[BookingRecord]:
    """Confirmed bookings of every site that start in `(after, until]`: the
    candidates for reminders and for no-show marking."""
    query = (
        db()
        .collection_group("bookings")
        .where(filter=firestore.FieldFilter("status", "==", BookingStatus.CONFIRMED.value))
        .where(filter=firestore.FieldFilter("start", ">", after))
        .where(filter=firestore.FieldFilter("start", "<=", until))
    )
    for snapshot in query.stream():
        yield mapper.record_from(
            snapshot.id, {**(snapshot.to_dict() or {}), "siteId": snapshot.reference.parent.parent.id}
        )


SUMMARY_FIELDS = [
    "start",
    "end",
    "date",
    "timezone",
    "status",
    "source",
    "service",
    "serviceId",
    "staffId",
    "staffName",
    "branchId",
    "customer",
    "notes",
    "answers",
]
"""What lists of bookings show. Their records are read with these fields
only: the others (history, tokens, payment, ...) hold their defaults."""
HOLDING_STATUSES = [status.value for status in BookingStatus if status.holds_time]


class UnknownCursor(LookupError):
    """A page was asked to follow a booking the site doesn't have."""


@dataclass(frozen=True)
class ListFilter:
    status: str | None = None
    branch_id: str | None = None
    staff_id: str | None = None
    source: str | None = None
    starts_from: datetime | None = None
    starts_before: datetime | None = None


def page(site_id: str, where: ListFilter, size: int, after: str | None) -> tuple[list[BookingRecord], bool]:
    """Up to `size` bookings by start, after the booking `after` (a cursor,
    never an offset: every page costs one indexed query); and whether more
    follow. Records as listed (SUMMARY_FIELDS)."""
    bookings = site_ref(site_id).collection("bookings")
    query: Any = bookings
    equal = (
        ("status", where.status),
        ("branchId", where.branch_id),
        ("staffId", where.staff_id),
        ("source", where.source),
    )
    for field, value in equal:
        if value is not None:
            query = query.where(filter=firestore.FieldFilter(field, "==", value))
    if where.starts_from is not None:
        query = query.where(filter=firestore.FieldFilter("start", ">=", where.starts_from))
    if where.starts_before is not None:
        query = query.where(filter=firestore.FieldFilter("start", "<", where.starts_before))
    query = query.order_by("start").limit(size + 1)
    if after is not None:
        last = bookings.document(after).get()
        if not last.exists:
            raise UnknownCursor(after)
        query = query.start_after(last)
    found = [
        mapper.record_from(snapshot.id, snapshot.to_dict() or {}) for snapshot in query.select(SUMMARY_FIELDS).stream()
    ]
    return found[:size], len(found) > size


def upcoming_query(
    site_id: str,
    since: datetime,
    *,
    service_id: str | None = None,
    staff_id: str | None = None,
    branch_id: str | None = None,
) -> firestore.Query:
    """Bookings holding time from `since` on, of the service, staff member or
    branch given: for reading in a transaction too."""
    query: firestore.Query = (
        site_ref(site_id).collection("bookings").where(filter=firestore.FieldFilter("status", "in", HOLDING_STATUSES))
    )
    for field, value in (("serviceId", service_id), ("staffId", staff_id), ("branchId", branch_id)):
        if value is not None:
            query = query.where(filter=firestore.FieldFilter(field, "==", value))
    return query.where(filter=firestore.FieldFilter("start", ">=", since))


def upcoming(
    site_id: str, since: datetime, limit: int, *, staff_id: str | None = None, branch_id: str | None = None
) -> list[BookingRecord]:
    """The first `limit` bookings holding time from `since` on, soonest first
    (records as listed: SUMMARY_FIELDS)."""
    query = upcoming_query(site_id, since, staff_id=staff_id, branch_id=branch_id).order_by("start").limit(limit)
    return [
        mapper.record_from(snapshot.id, snapshot.to_dict() or {}) for snapshot in query.select(SUMMARY_FIELDS).stream()
    ]


def on_day(site_id: str, local_date: str, branch_id: str | None = None) -> list[BookingRecord]:
    """Every booking counted on a local date (of one branch), whatever its status."""
    query = site_ref(site_id).collection("bookings").where(filter=firestore.FieldFilter("date", "==", local_date))
    if branch_id is not None:
        query = query.where(filter=firestore.FieldFilter("branchId", "==", branch_id))
    return [mapper.record_from(snapshot.id, snapshot.to_dict() or {}) for snapshot in query.stream()]


def no_show_counts(site_id: str, customer_ids: set[str]) -> dict[str, int]:
    """Customer id -> how many of their bookings were no-shows (stored profiles only)."""
    wanted = sorted(customer_ids)
    if not wanted:
        return {}
    customers = site_ref(site_id).collection("customers")
    snapshots = db().get_all([customers.document(customer_id) for customer_id in wanted], field_paths=["noShowCount"])
    return {
        snapshot.id: int((snapshot.to_dict() or {}).get("noShowCount", 0)) for snapshot in snapshots if snapshot.exists
    }
