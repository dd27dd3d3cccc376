"""The dashboard's numbers (docs/analytics.md), from inputs the store reads
with aggregation queries and from the per-day counters bookings keep.

A booking made adds itself to its appointment day's counters
(`dailyStats/{date}`: bookings, minutes, per weekday × hour, per service) in
the commit that makes it, so the hourly job reads at most 90 small
documents, never the bookings themselves.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
REFUND_KINDS = ("refund",)
"""Payment kinds that give money back; every other succeeded record is revenue."""


@dataclass(frozen=True)
class DayStat:
    """One appointment day's counters."""

    day: date
    bookings: int = 0
    minutes: int = 0
    slots: Mapping[str, int] | None = None
    """"mon-09" -> bookings starting then (local time)."""
    services: Mapping[str, int] | None = None


def slot_key(start: datetime, timezone: str) -> str:
    local = start.astimezone(ZoneInfo(timezone or "UTC"))
    return f"{WEEKDAYS[local.weekday()]}-{local.hour:02d}"


@dataclass(frozen=True)
class CustomerCounts:
    total: int
    new_30: int
    vip: int
    repeat_no_shows: int
    opted_in: int
    inactive_180: int
    visits: int
    """The sum of every profile's visits."""
    returned_90: int
    """Came back in the last 90 days within 90 days of the visit before."""
    lapsed_90: int
    """Last visit in the 90 days before the last 90."""
    by_tier: Mapping[str, int]


def percent(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def crm_cards(counts: CustomerCounts) -> dict[str, float | int | None]:
    """The 8 customer cards."""
    return {
        "totalCustomers": counts.total,
        "newCustomers": counts.new_30,
        "retentionRate": percent(counts.returned_90, counts.returned_90 + counts.lapsed_90),
        "vipCustomers": counts.vip,
        "repeatNoShows": counts.repeat_no_shows,
        "marketingOptIns": counts.opted_in,
        "averageVisits": round(counts.visits / counts.total, 2) if counts.total else None,
        "inactiveCustomers": counts.inactive_180,
    }


def busiest(totals: Mapping[str, int]) -> str | None:
    """The key with the most, the first in order on a tie; None when all are 0."""
    best = max(totals.items(), key=lambda item: (item[1], -list(totals).index(item[0])), default=None)
    return best[0] if best and best[1] else None


def booking_cards(
    days: list[DayStat], today: date, revenue_cents: int, available_minutes: int | None
) -> dict[str, object]:
    """The 6 booking cards from the last 30 days' counters (`today` excluded
    from none: the 30 days end with it)."""
    recent = [d for d in days if today - timedelta(days=29) <= d.day <= today]
    services: dict[str, int] = {}
    weekdays = dict.fromkeys(WEEKDAYS, 0)
    hours = {f"{h:02d}": 0 for h in range(24)}
    for stat in recent:
        for service_id, count in (stat.services or {}).items():
            services[service_id] = services.get(service_id, 0) + count
        for key, count in (stat.slots or {}).items():
            weekday, hour = key.split("-")
            weekdays[weekday] += count
            hours[hour] += count
    booked = sum(d.minutes for d in recent)
    return {
        "revenueThisMonthCents": revenue_cents,
        "popularService": busiest(dict(sorted(services.items()))),
        "busiestWeekday": busiest(weekdays),
        "busiestHour": busiest(hours),
        "bookingsPerDay": round(sum(d.bookings for d in recent) / 30, 2),
        "occupancyRate": percent(booked, available_minutes) if available_minutes else None,
    }


def charts(days: list[DayStat], today: date) -> dict[str, object]:
    """Bookings per day over 90 days and the weekday × hour heatmap (90 days)."""
    by_day = {d.day: d for d in days}
    series = []
    heat: dict[str, int] = {}
    for offset in range(89, -1, -1):
        day = today - timedelta(days=offset)
        stat = by_day.get(day)
        series.append({"date": day.isoformat(), "bookings": stat.bookings if stat else 0})
        for key, count in ((stat.slots or {}) if stat else {}).items():
            heat[key] = heat.get(key, 0) + count
    return {"bookingsPerDay": series, "heatmap": heat}


def months_back(today: date, count: int) -> list[date]:
    """The first days of the last `count` months, oldest first, this month last."""
    firsts = []
    year, month = today.year, today.month
    for _ in range(count):
        firsts.append(date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return firsts[::-1]


def next_month(first: date) -> date:
    return date(first.year + first.month // 12, first.month % 12 + 1, 1)


CAPACITY_STEP = 5
"""Minutes per probe of the engine when it measures open time."""


def capacity_minutes(slots_per_day: list[list[int]]) -> int:
    """Open staff minutes from the engine's free slots of a 5-minute probe on
    an empty calendar: per slot, how many staff are free (1 for a site booked
    as one resource)."""
    return sum(max(1, free) * CAPACITY_STEP for day in slots_per_day for free in day)
