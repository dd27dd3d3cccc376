"""Validation of an opening-hours editor's input into `Hours`.

Times are `HH:MM` on the 5-minute grid. Within one day ranges may neither
overlap nor touch (two touching ranges are one range: the engine fits a slot
inside a single range, so it would never offer one across the seam).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, time
from itertools import pairwise
from typing import Any

from booking.api.schemas import fields
from booking.domain.errors import InvalidInput
from booking.domain.model import GRANULE_MINUTES, DayRanges, Hours, TimeRange, WeeklySchedule
from booking.domain.schedule import range_minutes

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
TIME_PATTERN = re.compile(r"([01][0-9]|2[0-3]):([0-5][0-9])")
MAX_RANGES_PER_DAY = 10
MAX_OVERRIDES = 400


def schedule(data: Any) -> Hours:
    data = fields(data, set(), {"weekly", "breaks", "overrides"}, name="schedule")
    weekly = _week(data.get("weekly"), "schedule.weekly")
    breaks = _week(data.get("breaks"), "schedule.breaks")
    for day in breaks:
        if day not in weekly:
            raise InvalidInput(f"schedule.breaks.{WEEKDAYS[day]}", "a break needs opening hours on the same day")
    return Hours(weekly=WeeklySchedule(ranges=weekly, breaks=breaks), overrides=_overrides(data.get("overrides")))


def _week(raw: Any, name: str) -> dict[int, DayRanges]:
    if raw is None:
        return {}
    if not isinstance(raw, Mapping):
        raise InvalidInput(name, "must be an object of weekday (mon…sun) to ranges")
    days: dict[int, DayRanges] = {}
    for key, value in raw.items():
        if key not in WEEKDAYS:
            raise InvalidInput(f"{name}.{key}", "is not a weekday (mon, tue, wed, thu, fri, sat, sun)")
        ranges = day_ranges(value, f"{name}.{key}")
        if ranges:
            days[WEEKDAYS.index(key)] = ranges
    return days


def _overrides(raw: Any) -> dict[date, DayRanges]:
    name = "schedule.overrides"
    if raw is None:
        return {}
    if not isinstance(raw, Mapping):
        raise InvalidInput(name, "must be an object of date (YYYY-MM-DD) to ranges")
    if len(raw) > MAX_OVERRIDES:
        raise InvalidInput(name, f"at most {MAX_OVERRIDES} dates")
    overrides: dict[date, DayRanges] = {}
    for key, value in raw.items():
        try:
            if not isinstance(key, str) or len(key) != 10:
                raise ValueError
            day = date.fromisoformat(key)
        except ValueError:
            raise InvalidInput(f"{name}.{key}", "must be a date as YYYY-MM-DD") from None
        overrides[day] = day_ranges(value, f"{name}.{key}")
    return overrides


def day_ranges(raw: Any, name: str) -> DayRanges:
    """The ranges of one day, sorted; an empty list is a closed day."""
    if not isinstance(raw, list):
        raise InvalidInput(name, "must be a list of {start, end} ranges")
    if len(raw) > MAX_RANGES_PER_DAY:
        raise InvalidInput(name, f"at most {MAX_RANGES_PER_DAY} ranges a day")
    ranges = []
    for index, item in enumerate(raw):
        item = fields(item, {"start", "end"}, name=f"{name}.{index}")
        start, end = _time(item["start"], f"{name}.{index}.start"), _time(item["end"], f"{name}.{index}.end")
        if start == end:
            raise InvalidInput(f"{name}.{index}.end", "must differ from the start")
        ranges.append(TimeRange(start, end))
    ranges.sort(key=range_minutes)
    for before, after in pairwise(ranges):
        if range_minutes(after)[0] <= range_minutes(before)[1]:
            raise InvalidInput(name, "ranges must not overlap or touch; join touching ranges into one")
    return tuple(ranges)


def _time(value: Any, name: str) -> time:
    match = TIME_PATTERN.fullmatch(value) if isinstance(value, str) else None
    if match is None:
        raise InvalidInput(name, "must be a time as HH:MM (24-hour clock)")
    parsed = time(int(match.group(1)), int(match.group(2)))
    if parsed.minute % GRANULE_MINUTES:
        raise InvalidInput(name, f"must be on a {GRANULE_MINUTES}-minute boundary")
    return parsed
