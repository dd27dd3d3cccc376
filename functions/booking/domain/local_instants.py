"""Slot instants of one local date: aware datetimes and their ISO-8601 text.

The engine works in integer epoch seconds. Turning each slot's start and end
back into a zone-aware datetime (`datetime.fromtimestamp`) and formatting it
(`isoformat`) both look the offset up in the zone, once per instant; on a
steady date (see `DayClock`) the offset is one number for the whole date, so
both are done here with an addition and a few cached strings instead.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from booking.domain.schedule import DayClock

SECONDS_PER_DAY = 86400


class LocalInstants:
    """Per request: what every date shares (the zone, and for each time
    since a local midnight its duration and wall-clock text)."""

    def __init__(self, zone: ZoneInfo) -> None:
        self.zone = zone
        self._offset_texts: dict[int, str] = {}
        self._since_midnight: dict[int, tuple[timedelta, int, str]] = {}

    def of_day(self, clock: DayClock) -> DayInstants:
        return DayInstants(self, clock)

    def offset_text(self, seconds: int) -> str:
        """The offset as `isoformat` writes it (`+02:00`, `-03:30`)."""
        text = self._offset_texts.get(seconds)
        if text is None:
            text = datetime(2000, 1, 1, tzinfo=timezone(timedelta(seconds=seconds))).isoformat()[19:]
            self._offset_texts[seconds] = text
        return text

    def since_midnight(self, seconds: int) -> tuple[timedelta, int, str]:
        """`seconds` after a local midnight as a duration, a number of whole
        days and the wall-clock text (`HH:MM:SS`) within the last day: the
        same few hundred values come back on every date."""
        parts = self._since_midnight.get(seconds)
        if parts is None:
            days, rest = divmod(seconds, SECONDS_PER_DAY)
            minutes, second = divmod(rest, 60)
            text = f"{minutes // 60:02d}:{minutes % 60:02d}:{second:02d}"
            parts = self._since_midnight[seconds] = (timedelta(seconds=seconds), days, text)
        return parts


class DayInstants:
    """Datetimes and texts of instants reached from one local date's ranges
    (a range crossing midnight reaches into the next dates)."""

    __slots__ = ("_base", "_dates", "_midnight", "_offset_text", "_owner", "day", "steady")

    def __init__(self, owner: LocalInstants, clock: DayClock) -> None:
        self._owner = owner
        self.day = day = clock.day
        self.steady = clock.steady
        self._base = clock.base
        self._midnight = datetime(day.year, day.month, day.day, tzinfo=owner.zone)
        self._offset_text = owner.offset_text(clock.offset) if clock.steady else ""
        self._dates: list[str] = []

    def span(self, start: int, end: int) -> tuple[datetime, datetime, str, str]:
        """The aware local datetimes of epoch seconds `start` and `end` (equal
        to `datetime.fromtimestamp(..., zone)`) and their `isoformat()`."""
        if not self.steady:
            zone = self._owner.zone
            begin, stop = datetime.fromtimestamp(start, zone), datetime.fromtimestamp(end, zone)
            return begin, stop, begin.isoformat(), stop.isoformat()
        # One offset over the date: wall-clock and elapsed time agree.
        since_midnight = self._owner.since_midnight
        begin_delta, begin_days, begin_clock = since_midnight(start - self._base)
        stop_delta, stop_days, stop_clock = since_midnight(end - self._base)
        dates = self._dates
        while len(dates) <= stop_days:
            dates.append(f"{date.fromordinal(self.day.toordinal() + len(dates)).isoformat()}T")
        midnight, offset = self._midnight, self._offset_text
        return (
            midnight + begin_delta,
            midnight + stop_delta,
            dates[begin_days] + begin_clock + offset,
            dates[stop_days] + stop_clock + offset,
        )
