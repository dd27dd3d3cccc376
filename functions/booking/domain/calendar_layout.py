"""Where things go on the staff calendar: the time axis of a day, its hour
marks, each block's place and lane, working time, breaks and occupancy.

Pure: instants are whole UTC seconds (half-open `[start, end)`), wall-clock
ranges are minutes after a local midnight (as in `domain/schedule.py`).
Places are percentages of the axis, so the page only draws them. The axis
runs in real time: on a daylight-saving day it spans the whole local day,
23 or 25 hours, and its hour marks read 01:00, 03:00 or 02:00 twice.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from booking.domain.intervals import Interval, merge, subtract
from booking.domain.schedule import MINUTES_PER_DAY, DayClock

HOUR = 3600
DAY = 86400
EMPTY_DAY_MINUTES = (9 * 60, 17 * 60)
"""The axis of a day nobody works: office hours, so the page still has a shape."""


@dataclass(frozen=True)
class Axis:
    """The time a day column shows; `change_minutes` is the day's
    daylight-saving change (+60 when clocks go forward, -60 back, else 0)."""

    start: int
    end: int
    change_minutes: int = 0

    @property
    def hours(self) -> float:
        return (self.end - self.start) / HOUR


@dataclass(frozen=True)
class Tick:
    at: int
    label: str
    """The local wall-clock time, "HH:MM"."""
    top: float


@dataclass(frozen=True)
class Place:
    """A block's place on the axis, in percent; `cut_*` when it runs past
    the axis (a booking crossing midnight shows on both days)."""

    top: float
    height: float
    cut_before: bool = False
    cut_after: bool = False


def day_bounds(day: date, zone: ZoneInfo) -> Interval:
    """The local day in UTC seconds: 23, 24 or 25 hours long."""
    start = datetime(day.year, day.month, day.day, tzinfo=zone)
    following = day + timedelta(days=1)
    end = datetime(following.year, following.month, following.day, tzinfo=zone)
    return int(start.timestamp()), int(end.timestamp())


def day_axis(
    day: date,
    zone: ZoneInfo,
    ranges: Iterable[Interval],
    blocks: Iterable[Interval] = (),
    whole_change_day: bool = True,
) -> Axis:
    """The axis of one date: its opening `ranges` (local minutes, of any
    staff) and its `blocks` (UTC seconds: a walk-in before opening still
    shows) rounded out to whole hours; the whole local day when the clocks
    change that day, so the missing or repeated hour shows."""
    bounds = day_bounds(day, zone)
    change = (bounds[1] - bounds[0] - DAY) // 60
    if change and whole_change_day:
        return Axis(bounds[0], bounds[1], -change)
    spans = [r for r in ranges if r[1] > r[0]]
    for start, end in blocks:
        start, end = max(start, bounds[0]), min(end, bounds[1])
        if end > start:
            spans.append(((start - bounds[0]) // 60, -(-(end - bounds[0]) // 60)))
    low = min((r[0] for r in spans), default=EMPTY_DAY_MINUTES[0])
    high = max((r[1] for r in spans), default=EMPTY_DAY_MINUTES[1])
    low, high = (low // 60) * 60, -(-high // 60) * 60
    clock = DayClock(day, zone)
    return Axis(clock.boundary(low), clock.boundary(high), -change)


def _wall_minutes(day: date, zone: ZoneInfo, instant: int) -> int:
    local = datetime.fromtimestamp(instant, UTC).astimezone(zone)
    return (local.date() - day).days * MINUTES_PER_DAY + local.hour * 60 + local.minute


def shared_axes(days: Sequence[date], zone: ZoneInfo, axes: Sequence[Axis]) -> list[Axis]:
    """One wall-clock window for every day of a week (the earliest start and
    latest end of their own axes), so the days' columns line up."""
    low = min(_wall_minutes(day, zone, axis.start) for day, axis in zip(days, axes, strict=True))
    high = max(_wall_minutes(day, zone, axis.end) for day, axis in zip(days, axes, strict=True))
    return [
        Axis(DayClock(day, zone).boundary(low), DayClock(day, zone).boundary(high), axis.change_minutes)
        for day, axis in zip(days, axes, strict=True)
    ]


def ticks(axis: Axis, zone: ZoneInfo) -> tuple[Tick, ...]:
    """A mark at every local hour on the axis, labelled in local time."""
    marks = []
    at = axis.start
    while at <= axis.end:
        local = datetime.fromtimestamp(at, UTC).astimezone(zone)
        if local.minute == 0:
            marks.append(Tick(at, f"{local:%H:%M}", place(axis, (at, at)).top))
            at += HOUR
        else:
            at += (60 - local.minute) * 60
    return tuple(marks)


def place(axis: Axis, interval: Interval) -> Place:
    """`interval`'s place on the axis, clipped to it."""
    length = axis.end - axis.start
    start, end = max(interval[0], axis.start), min(interval[1], axis.end)
    top = (start - axis.start) * 100 / length
    height = max(0, end - start) * 100 / length
    return Place(round(top, 3), round(height, 3), interval[0] < axis.start, interval[1] > axis.end)


def lanes(intervals: Sequence[Interval]) -> list[tuple[int, int]]:
    """(lane, lanes in its group) per interval, in the order given: blocks
    that overlap sit side by side, each group of overlapping blocks as wide
    as it needs and no wider."""
    order = sorted(range(len(intervals)), key=lambda i: (intervals[i][0], -intervals[i][1]))
    result: list[tuple[int, int]] = [(0, 1)] * len(intervals)
    group: list[int] = []
    lane_ends: list[int] = []
    group_end = None

    def close() -> None:
        for index in group:
            result[index] = (result[index][0], len(lane_ends))

    for index in order:
        start, end = intervals[index]
        if group_end is not None and start >= group_end:
            close()
            group, lane_ends = [], []
        lane = next((n for n, lane_end in enumerate(lane_ends) if lane_end <= start), len(lane_ends))
        if lane == len(lane_ends):
            lane_ends.append(end)
        else:
            lane_ends[lane] = end
        result[index] = (lane, 0)
        group.append(index)
        group_end = end if group_end is None or start >= group_end else max(group_end, end)
    close()
    return result


def working_time(day: date, zone: ZoneInfo, today: Sequence[Interval], yesterday: Sequence[Interval]) -> list[Interval]:
    """A resource's working time on `day` in UTC seconds: its ranges of the
    date (local minutes, breaks already cut out) and the part of the day
    before's ranges that runs past midnight."""
    clock = DayClock(day, zone)
    before = DayClock(day - timedelta(days=1), zone)
    found = [(clock.boundary(lo), clock.boundary(hi)) for lo, hi in today]
    found += [
        (before.boundary(max(lo, MINUTES_PER_DAY)), before.boundary(hi)) for lo, hi in yesterday if hi > MINUTES_PER_DAY
    ]
    bounds = day_bounds(day, zone)
    return [(max(lo, bounds[0]), hi) for lo, hi in merge(found) if hi > bounds[0]]


def breaks(working: Sequence[Interval]) -> list[Interval]:
    """The gaps between a day's working ranges: the lunch break, shown grey."""
    ordered = merge(working)
    return [(ordered[n][1], ordered[n + 1][0]) for n in range(len(ordered) - 1)]


def free_time(working: Sequence[Interval], busy: Iterable[Interval]) -> list[Interval]:
    """Working time that no booking or blocked time takes."""
    cuts = list(busy)
    return [piece for span in merge(working) for piece in subtract(span, cuts)]


def occupancy(working: Sequence[Interval], busy: Iterable[Interval]) -> float:
    """The share of working time taken, 0 to 1 (0 without working time)."""
    total = sum(end - start for start, end in merge(working))
    if not total:
        return 0.0
    free = sum(end - start for start, end in free_time(working, busy))
    return round((total - free) / total, 3)
