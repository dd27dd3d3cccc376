"""One read for the staff calendar: the catalog, the busy calendars, the
bookings and the blocked time of a range of days, in a fixed number of
Firestore requests whatever the range (docs/api.md, `adminGetCalendar`).

The busy calendars name every booking that holds time and every blocked
period, so no query is needed: their documents are then read by id. (A
query on the bookings' start would also do, but costs in proportion to the
whole collection on the emulator, and names cancelled bookings nobody draws.)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from booking.adapters import blocked_time_store, calendars, site_store
from booking.adapters import booking_mapper as mapper
from booking.adapters.booking_queries import SUMMARY_FIELDS
from booking.adapters.firestore_client import db, site_ref
from booking.domain.blocked_time import BlockedTime
from booking.domain.catalog import Catalog
from booking.domain.model import Busy
from booking.domain.record import BookingRecord


@dataclass(frozen=True)
class RangeRead:
    catalog: Catalog
    busy: tuple[Busy, ...]
    """Every resource's busy time (bookings and blocked time), for the engine."""
    bookings: tuple[BookingRecord, ...]
    """Every booking that holds time in the range (as listed: SUMMARY_FIELDS)."""
    blocked: tuple[BlockedTime, ...]
    entries: tuple[calendars.Entry, ...]
    """The calendar entries of the range: enough for counts and occupancy."""
    requests: int
    """Firestore requests this read made: the same for a day and a week."""


def _bookings(site_id: str, booking_ids: set[str]) -> list[BookingRecord]:
    if not booking_ids:
        return []
    bookings = site_ref(site_id).collection("bookings")
    refs = [bookings.document(booking_id) for booking_id in sorted(booking_ids)]
    return [
        mapper.record_from(snapshot.id, snapshot.to_dict() or {})
        for snapshot in db().get_all(refs, field_paths=SUMMARY_FIELDS)
        if snapshot.exists
    ]


def read_range(
    site_id: str,
    start: datetime,
    end: datetime,
    exact: Callable[[Catalog], tuple[datetime, datetime]],
    details: bool = True,
) -> RangeRead:
    """The busy time of `[start, end)` (wide enough for the engine), and the
    calendar entries, bookings and blocked time of the part `exact(catalog)`
    picks once the catalog (its time zone) is known; without `details`, the
    entries only (a week summed up needs no booking documents).

    One batched read of the site and the calendars, then the bookings and
    the blocked time they name, side by side: three requests on a warm
    instance, whatever the range."""
    read = site_store.load_with_calendars(site_id, None, start, end, require_enabled=False)
    entries = calendars.entries_in(read.calendars, *exact(read.catalog))
    booking_ids = {e.booking_id for e in entries if e.booking_id} if details else set()
    blocked_ids = {e.blocked_id for e in entries if e.blocked_id} if details else set()
    bookings = site_store.POOL.submit(_bookings, site_id, booking_ids)
    blocked = blocked_time_store.get_many(site_id, blocked_ids)
    return RangeRead(
        catalog=read.catalog,
        busy=tuple(calendars.busy_in(read.calendars, start, end)),
        bookings=tuple(bookings.result()),
        blocked=tuple(blocked),
        entries=tuple(entries),
        requests=read.requests + (1 if booking_ids else 0) + (1 if blocked_ids else 0),
    )
