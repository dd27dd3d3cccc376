"""A deliberately simple availability implementation to test the engine against.

It shares no code with the engine beyond the model and result types: ranges
are sets of wall-clock minutes, every candidate slot is converted with
zoneinfo, and every candidate is checked against every busy interval of its
resource. Slow on purpose, obviously right on purpose.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from booking.domain.availability import AvailabilityRequest, Day, Slot
from booking.domain.model import Busy, DayStatus, Hours, StaffMember, TimeRange


@dataclass(frozen=True)
class LocalRange:
    """An availability range of one resource on one date."""

    local_start: datetime  # naive wall-clock
    local_end: datetime  # naive wall-clock
    start: datetime  # UTC
    end: datetime  # UTC


def _naive_range(day: date, value: TimeRange) -> tuple[datetime, datetime]:
    start = datetime.combine(day, value.start)
    end = datetime.combine(day, value.end)
    if end <= start:
        end += timedelta(days=1)
    return start, end


def _minutes(day: date, value: TimeRange) -> set[int]:
    start, end = _naive_range(day, value)
    midnight = datetime.combine(day, time())
    first = int((start - midnight).total_seconds()) // 60
    last = int((end - midnight).total_seconds()) // 60
    return set(range(first, last))


def _runs(minutes: set[int]) -> list[tuple[int, int]]:
    """Contiguous runs of minutes as [first, last + 1) pairs."""
    runs: list[tuple[int, int]] = []
    for minute in sorted(minutes):
        if runs and runs[-1][1] == minute:
            runs[-1] = (runs[-1][0], minute + 1)
        else:
            runs.append((minute, minute + 1))
    return runs


def _wall_ranges(location: Hours, own: Hours | None, day: date) -> list[tuple[datetime, datetime]]:
    midnight = datetime.combine(day, time())
    if own is not None and day in own.overrides:
        return [_naive_range(day, r) for r in own.overrides[day]]
    if day in location.overrides:
        return [_naive_range(day, r) for r in location.overrides[day]]
    weekly = (own if own is not None else location).weekly
    result: list[tuple[datetime, datetime]] = []
    breaks: set[int] = set()
    for value in weekly.breaks.get(day.weekday(), ()):
        breaks |= _minutes(day, value)
    for value in weekly.ranges.get(day.weekday(), ()):
        for first, last in _runs(_minutes(day, value) - breaks):
            result.append((midnight + timedelta(minutes=first), midnight + timedelta(minutes=last)))
    return result


def _to_utc(local: datetime, zone: ZoneInfo) -> datetime:
    return local.replace(tzinfo=zone, fold=0).astimezone(UTC)


def _exists(local: datetime, zone: ZoneInfo) -> bool:
    return _to_utc(local, zone).astimezone(zone).replace(tzinfo=None) == local


def _candidates(request: AvailabilityRequest) -> Sequence[StaffMember | None]:
    """Who can take the service; [None] is the site itself (no staff)."""
    if not request.service.active:
        return []
    if not request.staff:
        return [None]
    linked = [
        m
        for m in request.staff
        if m.active
        and request.service.id in m.service_ids
        and (request.branch_id is None or m.branch_id == request.branch_id)
        and (request.staff_id is None or m.id == request.staff_id)
    ]
    return sorted(linked, key=lambda m: m.id)


def reference_ranges(request: AvailabilityRequest, staff_id: str | None, day: date) -> list[LocalRange]:
    """Availability ranges of one resource (None: the site) on a date."""
    zone = ZoneInfo(request.timezone)
    own = None
    if staff_id is not None:
        own = next(m for m in request.staff if m.id == staff_id).hours
    return [
        LocalRange(start, end, _to_utc(start, zone), _to_utc(end, zone))
        for start, end in _wall_ranges(request.hours, own, day)
    ]


def blocks(busy: Busy, staff_id: str | None) -> bool:
    """Whether a busy interval belongs to a resource (site-wide ones block all)."""
    return busy.staff_id is None or busy.staff_id == staff_id


def reference_days(request: AvailabilityRequest) -> tuple[Day, ...]:
    zone = ZoneInfo(request.timezone)
    today = request.now.astimezone(zone).date()
    first = max(request.first_day, today)
    last = min(request.last_day, today + timedelta(days=request.settings.horizon_days - 1))
    earliest = request.now + timedelta(minutes=request.settings.min_notice_minutes)
    duration = timedelta(minutes=request.service.duration_minutes)
    step = timedelta(minutes=request.settings.slot_interval_minutes)
    buffer = timedelta(minutes=request.settings.buffer_minutes)
    members = _candidates(request)
    busy_of = {
        (m.id if m else None): [
            (b.start.astimezone(UTC), b.end.astimezone(UTC))
            for b in request.busy
            if (blocks(b, m.id) if m else b.staff_id is None)
        ]
        for m in members
    }
    days: list[Day] = []
    day = first
    while day <= last:
        any_range = False
        found: dict[datetime, set[str]] = {}
        for member in members:
            member_id = member.id if member else None
            for rng in reference_ranges(request, member_id, day):
                any_range = True
                local = rng.local_start
                while local < rng.local_end:
                    if _exists(local, zone):
                        start = _to_utc(local, zone)
                        end = start + duration
                        free = all(
                            not (start - buffer < b_end and b_start < end + buffer)
                            for b_start, b_end in busy_of[member_id]
                        )
                        if start >= rng.start and end <= rng.end and start >= earliest and free:
                            found.setdefault(start, set())
                            if member_id is not None:
                                found[start].add(member_id)
                    local += step
        slots = tuple(
            Slot(start.astimezone(zone), (start + duration).astimezone(zone), tuple(sorted(ids)))
            for start, ids in sorted(found.items())
        )
        if not any_range:
            status = DayStatus.CLOSED
        elif not slots:
            status = DayStatus.FULL
        else:
            status = DayStatus.OPEN
        days.append(Day(day, status, slots))
        day += timedelta(days=1)
    return tuple(days)
