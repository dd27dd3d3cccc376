"""One read for the staff calendar: the catalog, the busy calendars, the
bookings and the blocked time of a range of days, in a fixed number of
Firestore requests whatever the range (docs/api.md, `adminGetCalendar`)."""

from __future__ import annotations

from concurrent.futures import Future
from dataclasses import dataclass
from datetime import datetime, timedelta

from google.cloud import firestore

from booking.adapters import blocked_time_store, calendars, site_store
from booking.adapters import booking_mapper as mapper
from booking.adapters.booking_queries import SUMMARY_FIELDS
from booking.adapters.firestore_client import site_ref
from booking.domain.blocked_time import BlockedTime
from booking.domain.catalog import Catalog
from booking.domain.model import Busy
from booking.domain.record import BookingRecord

LONGEST_BOOKING = timedelta(days=1)
"""Bookings that start this long before the range may still reach into it."""


@dataclass(frozen=True)
class RangeRead:
    catalog: Catalog
    busy: tuple[Busy, ...]
    """Every resource's busy time (bookings and blocked time), for the engine."""
    bookings: tuple[BookingRecord, ...]
    """Every booking of the site touching the range, whatever its status (as listed)."""
    blocked: tuple[BlockedTime, ...]
    requests: int
    """Firestore requests this read made: the same for a day and a week."""


def _bookings(site_id: str, start: datetime, end: datetime) -> list[BookingRecord]:
    query = (
        site_ref(site_id)
        .collection("bookings")
        .where(filter=firestore.FieldFilter("start", ">=", start - LONGEST_BOOKING))
        .where(filter=firestore.FieldFilter("start", "<", end))
        .select(SUMMARY_FIELDS)
    )
    found = (mapper.record_from(snapshot.id, snapshot.to_dict() or {}) for snapshot in query.stream())
    return [booking for booking in found if booking.end > start]


def read_range(site_id: str, start: datetime, end: datetime, engine_start: datetime, engine_end: datetime) -> RangeRead:
    """The bookings and blocked time touching `[start, end)`, and the busy
    time of `[engine_start, engine_end)` (wider: the engine's window).

    The bookings query starts at once, beside the batched read of the site
    and the calendars; the blocked time named in those calendars is one more
    batched read. Three requests on a warm instance, whatever the range."""
    bookings: Future[list[BookingRecord]] = site_store.POOL.submit(_bookings, site_id, start, end)
    read = site_store.load_with_calendars(site_id, None, engine_start, engine_end, require_enabled=False)
    blocked_ids = calendars.blocked_ids_in(read.calendars, start, end)
    blocked = blocked_time_store.get_many(site_id, blocked_ids)
    return RangeRead(
        catalog=read.catalog,
        busy=tuple(calendars.busy_in(read.calendars, engine_start, engine_end)),
        bookings=tuple(bookings.result()),
        blocked=tuple(blocked),
        requests=read.requests + 1 + (1 if blocked_ids else 0),
    )
