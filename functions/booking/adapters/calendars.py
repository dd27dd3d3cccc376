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

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from itertools import compress, repeat
from operator import and_, gt, itemgetter, lt
from typing import Any

from google.cloud import firestore

from booking.adapters.firestore_client import Writer, site_ref
from booking.domain.booking import SITE_RESOURCE
from booking.domain.busy_seconds import BusySeconds
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


BLOCKED = "blocked-"
"""Entry ids of blocked time start with this; booking ids never do."""
OFFER = "offer-"
"""Entry ids of time held for a waitlist offer start with this."""
# External busy time written by calendar sync (docs/calendar-sync.md): entries
# of their own kind, `start/end/sync~<connection>~<key>`, in every month they touch.
SYNC_KIND = "sync~"


def add_blocked(writer: Writer, site_id: str, staff_id: str, start: datetime, end: datetime, blocked_id: str) -> None:
    """Record blocked time in every month it touches, in its claim's commit."""
    value = entry(BLOCKED + blocked_id, start, end)
    for month in _months(start, end):
        writer.set(_ref(site_id, staff_id, month), {"busy": firestore.ArrayUnion([value])}, merge=True)


def remove_blocked(
    writer: Writer, site_id: str, staff_id: str, start: datetime, end: datetime, blocked_id: str
) -> None:
    value = entry(BLOCKED + blocked_id, start, end)
    for month in _months(start, end):
        writer.set(_ref(site_id, staff_id, month), {"busy": firestore.ArrayRemove([value])}, merge=True)


@dataclass(frozen=True)
class Entry:
    """One entry of a busy calendar: a booking's time or blocked time."""

    staff_id: str | None
    start: datetime
    end: datetime
    booking_id: str | None = None
    blocked_id: str | None = None


def entries_in(snapshots: Iterable[Any], start: datetime, end: datetime) -> list[Entry]:
    """The entries of read calendar documents that overlap `[start, end)`,
    each once (blocked time sits in every month it touches)."""
    low, high = start.timestamp(), end.timestamp()
    found: dict[str, Entry] = {}
    for snapshot in snapshots:
        if not snapshot.exists:
            continue
        resource = snapshot.id.rsplit("_", 1)[0]
        staff_id = None if resource == SITE_RESOURCE else resource
        for value in (snapshot.to_dict() or {}).get("busy") or ():
            begin, finish, entry_id = value.split("/", 2)
            if int(begin) < high and int(finish) > low and entry_id not in found:
                if entry_id.startswith((OFFER, SYNC_KIND)):
                    continue  # held for an offer, or busy in a synced calendar: busy for the engine, not a booking
                blocked = entry_id.startswith(BLOCKED)
                found[entry_id] = Entry(
                    staff_id,
                    datetime.fromtimestamp(int(begin), UTC),
                    datetime.fromtimestamp(int(finish), UTC),
                    None if blocked else entry_id,
                    entry_id.removeprefix(BLOCKED) if blocked else None,
                )
    return list(found.values())


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


_ENTRY_TIMES = re.compile(r"^(-?\d+)/(-?\d+)/", re.MULTILINE)
"""The start and end of each `start/end/id` entry, one entry a line."""


def busy_in(snapshots: Iterable[Any], start: datetime, end: datetime) -> BusySeconds:
    """The entries of read calendar documents that overlap `[start, end)`,
    kept in the epoch seconds they are stored in (see `BusySeconds`).

    A slots request reads thousands of entries: they are parsed by one
    regular expression per document and filtered with `map`, in C."""
    low, high = start.timestamp(), end.timestamp()
    found: dict[str | None, tuple[list[int], list[int]]] = {}
    for snapshot in snapshots:
        if not snapshot.exists:
            continue
        resource = snapshot.id.rsplit("_", 1)[0]
        starts, ends = found.setdefault(None if resource == SITE_RESOURCE else resource, ([], []))
        times = _ENTRY_TIMES.findall("\n".join((snapshot.to_dict() or {}).get("busy") or ()))
        firsts = list(map(int, map(itemgetter(0), times)))
        lasts = list(map(int, map(itemgetter(1), times)))
        # Overlaps [low, high): starts before high and ends after low.
        inside = list(map(and_, map(gt, repeat(high), firsts), map(lt, repeat(low), lasts)))
        starts.extend(compress(firsts, inside))
        ends.extend(compress(lasts, inside))
    return BusySeconds(found)


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


def holders_in(snapshots: Iterable[Any], start: datetime, end: datetime) -> list[tuple[str, datetime, datetime]]:
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
