"""Per-resource busy calendars: the time each staff member (or a site without
staff) is booked, one document per resource and UTC month.

Reading availability for 90 days then costs one batched read of a few
documents per staff member instead of one read per booking. Every change
that claims or releases time updates the calendar in the same atomic commit
as the booking and its locks, so the calendar never disagrees with them.
Blocked time and external calendar events belong in the same documents, as
entries of their own (`start/end/<id>`, in every month they touch), so one
read finds everything that keeps a resource busy.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from typing import Any

from google.cloud import firestore

from booking.adapters.firestore_client import Writer, site_ref
from booking.domain.booking import SITE_RESOURCE
from booking.domain.model import Busy
from booking.domain.record import BookingRecord


def _month(instant: datetime) -> str:
    return f"{instant.astimezone(UTC):%Y-%m}"


def _ref(site_id: str, staff_id: str | None, month: str) -> firestore.DocumentReference:
    ref: firestore.DocumentReference = (
        site_ref(site_id).collection("calendars").document(f"{staff_id or SITE_RESOURCE}_{month}")
    )
    return ref


def entry(booking_id: str, start: datetime, end: datetime) -> str:
    """`start/end/bookingId` in epoch seconds: unique, compact, cheap to parse."""
    return f"{int(start.timestamp())}/{int(end.timestamp())}/{booking_id}"


def add(writer: Writer, booking: BookingRecord) -> None:
    """Record a booking's time in the same commit as its locks."""
    ref = _ref(booking.site_id, booking.staff_id, _month(booking.start))
    value = entry(booking.id, booking.start, booking.end)
    writer.set(ref, {"busy": firestore.ArrayUnion([value])}, merge=True)


def remove(writer: Writer, booking: BookingRecord) -> None:
    """Forget a booking's time in the same commit as releasing its locks."""
    ref = _ref(booking.site_id, booking.staff_id, _month(booking.start))
    value = entry(booking.id, booking.start, booking.end)
    writer.set(ref, {"busy": firestore.ArrayRemove([value])}, merge=True)


def hold(writer: Writer, site_id: str, staff_id: str | None, holder: str, start: datetime, end: datetime) -> None:
    """Record time held by something other than a booking (a waitlist offer)."""
    value = entry(holder, start, end)
    writer.set(_ref(site_id, staff_id, _month(start)), {"busy": firestore.ArrayUnion([value])}, merge=True)


def unhold(writer: Writer, site_id: str, staff_id: str | None, holder: str, start: datetime, end: datetime) -> None:
    """Forget time recorded with `hold`, in the same commit as its locks."""
    value = entry(holder, start, end)
    writer.set(_ref(site_id, staff_id, _month(start)), {"busy": firestore.ArrayRemove([value])}, merge=True)


def _months(start: datetime, end: datetime) -> list[str]:
    year, month = start.astimezone(UTC).year, start.astimezone(UTC).month
    last = _month(end)
    months = []
    while True:
        key = f"{year:04d}-{month:02d}"
        months.append(key)
        if key >= last:
            return months
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def refs(site_id: str, resources: Iterable[str | None], start: datetime, end: datetime) -> list[Any]:
    """The calendar documents that hold the resources' time in `[start, end)`."""
    return [_ref(site_id, resource, month) for resource in resources for month in _months(start, end)]


def busy_in(snapshots: Iterable[Any], start: datetime, end: datetime) -> list[Busy]:
    """The entries of read calendar documents that overlap `[start, end)`."""
    low, high = start.timestamp(), end.timestamp()
    found = []
    for snapshot in snapshots:
        if not snapshot.exists:
            continue
        resource = snapshot.id.rsplit("_", 1)[0]
        staff_id = None if resource == SITE_RESOURCE else resource
        for value in (snapshot.to_dict() or {}).get("busy") or ():
            begin, finish, _ = value.split("/", 2)
            if int(begin) < high and int(finish) > low:
                found.append(
                    Busy(datetime.fromtimestamp(int(begin), UTC), datetime.fromtimestamp(int(finish), UTC), staff_id)
                )
    return found


# External busy time written by calendar sync (docs/calendar-sync.md): entries
# of their own kind, `start/end/sync~<connection>~<key>`, in every month they touch.
SYNC_KIND = "sync~"


def external_entry(connection_id: str, key: str, start: datetime, end: datetime) -> str:
    return entry(f"{SYNC_KIND}{connection_id}~{key}", start, end)


def write_external(
    writer: Writer, site_id: str, staff_id: str | None, added: Iterable[str], removed: Iterable[str]
) -> None:
    """Add and remove external entries (`external_entry` strings) in every month they touch."""
    for values, change in ((list(removed), firestore.ArrayRemove), (list(added), firestore.ArrayUnion)):
        by_month: dict[str, list[str]] = {}
        for value in values:
            begin, finish, _ = value.split("/", 2)
            start, end = datetime.fromtimestamp(int(begin), UTC), datetime.fromtimestamp(int(finish), UTC)
            for month in _months(start, end - timedelta(seconds=1)):
                by_month.setdefault(month, []).append(value)
        for month, month_values in by_month.items():
            writer.set(_ref(site_id, staff_id, month), {"busy": change(month_values)}, merge=True)


def entries_in(snapshots: Iterable[Any], start: datetime, end: datetime) -> list[tuple[str, datetime, datetime]]:
    """`(id, start, end)` of every entry of read calendar documents in `[start, end)`."""
    low, high = start.timestamp(), end.timestamp()
    found = []
    for snapshot in snapshots:
        for value in ((snapshot.to_dict() or {}).get("busy") or ()) if snapshot.exists else ():
            begin, finish, holder = value.split("/", 2)
            if int(begin) < high and int(finish) > low:
                found.append(
                    (holder, datetime.fromtimestamp(int(begin), UTC), datetime.fromtimestamp(int(finish), UTC))
                )
    return found
