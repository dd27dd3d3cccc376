"""The waitlist's rules: which entry a freed time goes to, where in the freed
time the offer starts, how long the offer stays open, and what a no-show
frees (docs/waitlist.md).

Pure: the clock, the site's interval and the services' durations are passed in.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from booking.domain.booking import Customer


class DayPart(StrEnum):
    MORNING = "morning"
    """Starts before 12:00."""
    AFTERNOON = "afternoon"
    """Starts from 12:00, before 17:00."""
    EVENING = "evening"
    """Starts from 17:00."""


AFTERNOON_FROM = time(12)
EVENING_FROM = time(17)
ALL_DAY = frozenset(DayPart)


def day_part(local: time) -> DayPart:
    """The part of the day a local start time belongs to."""
    if local < AFTERNOON_FROM:
        return DayPart.MORNING
    return DayPart.AFTERNOON if local < EVENING_FROM else DayPart.EVENING


class Mode(StrEnum):
    AUTOMATIC = "automatic"
    """The first matching entry is offered a freed time at once."""
    MANUAL = "manual"
    """Staff or admins choose whom to offer it to."""


class EntryStatus(StrEnum):
    WAITING = "waiting"
    OFFERED = "offered"
    """Holds exactly one open offer (`Entry.offer_id`)."""
    BOOKED = "booked"
    LEFT = "left"


class OfferStatus(StrEnum):
    OPEN = "open"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    LAPSED = "lapsed"
    TAKEN = "taken"
    """Accepted, but the time was gone: the entry waits again in its place."""


@dataclass(frozen=True)
class WaitlistRules:
    """A branch's (or a site's) `waitlist` rules block (domain/booking_rules.py)."""

    enabled: bool = False
    mode: Mode = Mode.MANUAL
    offer_expiry_hours: int = 2
    notify_lapsed: bool = True
    """E-mail the client when their offer lapses (they stay on the list)."""

    @classmethod
    def of(cls, section: Mapping[str, object]) -> WaitlistRules:
        mode = section.get("mode")
        hours = section.get("offerExpiryHours")
        return cls(
            enabled=bool(section.get("enabled", False)),
            mode=Mode(str(mode)) if mode in tuple(Mode) else Mode.MANUAL,
            offer_expiry_hours=hours if isinstance(hours, int) and hours > 0 else 2,
            notify_lapsed=bool(section.get("notifyLapsed", True)),
        )


@dataclass(frozen=True)
class Preference:
    """When the client could come: local dates (inclusive), parts of the
    day, and a staff member or anyone who offers the service."""

    first_day: date
    last_day: date
    parts: frozenset[DayPart] = ALL_DAY
    staff_id: str | None = None


@dataclass(frozen=True)
class Entry:
    id: str
    site_id: str
    branch_id: str | None
    service_id: str
    customer: Customer
    preference: Preference
    status: EntryStatus
    joined_at: datetime
    queued_at: datetime
    """The entry's place in line: its joining time, or the moment an offer of
    it lapsed or was declined (it then goes to the end of the line)."""
    locale: str = "en"
    offer_id: str | None = None
    token_hashes: tuple[str, ...] = ()
    """Digests of the links that let the client leave the list (one per e-mail)."""
    passed: tuple[str, ...] = ()
    """Keys of freed times (`FreedTime.key`) this entry let go: never offered again."""

    @property
    def place(self) -> tuple[datetime, str]:
        return (self.queued_at, self.id)


@dataclass(frozen=True)
class FreedTime:
    """Time a staff member (None: the site as one resource) no longer has booked."""

    branch_id: str | None
    staff_id: str | None
    start: datetime
    end: datetime

    @property
    def key(self) -> str:
        return f"{self.staff_id or 'site'}_{int(self.start.timestamp())}_{int(self.end.timestamp())}"


@dataclass(frozen=True)
class Offer:
    """A freed time offered to one entry, held for it until `hold_expires_at`."""

    id: str
    site_id: str
    entry_id: str
    branch_id: str | None
    service_id: str
    staff_id: str | None
    start: datetime
    end: datetime
    lock_ids: tuple[str, ...]
    freed: FreedTime
    """The whole time that was freed: passed on as a whole."""
    status: OfferStatus
    hold_expires_at: datetime | None
    """None once settled: the sweep looks only at open offers."""
    created_at: datetime
    by: str = "system"
    token_hash: str = ""
    booking_id: str | None = None


@dataclass(frozen=True)
class ServiceFit:
    """What matching needs of a service: its length and who gives it
    (empty: a site without staff, booked as one resource)."""

    duration_minutes: int
    staff_ids: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Match:
    """An entry and the time in the freed time it would be offered."""

    entry: Entry
    start: datetime
    end: datetime


def fit(
    entry: Entry, freed: FreedTime, service: ServiceFit, timezone: str, interval_minutes: int, now: datetime
) -> Match | None:
    """The earliest start on the interval grid (counted from the freed
    time's start) at which the entry's service fits inside the freed time
    within its preference; None if there is none."""
    if freed.staff_id is not None and service.staff_ids and freed.staff_id not in service.staff_ids:
        return None
    if entry.preference.staff_id is not None and entry.preference.staff_id != freed.staff_id:
        return None
    zone, length, step = (
        ZoneInfo(timezone),
        timedelta(minutes=service.duration_minutes),
        timedelta(minutes=interval_minutes),
    )
    start = freed.start
    while start + length <= freed.end:
        local = start.astimezone(zone)
        in_range = entry.preference.first_day <= local.date() <= entry.preference.last_day
        if start >= now and in_range and day_part(local.time()) in entry.preference.parts:
            return Match(entry, start, start + length)
        start += step
    return None


def matching_entries(
    entries: Iterable[Entry],
    freed: FreedTime,
    services: Mapping[str, ServiceFit],
    timezone: str,
    interval_minutes: int,
    now: datetime,
) -> list[Match]:
    """The waiting entries the freed time suits, first in line first:
    same branch, a service that fits, not already passed on this time."""
    matches = []
    for entry in sorted(entries, key=lambda e: e.place):
        service = services.get(entry.service_id)
        if entry.status is not EntryStatus.WAITING or entry.branch_id != freed.branch_id or service is None:
            continue
        if freed.key in entry.passed:
            continue
        found = fit(entry, freed, service, timezone, interval_minutes, now)
        if found is not None:
            matches.append(found)
    return matches


def offer_expiry(now: datetime, hours: int, start: datetime) -> datetime:
    """An offer stays open `hours`, but never past the start of its time."""
    return min(now + timedelta(hours=hours), start)


def no_show_frees_from(start: datetime, end: datetime, marked_at: datetime, interval_minutes: int) -> datetime | None:
    """Where the time a no-show frees begins: the first point of the
    interval grid (counted from the booking's start) at or after the marking;
    None when nothing of the appointment is left."""
    step = timedelta(minutes=interval_minutes)
    if marked_at <= start:
        return start
    steps = -(-(marked_at - start) // step)
    frees_from = start + steps * step
    return frees_from if frees_from < end else None
