"""Opening hours as admins edit them, and the bookings a change leaves outside.

A new schedule applies to the very next availability request. Existing
bookings are never moved or cancelled by it; instead the save answers with
the future bookings that no longer fit the hours, so the admin can act.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from booking.adapters import booking_queries, catalog_store, site_store
from booking.domain.catalog import Catalog, on_site_hours
from booking.domain.errors import NotFound
from booking.domain.model import Hours
from booking.domain.record import BookingRecord
from booking.domain.schedule import DayClock, HoursCompiler, ResourceHours
from booking.domain.site import Branch

MAX_CHECKED = 2000
"""Future bookings looked at per save, soonest first."""
OWNERS = {"branch": ("branches", "Branch"), "staff": ("staff", "Staff member")}
"""Scope -> the catalog collection of its owners, and their name in messages."""


@dataclass(frozen=True)
class ScheduleWrite:
    site_id: str
    scope: str
    """`site`, `branch` or `staff`."""
    owner_id: str | None
    hours: Hours | None
    """None removes a branch's or staff member's own hours: the location's apply again."""


@dataclass(frozen=True)
class ScheduleSaved:
    schedule_id: str
    checked: int
    """How many future bookings were compared with the new hours."""
    outside: tuple[BookingRecord, ...]
    """The ones that no longer fit (records as listed: booking_queries.SUMMARY_FIELDS)."""
    site_hours: SiteHoursUse | None = None
    """Who follows the site's weekly hours; only for a site-wide save."""


@dataclass(frozen=True)
class SiteHoursUse:
    """A site-wide save changes the weekly hours of `branches` only (those
    without their own); with branches but none of them on the site's hours, it
    changes no branch's weekly hours today (site-wide dates still apply)."""

    branch_count: int
    branches: tuple[Branch, ...]


def schedule_id(scope: str, owner_id: str | None) -> str:
    return "site" if scope == "site" else f"{scope}-{owner_id}"


def save_schedule(write: ScheduleWrite, now: datetime) -> ScheduleSaved:
    if not catalog_store.site_exists(write.site_id):
        raise NotFound("Site not found")
    if write.scope in OWNERS:
        collection, label = OWNERS[write.scope]
        if not catalog_store.item_exists(write.site_id, collection, str(write.owner_id)):
            raise NotFound(f"{label} not found")
    saved_id = schedule_id(write.scope, write.owner_id)
    catalog_store.save_schedule(write.site_id, saved_id, write.scope, write.owner_id, write.hours, now)
    bookings = booking_queries.upcoming(
        write.site_id,
        now,
        MAX_CHECKED,
        branch_id=write.owner_id if write.scope == "branch" else None,
        staff_id=write.owner_id if write.scope == "staff" else None,
    )
    catalog = site_store.load_catalog(write.site_id, require_enabled=False)
    site_hours = SiteHoursUse(len(catalog.branches), on_site_hours(catalog.branches))
    return ScheduleSaved(
        schedule_id=saved_id,
        checked=len(bookings),
        outside=tuple(outside_hours(catalog, bookings)),
        site_hours=site_hours if write.scope == "site" else None,
    )


def outside_hours(catalog: Catalog, bookings: Iterable[BookingRecord]) -> list[BookingRecord]:
    """The bookings whose `[start, end)` lies inside no range of the hours
    that now apply to them (their staff member's, else their location's),
    judged exactly as the engine offers slots: one whole range must hold it."""
    branches = {branch.id: branch for branch in catalog.branches}
    staff = {member.id: member for member in catalog.staff}
    compilers: dict[str | None, HoursCompiler] = {}
    outside = []
    for booking in bookings:
        branch: Branch | None = branches.get(booking.branch_id or "")
        key = branch.id if branch else None
        if key not in compilers:
            compilers[key] = HoursCompiler(catalog.location_hours(branch))
        member = staff.get(booking.staff_id or "")
        hours = compilers[key].compile(member.hours if member else None)
        zone = ZoneInfo(booking.timezone or catalog.timezone_of(branch))
        if not fits(hours, zone, booking.start, booking.end):
            outside.append(booking)
    return outside


def fits(hours: ResourceHours, zone: ZoneInfo, start: datetime, end: datetime) -> bool:
    """True when one range of the start's local date (or of the day before,
    for ranges crossing midnight) holds all of `[start, end)`."""
    day = start.astimezone(zone).date()
    first, last = start.timestamp(), end.timestamp()
    for candidate in (day - timedelta(days=1), day):
        clock = DayClock(candidate, zone)
        for low, high in hours.ranges_on(candidate):
            if clock.boundary(low) <= first and last <= clock.boundary(high):
                return True
    return False
