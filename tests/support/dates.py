"""Dates relative to today, in the demo site's zone, for emulator tests."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def next_workday(after_days: int = 1) -> date:
    """The first Monday-to-Saturday at least `after_days` ahead (demo is open)."""
    day = datetime.now(AMSTERDAM).date() + timedelta(days=after_days)
    while day.weekday() == 6:
        day += timedelta(days=1)
    return day


def next_sunday() -> date:
    day = datetime.now(AMSTERDAM).date() + timedelta(days=1)
    while day.weekday() != 6:
        day += timedelta(days=1)
    return day


def local(day: date, hour: int, minute: int = 0) -> str:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=AMSTERDAM).isoformat()
