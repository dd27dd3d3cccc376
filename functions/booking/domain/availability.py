"""The availability engine: free slots per local date for one service.

Pure: the clock (`now`), the time zone and every setting come in through
`AvailabilityRequest`. The algorithm is described in docs/availability.md.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from math import ceil
from typing import Any
from zoneinfo import ZoneInfo

from booking.domain.busy_seconds import seconds_by_owner
from booking.domain.intervals import busy_columns, free_starts, is_free
from booking.domain.local_instants import DayInstants, LocalInstants
from booking.domain.model import Busy, DayStatus, Hours, Service, Settings, StaffMember
from booking.domain.schedule import (
    DayClock,
    HoursCompiler,
    ResourceHours,
    location_hours,
)

__all__ = [
    "AvailabilityRequest",
    "Day",
    "Slot",
    "available_days",
    "days_to_json",
    "find_slot",
    "location_hours",
]


@dataclass(frozen=True)
class AvailabilityRequest:
    """Everything the engine needs; `hours` is already the location's hours
    (see `location_hours`) and `staff` is every staff member of the site."""

    timezone: str
    hours: Hours
    service: Service
    staff: tuple[StaffMember, ...]
    busy: Sequence[Busy]
    """A tuple of `Busy`, or the store's `BusySeconds`, which the engine
    reads without converting a datetime."""
    settings: Settings
    now: datetime
    first_day: date
    last_day: date
    branch_id: str | None = None
    staff_id: str | None = None


@dataclass(frozen=True)
class Slot:
    """A free slot; `start` and `end` are aware and in the local zone."""

    start: datetime
    end: datetime
    staff_ids: tuple[str, ...]


@dataclass(frozen=True)
class Day:
    date: date
    status: DayStatus
    slots: tuple[Slot, ...]
    texts: tuple[tuple[str, str], ...] | None = field(default=None, compare=False, repr=False)
    """The ISO-8601 start and end of each slot, when the engine made them
    from its integer seconds: `days_to_json` then need not look the offset
    up in the zone for every instant again."""


@dataclass(frozen=True)
class _Resource:
    """A bookable unit: a staff member, or the site itself (id None), with
    its busy time as `busy_columns` (buffers are applied by the sweep)."""

    id: str | None
    hours: ResourceHours
    busy_starts: list[int]
    busy_ends: list[int]


def available_days(request: AvailabilityRequest) -> tuple[Day, ...]:
    """Status and free slots of each local date in `[first_day, last_day]`,
    clipped to today .. today + horizon - 1 (dates outside are left out)."""
    zone = ZoneInfo(request.timezone)
    first, last = _window(request, zone)
    return _compute(request, zone, first, last)


def last_bookable_day(request: AvailabilityRequest) -> date:
    """The horizon's last local date: later dates are never offered online."""
    _require_aware(request.now, "now")
    today = request.now.astimezone(ZoneInfo(request.timezone)).date()
    return today + timedelta(days=request.settings.horizon_days - 1)


def find_slot(request: AvailabilityRequest, start: datetime) -> Slot | None:
    """The free slot starting at the instant `start`, or None.

    Only the local date of `start` and the date before (whose ranges may cross
    midnight) are computed; `first_day`/`last_day` of the request are ignored,
    the horizon and minimum notice are not. Used to re-check before booking.
    """
    zone = ZoneInfo(request.timezone)
    _require_aware(start, "start")
    day = start.astimezone(zone).date()
    first, last = _window(request, zone, day - timedelta(days=1), day)
    wanted = start.timestamp()
    staff: set[str] = set()
    found: Slot | None = None
    for result in _compute(request, zone, first, last):
        for slot in result.slots:
            if slot.start.timestamp() == wanted:
                found = slot
                staff.update(slot.staff_ids)
    if found is None:
        return None
    return Slot(found.start, found.end, tuple(sorted(staff)))


_STATUS_TEXT = {status: status.value for status in DayStatus}


def days_to_json(days: tuple[Day, ...]) -> list[dict[str, Any]]:
    """The response body: ISO-8601 instants carry the offset valid at them."""
    body: list[dict[str, Any]] = []
    for day in days:
        texts = day.texts
        if texts is None:
            texts = tuple((slot.start.isoformat(), slot.end.isoformat()) for slot in day.slots)
        slots = [
            {"start": start, "end": end, "staffIds": list(slot.staff_ids)}
            for slot, (start, end) in zip(day.slots, texts, strict=True)
        ]
        body.append({"date": day.date.isoformat(), "status": _STATUS_TEXT[day.status], "slots": slots})
    return body


def _require_aware(value: datetime, name: str) -> None:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{name} must be an aware datetime")


def _window(
    request: AvailabilityRequest,
    zone: ZoneInfo,
    first: date | None = None,
    last: date | None = None,
) -> tuple[date, date]:
    """Requested dates clipped to today .. today + horizon - 1 (local)."""
    _require_aware(request.now, "now")
    today = request.now.astimezone(zone).date()
    horizon_end = last_bookable_day(request)
    first = request.first_day if first is None else first
    last = request.last_day if last is None else last
    return max(first, today), min(last, horizon_end)


def _resources(request: AvailabilityRequest) -> list[_Resource]:
    """The resources that can take the service, sorted by id, each with its
    busy time in whole seconds (site-wide entries join every staff member)."""
    if not request.service.active:
        return []
    compiler = HoursCompiler(request.hours)
    if not request.staff:
        site_starts, site_ends = seconds_by_owner(request.busy, [None])[None]
        return [_Resource(None, compiler.compile(None), *busy_columns(site_starts, site_ends))]
    service_id = request.service.id
    members = sorted(
        (
            m
            for m in request.staff
            if m.active
            and service_id in m.service_ids
            and (request.branch_id is None or m.branch_id == request.branch_id)
            and (request.staff_id is None or m.id == request.staff_id)
        ),
        key=lambda m: m.id,
    )
    by_owner = seconds_by_owner(request.busy, [None, *(m.id for m in members)])
    shared_starts, shared_ends = by_owner[None]
    resources = []
    for member in members:
        starts, ends = by_owner[member.id]
        columns = busy_columns(starts + shared_starts, ends + shared_ends)
        resources.append(_Resource(member.id, compiler.compile(member.hours), *columns))
    return resources


def _compute(request: AvailabilityRequest, zone: ZoneInfo, first: date, last: date) -> tuple[Day, ...]:
    if first > last:
        return ()
    duration = request.service.duration_minutes * 60
    step_minutes = request.settings.slot_interval_minutes
    if duration <= 0 or step_minutes <= 0:
        raise ValueError("service duration and slot interval must be positive")
    step = step_minutes * 60
    margin = request.settings.buffer_minutes * 60
    earliest = ceil(request.now.timestamp()) + request.settings.min_notice_minutes * 60
    resources = _resources(request)
    instants = LocalInstants(zone)
    with_staff = bool(request.staff)
    days: list[Day] = []
    day = first
    while day <= last:
        clock = DayClock(day, zone)
        base = clock.base if clock.steady else None
        found: dict[int, list[str]] = {}
        has_ranges = False
        for resource in resources:
            ranges = resource.hours.ranges_on(day)
            if not ranges:
                continue
            has_ranges = True
            label = resource.id or ""
            for lo, hi in ranges:
                if base is not None:
                    # Wall clock and UTC move together: sweep the busy list.
                    origin = base + lo * 60
                    starts = free_starts(
                        origin,
                        max(origin, earliest),
                        base + hi * 60,
                        step,
                        duration,
                        resource.busy_starts,
                        resource.busy_ends,
                        margin,
                    )
                else:
                    starts = _starts_around_change(clock, lo, hi, step_minutes, duration, margin, earliest, resource)
                for start in starts:
                    holders = found.get(start)
                    if holders is None:
                        found[start] = [label]
                    elif holders[-1] != label:
                        holders.append(label)
        days.append(_day(instants.of_day(clock), has_ranges, found, duration, with_staff))
        day += timedelta(days=1)
    return tuple(days)


def _starts_around_change(
    clock: DayClock,
    lo: int,
    hi: int,
    step_minutes: int,
    duration: int,
    margin: int,
    earliest: int,
    resource: _Resource,
) -> list[int]:
    """Free starts of a range `[lo, hi)` (local minutes) on a date with a
    daylight-saving change: step the wall clock, convert each start."""
    range_start = clock.boundary(lo)
    range_end = clock.boundary(hi)
    found: list[int] = []
    for minute in range(lo, hi, step_minutes):
        start = clock.start(minute)
        if start is None or start < range_start or start < earliest or start + duration > range_end:
            continue
        if is_free(start - margin, start + duration + margin, resource.busy_starts, resource.busy_ends):
            found.append(start)
    return found


def _day(
    instants: DayInstants,
    has_ranges: bool,
    found: dict[int, list[str]],
    duration: int,
    with_staff: bool,
) -> Day:
    """Merge the starts found for one date into its status and sorted slots;
    a site without staff is one resource, so its slots name nobody."""
    day = instants.day
    if not has_ranges:
        return Day(day, DayStatus.CLOSED, ())
    if not found:
        return Day(day, DayStatus.FULL, ())
    span = instants.span
    slots: list[Slot] = []
    texts: list[tuple[str, str]] = []
    for start in sorted(found):
        begin, stop, begin_text, stop_text = span(start, start + duration)
        slots.append(Slot(begin, stop, tuple(found[start]) if with_staff else ()))
        texts.append((begin_text, stop_text))
    return Day(day, DayStatus.OPEN, tuple(slots), tuple(texts))
