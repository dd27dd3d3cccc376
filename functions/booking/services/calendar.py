"""The staff calendar of a day or a week: who works when, their breaks,
bookings and blocked time, and the free slots the engine offers, laid out
for the page (`domain/calendar_layout.py`). Admins and staff (for their own
branch, `services/staff/calendar.py`) read the same thing."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from booking.adapters import calendar_store
from booking.domain import calendar_layout as layout
from booking.domain.availability import available_days
from booking.domain.blocked_time import BlockedTime
from booking.domain.catalog import Catalog
from booking.domain.errors import InvalidInput
from booking.domain.intervals import Interval
from booking.domain.record import BookingRecord
from booking.domain.schedule import HoursCompiler, ResourceHours
from booking.domain.site import Branch
from booking.services.admin.desk_booking import LATEST_DAY
from booking.services.public_booking import availability_request, days_window

WEEK = 7


@dataclass(frozen=True)
class CalendarQuery:
    site_id: str
    first_day: date
    days: int
    """1 (a day) or 7 (a week)."""
    branch_id: str | None = None
    staff_id: str | None = None
    service_id: str | None = None
    """Whose free slots to show; None: the shortest active service."""


@dataclass(frozen=True)
class Block:
    """A booking or blocked time in a column, with its place and lane."""

    start: datetime
    end: datetime
    place: layout.Place
    lane: int
    lanes: int
    booking: BookingRecord | None = None
    blocked: BlockedTime | None = None


@dataclass(frozen=True)
class Span:
    start: datetime
    end: datetime
    place: layout.Place


@dataclass(frozen=True)
class Column:
    staff_id: str | None
    working: tuple[Span, ...]
    breaks: tuple[Span, ...]
    blocks: tuple[Block, ...]
    free: tuple[Span, ...]
    """Free slot starts, each drawn one slot interval long."""
    service_id: str | None
    occupancy: float
    bookings: int
    free_slots: int


@dataclass(frozen=True)
class CalendarDay:
    date: date
    axis: layout.Axis
    ticks: tuple[layout.Tick, ...]
    columns: tuple[Column, ...]


@dataclass(frozen=True)
class Calendar:
    catalog: Catalog
    branch: Branch | None
    """None when every branch is shown."""
    timezone: str
    first_day: date
    last_day: date
    staff_ids: tuple[str | None, ...]
    service_id: str | None
    """The chosen service; None: each column shows its shortest service."""
    days: tuple[CalendarDay, ...]
    requests: int


def _utc(seconds: int) -> datetime:
    return datetime.fromtimestamp(seconds, UTC)


def _seconds(start: datetime, end: datetime) -> Interval:
    return int(start.timestamp()), int(end.timestamp())


def _scope(catalog: Catalog, query: CalendarQuery) -> tuple[Branch | None, ...]:
    """The branches shown: the one asked for, else the staff member's, else
    every active branch when they share a time zone (one time axis)."""
    wanted = query.branch_id
    if wanted is None and query.staff_id is not None:
        wanted = catalog.staff_member(query.staff_id).branch_id
    branches = catalog.active_branches
    if wanted is not None or len(branches) < 2:
        return (catalog.branch(wanted),)
    if len({catalog.timezone_of(branch) for branch in branches}) > 1:
        raise InvalidInput("branchId", "is required: the branches are in different time zones")
    return branches


def _columns_of(catalog: Catalog, scope: tuple[Branch | None, ...], staff_id: str | None) -> tuple[str | None, ...]:
    here = {branch.id if branch else None for branch in scope} | {None}
    members = [m for m in catalog.staff if m.active and m.branch_id in here]
    if staff_id is not None:
        member = catalog.staff_member(staff_id)
        if member.branch_id not in here:
            raise InvalidInput("staffId", f"{member.name} works at another branch")
        return (member.id,)
    return tuple(m.id for m in members) or (None,)


def _services(catalog: Catalog, columns: tuple[str | None, ...], wanted: str | None) -> dict[str | None, str]:
    """Whose free slots each column shows: the chosen service, else the
    shortest active service the staff member offers."""
    if wanted is not None:
        chosen = catalog.service(wanted).id
        return {c: chosen for c in columns}
    active = sorted((s for s in catalog.services if s.active), key=lambda s: (s.duration_minutes, s.name))
    offers = {m.id: m.service_ids for m in catalog.staff}
    found: dict[str | None, str] = {}
    for c in columns:
        service = next((s for s in active if c is None or s.id in offers.get(c, ())), None)
        if service is not None:
            found[c] = service.id
    return found


def _free_starts(
    read: calendar_store.RangeRead,
    scope: tuple[Branch | None, ...],
    services: dict[str | None, str],
    query: CalendarQuery,
    now: datetime,
) -> dict[tuple[date, str | None], list[datetime]]:
    """The engine's free starts per (date, staff), each column's service,
    without the public horizon or minimum notice: the desk may book them."""
    catalog = read.catalog
    last = query.first_day + timedelta(days=query.days - 1)
    found: dict[tuple[date, str | None], list[datetime]] = {}
    for branch in scope:
        for service_id in sorted(set(services.values())):
            service = catalog.service(service_id)
            request = availability_request(
                catalog, read.busy, service, branch, query.staff_id, query.first_day, last, now
            )
            settings = dataclasses.replace(request.settings, horizon_days=LATEST_DAY.days + 1, min_notice_minutes=0)
            for day in available_days(dataclasses.replace(request, settings=settings)):
                for slot in day.slots:
                    for staff_id in slot.staff_ids or (None,):
                        if services.get(staff_id) == service_id:
                            found.setdefault((day.date, staff_id), []).append(slot.start)
    return found


def read_calendar(query: CalendarQuery, now: datetime) -> Calendar:
    if query.days not in (1, WEEK):
        raise InvalidInput("days", "must be 1 or 7")
    last = query.first_day + timedelta(days=query.days - 1)
    window = days_window(query.first_day, last)

    def exact(catalog: Catalog) -> tuple[datetime, datetime]:
        zone = ZoneInfo(catalog.timezone_of(_scope(catalog, query)[0]))
        return _utc(layout.day_bounds(query.first_day, zone)[0]), _utc(layout.day_bounds(last, zone)[1])

    # A week of everyone is summed up (counts and occupancy): no documents needed.
    summary = query.days > 1 and query.staff_id is None
    read = calendar_store.read_range(query.site_id, *window, exact, details=not summary)
    catalog = read.catalog
    scope = _scope(catalog, query)
    branch = scope[0] if len(scope) == 1 else None
    zone = ZoneInfo(catalog.timezone_of(scope[0]))
    columns = _columns_of(catalog, scope, query.staff_id)
    services = _services(catalog, columns, query.service_id)
    free = _free_starts(read, scope, services, query, now)
    interval = catalog.site.settings.slot_interval_minutes
    steps = {c: min(interval, catalog.service(sid).duration_minutes) for c, sid in services.items()}
    compilers = {b.id if b else None: HoursCompiler(catalog.location_hours(b)) for b in scope}
    first_compiler = compilers[scope[0].id if scope[0] else None]
    hours: dict[str | None, ResourceHours] = {
        m.id: compilers.get(m.branch_id, first_compiler).compile(m.hours) for m in catalog.staff if m.id in columns
    }
    site_hours = first_compiler.compile(None)
    here = set(compilers) | {None}
    bookings = [b for b in read.bookings if b.status.holds_time and b.branch_id in here]
    dates = [query.first_day + timedelta(days=n) for n in range(query.days)]
    inputs = []
    for day in dates:
        bounds = layout.day_bounds(day, zone)
        ranges: dict[str | None, tuple[tuple[Interval, ...], tuple[Interval, ...]]] = {
            c: (hours.get(c, site_hours).ranges_on(day), hours.get(c, site_hours).ranges_on(day - timedelta(days=1)))
            for c in columns
        }
        touching = [b for b in bookings if b.staff_id in columns and _overlaps(b.start, b.end, bounds)]
        blocked = [b for b in read.blocked if b.staff_id in columns and _overlaps(b.start, b.end, bounds)]
        axis = layout.day_axis(
            day,
            zone,
            [r for today, _ in ranges.values() for r in today],
            [_seconds(b.start, b.end) for b in touching] + [_seconds(b.start, b.end) for b in blocked],
            whole_change_day=query.days == 1,
        )
        inputs.append((ranges, touching, blocked, axis))
    axes = [axis for *_, axis in inputs]
    if query.days > 1:
        axes = layout.shared_axes(dates, zone, axes)
    days = []
    for day, (ranges, touching, blocked, _), axis in zip(dates, inputs, axes, strict=True):
        bounds = layout.day_bounds(day, zone)
        made = []
        for column in columns:
            working = layout.working_time(day, zone, *ranges[column])
            mine: list[tuple[datetime, datetime, BookingRecord | None, BlockedTime | None]] = [
                (b.start, b.end, b, None) for b in touching if b.staff_id == column
            ]
            mine += [(b.start, b.end, None, b) for b in blocked if b.staff_id == column]
            mine.sort(key=lambda item: (item[0], item[1]))
            booked = (
                [
                    _seconds(e.start, e.end)
                    for e in read.entries
                    if e.booking_id and e.staff_id == column and _overlaps(e.start, e.end, bounds)
                ]
                if summary
                else [_seconds(start, end) for start, end, booking, _ in mine if booking]
            )
            starts = free.get((day, column), [])
            made.append(
                Column(
                    staff_id=column,
                    working=() if summary else tuple(_span(axis, w) for w in working),
                    breaks=() if summary else tuple(_span(axis, b) for b in layout.breaks(working)),
                    blocks=_blocks(axis, mine),
                    free=()
                    if summary
                    else tuple(_span(axis, _seconds(s, s + timedelta(minutes=steps[column]))) for s in starts),
                    service_id=services.get(column),
                    occupancy=layout.occupancy(working, booked),
                    bookings=len(booked),
                    free_slots=len(starts),
                )
            )
        days.append(CalendarDay(day, axis, layout.ticks(axis, zone), tuple(made)))
    return Calendar(
        catalog=catalog,
        branch=branch,
        timezone=zone.key,
        first_day=query.first_day,
        last_day=last,
        staff_ids=columns,
        service_id=query.service_id,
        days=tuple(days),
        requests=read.requests,
    )


def _blocks(
    axis: layout.Axis, mine: list[tuple[datetime, datetime, BookingRecord | None, BlockedTime | None]]
) -> tuple[Block, ...]:
    spans = [_seconds(start, end) for start, end, _, _ in mine]
    return tuple(
        Block(start, end, layout.place(axis, span), lane, count, booking, blocked)
        for (start, end, booking, blocked), span, (lane, count) in zip(mine, spans, layout.lanes(spans), strict=True)
    )


def _overlaps(start: datetime, end: datetime, bounds: Interval) -> bool:
    return start.timestamp() < bounds[1] and end.timestamp() > bounds[0]


def _span(axis: layout.Axis, interval: Interval) -> Span:
    return Span(_utc(interval[0]), _utc(interval[1]), layout.place(axis, interval))
