"""Turn opening hours into ranges of one local date, then into UTC seconds.

Ranges are first expressed in minutes since the local midnight of the date
they belong to (a range crossing midnight simply ends after minute 1440),
and only then converted to instants. Keeping the wall-clock step separate is
what makes daylight saving behave: 09:00 stays 09:00 local on every day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from booking.domain.intervals import Interval, subtract
from booking.domain.model import DayRanges, Hours, TimeRange, WeeklySchedule

MINUTES_PER_DAY = 24 * 60
_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()


def location_hours(site: Hours, branch: Hours | None) -> Hours:
    """Hours of a branch, or of the site when there are no branches.

    A branch keeps its own weekly schedule; site-wide date overrides (public
    holidays) still apply to it unless the branch overrides the same date.
    """
    if branch is None:
        return site
    overrides = dict(site.overrides)
    overrides.update(branch.overrides)
    return Hours(weekly=branch.weekly, overrides=overrides)


def _minute(value: time) -> int:
    return value.hour * 60 + value.minute


def range_minutes(value: TimeRange) -> Interval:
    """Minutes since the local midnight of the range's own date."""
    start, end = _minute(value.start), _minute(value.end)
    if value.crosses_midnight:
        end += MINUTES_PER_DAY
    return (start, end)


def override_minutes(ranges: DayRanges) -> tuple[Interval, ...]:
    """Ranges of a date override; breaks do not apply to them."""
    return tuple(sorted(range_minutes(r) for r in ranges))


def weekly_minutes(weekly: WeeklySchedule) -> tuple[tuple[Interval, ...], ...]:
    """Per weekday (Mon = 0), the weekly ranges with that weekday's breaks cut out."""
    table: list[tuple[Interval, ...]] = []
    for weekday in range(7):
        cuts = [range_minutes(b) for b in weekly.breaks.get(weekday, ())]
        pieces: list[Interval] = []
        for value in weekly.ranges.get(weekday, ()):
            pieces.extend(subtract(range_minutes(value), cuts))
        table.append(tuple(sorted(pieces)))
    return tuple(table)


@dataclass(frozen=True)
class ResourceHours:
    """Who decides a resource's ranges on a date, precomputed once per request.

    Order: the resource's own override for the date, else the location's
    override, else the resource's own weekly schedule, else the location's.
    """

    own_overrides: dict[date, tuple[Interval, ...]]
    location_overrides: dict[date, tuple[Interval, ...]]
    weekly: tuple[tuple[Interval, ...], ...]

    def ranges_on(self, day: date) -> tuple[Interval, ...]:
        found = self.own_overrides.get(day)
        if found is not None:
            return found
        found = self.location_overrides.get(day)
        if found is not None:
            return found
        return self.weekly[day.weekday()]


class HoursCompiler:
    """Builds `ResourceHours`, sharing the location's work between staff."""

    def __init__(self, location: Hours) -> None:
        self._location_overrides = {day: override_minutes(ranges) for day, ranges in location.overrides.items()}
        self._location_weekly = weekly_minutes(location.weekly)

    def compile(self, own: Hours | None) -> ResourceHours:
        if own is None:
            return ResourceHours({}, self._location_overrides, self._location_weekly)
        own_overrides = {day: override_minutes(r) for day, r in own.overrides.items()}
        return ResourceHours(own_overrides, self._location_overrides, weekly_minutes(own.weekly))


class DayClock:
    """Converts minutes after the local midnight of one date to UTC seconds.

    On the vast majority of dates the UTC offset is the same over the whole
    two-day window a date's ranges can reach, and conversion is an addition
    (`steady`). Around a daylight-saving change it goes through zoneinfo, one
    wall-clock time at a time.
    """

    __slots__ = ("_converted", "base", "day", "offset", "steady", "zone")

    def __init__(self, day: date, zone: ZoneInfo) -> None:
        self.day = day
        self.zone = zone
        midnight = datetime(day.year, day.month, day.day)
        offsets = {_offset_seconds(midnight + timedelta(days=n), zone) for n in range(3)}
        self.steady = len(offsets) == 1
        local_seconds = (day.toordinal() - _EPOCH_ORDINAL) * 86400
        self.offset = _offset_seconds(midnight, zone)
        self.base = local_seconds - self.offset
        self._converted: dict[int, int | None] = {}

    def boundary(self, minute: int) -> int:
        """UTC seconds of a range boundary; a time in a spring-forward gap is
        read with the offset before the change, as zoneinfo does (fold=0)."""
        if self.steady:
            return self.base + minute * 60
        return int(self._local(minute).timestamp())

    def start(self, minute: int) -> int | None:
        """UTC seconds of a slot start, or None when that wall-clock time does
        not exist. A repeated (fall-back) time is the first occurrence."""
        if self.steady:
            return self.base + minute * 60
        # Every resource steps through the same wall-clock times: convert once.
        if minute in self._converted:
            return self._converted[minute]
        local = self._local(minute)
        instant = local.astimezone(UTC)
        found = None
        if instant.astimezone(self.zone).replace(tzinfo=None) == local.replace(tzinfo=None):
            found = int(instant.timestamp())
        self._converted[minute] = found
        return found

    def _local(self, minute: int) -> datetime:
        return datetime(self.day.year, self.day.month, self.day.day, tzinfo=self.zone) + timedelta(minutes=minute)


def _offset_seconds(naive: datetime, zone: ZoneInfo) -> int:
    offset = zone.utcoffset(naive)
    return 0 if offset is None else int(offset.total_seconds())
