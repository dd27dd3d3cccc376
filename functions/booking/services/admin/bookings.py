"""Bookings for admins: a paged list with filters, the full record, and
confirming or cancelling through the same status change as everyone else.

The list is one indexed query per page, ordered by start, continued from
the last booking of the previous page (a cursor, never an offset), so a
page costs the same on a site with ten or ten thousand bookings.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from booking.adapters import booking_queries, booking_store, catalog_store
from booking.domain.errors import InvalidInput, NotFound
from booking.domain.record import BookingRecord
from booking.domain.transitions import Action
from booking.services import booking_actions


@dataclass(frozen=True)
class BookingQuery:
    site_id: str
    first_day: date | None = None
    last_day: date | None = None
    """Local dates in the site's zone, both included."""
    status: str | None = None
    branch_id: str | None = None
    staff_id: str | None = None
    source: str | None = None
    """`online`, `walk-in` or `admin`."""
    page_size: int = 25
    cursor: str | None = None
    """Id of the last booking of the previous page."""


@dataclass(frozen=True)
class BookingPage:
    bookings: tuple[BookingRecord, ...]
    """As listed: the fields of booking_queries.SUMMARY_FIELDS."""
    next_cursor: str | None
    """The last booking's id when more follow."""


def _site_zone(site_id: str) -> ZoneInfo:
    timezone = catalog_store.site_timezone(site_id)
    if timezone is None:
        raise NotFound("Site not found")
    return ZoneInfo(timezone or "UTC")


def list_bookings(query: BookingQuery) -> BookingPage:
    zone = _site_zone(query.site_id)
    where = booking_queries.ListFilter(
        status=query.status,
        branch_id=query.branch_id,
        staff_id=query.staff_id,
        source=query.source,
        starts_from=datetime.combine(query.first_day, time(), zone) if query.first_day is not None else None,
        starts_before=(
            datetime.combine(query.last_day + timedelta(days=1), time(), zone) if query.last_day is not None else None
        ),
    )
    try:
        found, more = booking_queries.page(query.site_id, where, query.page_size, query.cursor)
    except booking_queries.UnknownCursor:
        raise InvalidInput("cursor", "is not a booking of this site") from None
    return BookingPage(tuple(found), found[-1].id if more else None)


def get_booking(site_id: str, booking_id: str) -> BookingRecord:
    return booking_store.require(site_id, booking_id)


def change_status(site_id: str, booking_id: str, action: Action, by: str, now: datetime) -> BookingRecord:
    """Confirm or cancel; cancelling releases the time locks in the same
    transaction, so the slot is bookable again the moment this returns.
    Returns the booking as changed."""
    return booking_actions.apply(site_id, booking_id, action, by, now)
