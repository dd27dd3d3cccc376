"""Visits, no-shows and loyalty tiers of a customer profile.

A visit is a completed booking; nothing else earns one (a cancelled or
missed booking is no visit). Each booking carries a flag per counter
(`visitCounted`, `noShowCounted`) that changes in the same transaction as
the counter, so a booking counts at most once whatever repeats. The tiers are the
product's numbers: 0–1 visits new, 2–4 returning, 5–9 regular, 10+ VIP.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from booking.domain.model import BookingStatus


class Tier(StrEnum):
    NEW = "new"
    RETURNING = "returning"
    REGULAR = "regular"
    VIP = "vip"


TIER_FLOORS: tuple[tuple[int, Tier], ...] = ((10, Tier.VIP), (5, Tier.REGULAR), (2, Tier.RETURNING), (0, Tier.NEW))
"""The least number of visits of each tier, highest first."""


def tier_for(visits: int) -> Tier:
    """The tier a number of completed visits earns."""
    return next(tier for floor, tier in TIER_FLOORS if visits >= floor)


def visit_range(tier: Tier) -> tuple[int, int | None]:
    """The visits of a tier as [low, high) (high None for VIP): list filters."""
    floors = sorted(floor for floor, _ in TIER_FLOORS)
    low = next(floor for floor, each in TIER_FLOORS if each is tier)
    higher = [floor for floor in floors if floor > low]
    return low, (higher[0] if higher else None)


@dataclass(frozen=True)
class Counted:
    """Which counters a booking is counted in."""

    visit: bool = False
    no_show: bool = False

    @classmethod
    def by_status(cls, status: BookingStatus) -> Counted:
        """The counters a booking in `status` belongs in."""
        return cls(visit=status is BookingStatus.COMPLETED, no_show=status is BookingStatus.NO_SHOW)


@dataclass(frozen=True)
class CountChange:
    """What a status change does to the customer's counters (−1, 0 or +1 each)."""

    visits: int = 0
    no_shows: int = 0

    @property
    def any(self) -> bool:
        return bool(self.visits or self.no_shows)


def count_change(counted: Counted, status: BookingStatus) -> CountChange:
    """The change that brings the counters of a booking counted as `counted`
    in line with its new `status`; nothing when they match already."""
    wanted = Counted.by_status(status)
    return CountChange(
        visits=int(wanted.visit) - int(counted.visit), no_shows=int(wanted.no_show) - int(counted.no_show)
    )


@dataclass(frozen=True)
class Counts:
    """A profile's counters. Visit days are local dates as YYYYMMDD numbers,
    so they sort and compare in queries like the dates they are."""

    visits: int = 0
    no_shows: int = 0
    first_visit_day: int | None = None
    last_visit_day: int | None = None
    return_day: int | None = None
    """The latest visit that came within RETURN_DAYS of the visit before it
    (the dashboard's retention, docs/analytics.md)."""

    @property
    def tier(self) -> Tier:
        return tier_for(self.visits)


RETURN_DAYS = 90


def _date(day: int) -> date:
    return date(day // 10000, day // 100 % 100, day % 100)


def day_number(local_date: str) -> int:
    """ "2026-11-03" -> 20261103."""
    return int(local_date.replace("-", ""))


def after_change(counts: Counts, change: CountChange, local_date: str) -> Counts:
    """The counters once `change` of a booking on `local_date` is applied.
    A visit taken back (only a repair would) leaves the visit days alone."""
    day = day_number(local_date)
    first, last, returned = counts.first_visit_day, counts.last_visit_day, counts.return_day
    if change.visits > 0:
        if last is not None and 0 < (_date(day) - _date(last)).days <= RETURN_DAYS:
            returned = day if returned is None else max(returned, day)
        first = day if first is None else min(first, day)
        last = day if last is None else max(last, day)
    return Counts(
        visits=max(0, counts.visits + change.visits),
        no_shows=max(0, counts.no_shows + change.no_shows),
        first_visit_day=first,
        last_visit_day=last,
        return_day=returned,
    )


def recount(bookings: list[tuple[BookingStatus, str]]) -> Counts:
    """The counters from every booking's (status, local date): the migration."""
    counts = Counts()
    for status, local_date in sorted(bookings, key=lambda booking: booking[1]):
        counts = after_change(counts, count_change(Counted(), status), local_date)
    return counts
