"""Calendar sync rules, pure: which external events keep a resource busy,
what a sync changes in the busy calendars, which pushed events were deleted
out there, and when a failed push is tried again.

Rules (docs/calendar-sync.md): an occurrence is busy unless the provider
marks it free (transparent); all-day events are busy for their whole local
days unless marked free; recurring events arrive expanded over the booking
horizon; our own pushed events never count as busy (the booking already
holds its time). A busy event on top of a booking is a conflict: flagged,
never moved or cancelled.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum

EVENT_UID_PREFIX = "booking-"
"""The UID (and CalDAV resource name) of every event we push starts so."""
EVENT_UID_SUFFIX = "@booking"
SYNC_EVERY = timedelta(minutes=5)
BACKOFF_START = timedelta(minutes=1)
BACKOFF_MAX = timedelta(hours=6)


@dataclass(frozen=True)
class Occurrence:
    """One occurrence of a remote event, recurring ones already expanded."""

    uid: str
    start: datetime
    end: datetime
    transparent: bool = False
    """Marked free by its owner: shown in their calendar, blocks nothing."""
    summary: str = ""


@dataclass(frozen=True)
class BusyInterval:
    key: str
    """Stable per occurrence (`uid@start`), so a repeated sync is a no-op."""
    start: datetime
    end: datetime


@dataclass(frozen=True)
class BusyDiff:
    added: tuple[BusyInterval, ...]
    removed: tuple[BusyInterval, ...]

    @property
    def empty(self) -> bool:
        return not self.added and not self.removed


@dataclass(frozen=True)
class Conflict:
    """External busy time on top of time a booking holds."""

    booking_id: str
    start: datetime
    end: datetime
    summary: str


class ConnectionStatus(StrEnum):
    ACTIVE = "active"
    RECONNECT = "reconnect"
    """The provider refused the credentials (or they can't be read): nothing
    is tried again until an admin connects anew."""


@dataclass(frozen=True)
class Connection:
    """An external calendar connected for a staff member, or for the site
    (`staff_id` None: the site as one resource)."""

    id: str
    site_id: str
    provider: str
    staff_id: str | None
    account: str
    """What the admin recognises: the server and user."""
    sealed_credentials: str
    status: ConnectionStatus = ConnectionStatus.ACTIVE
    calendars: tuple[tuple[str, str], ...] = ()
    """`(id, name)` of the account's calendars, as last listed."""
    write_calendar: str | None = None
    busy_calendars: tuple[str, ...] = ()
    external_deletes_cancel: bool = True
    versions: Mapping[str, str] = field(default_factory=dict)
    """Calendar id -> change marker at the last read."""
    busy: tuple[str, ...] = ()
    """The busy calendar entries this connection wrote, exactly as written."""
    pushed: frozenset[str] = frozenset()
    """Bookings whose event is in the write calendar."""
    conflicts: tuple[Conflict, ...] = ()
    last_sync_at: datetime | None = None
    last_error: str = ""
    next_sync_at: datetime | None = None


def event_uid(booking_id: str) -> str:
    """The pushed event's UID, derived from the booking: a retried push
    overwrites the same event instead of adding a second one."""
    return f"{EVENT_UID_PREFIX}{booking_id}{EVENT_UID_SUFFIX}"


def booking_of(uid: str) -> str | None:
    """The booking a pushed event stands for; None for anyone else's event."""
    if uid.startswith(EVENT_UID_PREFIX) and uid.endswith(EVENT_UID_SUFFIX):
        return uid[len(EVENT_UID_PREFIX) : -len(EVENT_UID_SUFFIX)] or None
    return None


def busy_intervals(occurrences: Iterable[Occurrence], start: datetime, end: datetime) -> list[BusyInterval]:
    """The busy time of remote occurrences inside `[start, end)`: free
    (transparent) ones, our own pushed events and empty ones left out."""
    found: dict[str, BusyInterval] = {}
    for item in occurrences:
        if item.transparent or booking_of(item.uid) is not None or item.end <= item.start:
            continue
        if item.end <= start or item.start >= end:
            continue
        key = f"{item.uid}@{int(item.start.timestamp())}"
        found[key] = BusyInterval(key, item.start, item.end)
    return sorted(found.values(), key=lambda interval: (interval.start, interval.key))


def diff(stored: Mapping[str, BusyInterval], remote: Iterable[BusyInterval]) -> BusyDiff:
    """What to write so the busy calendars hold exactly `remote`: a changed
    occurrence is removed under its old times and added under its new ones."""
    wanted = {interval.key: interval for interval in remote}
    added = tuple(interval for key, interval in wanted.items() if stored.get(key) != interval)
    removed = tuple(interval for key, interval in stored.items() if wanted.get(key) != interval)
    return BusyDiff(added, removed)


def deleted_pushes(pushed: Iterable[str], remote_uids: Iterable[str]) -> list[str]:
    """Bookings whose pushed event is gone from the calendar it was written to."""
    present = set(remote_uids)
    return sorted(booking_id for booking_id in pushed if event_uid(booking_id) not in present)


def conflicts(
    busy: Iterable[BusyInterval], bookings: Iterable[tuple[str, datetime, datetime]], summaries: Mapping[str, str]
) -> list[Conflict]:
    """Each booking `(id, start, end)` that external busy time overlaps."""
    held = list(bookings)
    found = []
    for interval in busy:
        for booking_id, start, end in held:
            if interval.start < end and start < interval.end:
                found.append(Conflict(booking_id, interval.start, interval.end, summaries.get(interval.key, "")))
    return found


def next_push_attempt(failures: int, now: datetime) -> datetime:
    """Exponential backoff after the `failures`-th failed push, capped."""
    delay: timedelta = BACKOFF_START * (2 ** max(0, min(failures - 1, 16)))
    return now + min(delay, BACKOFF_MAX)
