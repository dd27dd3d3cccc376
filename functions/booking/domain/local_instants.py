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
    """Per request: caches shared by every date (the zone, the wall-clock
    texts, the durations since midnight), used one date at a time."""

    def __init__(self, zone: ZoneInfo) -> None:
        self._zone = zone
        self._clock_texts: dict[int, str] = {}
        self._offset_texts: dict[int, str] = {}
        self._since_midnight: dict[int, timedelta] = {}

    def of_day(self, clock: DayClock) -> DayInstants:
        return DayInstants(self, clock)

    def clock_text(self, seconds: int) -> str:
        """`HH:MM:SS` of a number of seconds after midnight (below a day)."""
        text = self._clock_texts.get(seconds)
        if text is None:
            minutes, second = divmod(seconds, 60)
            text = self._clock_texts[seconds] = f"{minutes // 60:02d}:{minutes % 60:02d}:{second:02d}"
        return text

    def offset_text(self, seconds: int) -> str:
        """The offset as `isoformat` writes it (`+02:00`, `-03:30`)."""
        text = self._offset_texts.get(seconds)
        if text is None:
            text = datetime(2000, 1, 1, tzinfo=timezone(timedelta(seconds=seconds))).isoformat()[19:]
            self._offset_texts[seconds] = text
        return text

    def since_midnight(self, seconds: int) -> timedelta:
        delta = self._since_midnight.get(seconds)
        if delta is None:
            delta = self._since_midnight[seconds] = timedelta(seconds=seconds)
        return delta

    @property
    def zone(self) -> ZoneInfo:
        return self._zone


class DayInstants:
    """Datetimes and texts of instants reached from one local date's ranges
    (a range crossing midnight reaches into the next date)."""

    __slots__ = ("_clock", "_dates", "_made", "_midnight", "_offset_text", "_owner")

    def __init__(self, owner: LocalInstants, clock: DayClock) -> None:
        self._owner = owner
        self._clock = clock
        day = clock.day
        self._midnight = datetime(day.year, day.month, day.day, tzinfo=owner.zone)
        self._offset_text = owner.offset_text(clock.offset) if clock.steady else ""
        self._dates: dict[int, str] = {}
        self._made: dict[int, tuple[datetime, str]] = {}

    @property
    def day(self) -> date:
        return self._clock.day

    def local(self, instant: int) -> tuple[datetime, str]:
        """The aware local datetime of epoch seconds `instant` (equal to
        `datetime.fromtimestamp(instant, zone)`) and its `isoformat()`; made
        once, as a slot's end is often a later slot's start."""
        made = self._made.get(instant)
        if made is not None:
            return made
        clock = self._clock
        if clock.steady:
            # One offset over the date: wall-clock and elapsed time agree.
            since = instant - clock.base
            days, seconds = divmod(since, SECONDS_PER_DAY)
            day_text = self._dates.get(days)
            if day_text is None:
                day_text = self._dates[days] = f"{date.fromordinal(clock.day.toordinal() + days).isoformat()}T"
            owner = self._owner
            text = day_text + owner.clock_text(seconds) + self._offset_text
            made = (self._midnight + owner.since_midnight(since), text)
        else:
            local = datetime.fromtimestamp(instant, self._owner.zone)
            made = (local, local.isoformat())
        self._made[instant] = made
        return made
