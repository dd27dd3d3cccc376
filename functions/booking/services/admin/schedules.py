"""Opening hours as admins edit them, and the bookings a change leaves outside.

A new schedule applies to the very next availability request. Existing
bookings are never moved or cancelled by it; instead the save answers with
the future bookings that no longer fit the hours, so the admin can act.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from google.cloud.firestore_v1.base_query import FieldFilter

from booking.adapters import mappers, site_store
from booking.adapters.firestore_client import db, site_ref
from booking.adapters.site_store import HOLDING_STATUSES
from booking.domain.catalog import Catalog
from booking.domain.errors import NotFound
from booking.domain.model import Hours
from booking.domain.schedule import DayClock, HoursCompiler, ResourceHours
from booking.domain.site import Branch

MAX_CHECKED = 2000
"""Future bookings looked at per save, soonest first."""
OWNERS = {"branch": ("branches", "branchId", "Branch"), "staff": ("staff", "staffId", "Staff member")}


@dataclass(frozen=True)
class ScheduleWrite:
    site_id: str
    scope: str
    """`site`, `branch` or `staff`."""
    owner_id: str | None
    hours: Hours | None
    """None removes a branch's or staff member's own hours: the location's apply again."""


def schedule_id(scope: str, owner_id: str | None) -> str:
    return "site" if scope == "site" else f"{scope}-{owner_id}"


def save_schedule(write: ScheduleWrite, now: datetime) -> dict[str, Any]:
    site = site_ref(write.site_id)
    if not site.get(field_paths=["name"]).exists:
        raise NotFound("Site not found")
    owner: dict[str, Any] = {}
    if write.scope in OWNERS:
        collection, field, label = OWNERS[write.scope]
        if not site.collection(collection).document(str(write.owner_id)).get(field_paths=["name"]).exists:
            raise NotFound(f"{label} not found")
        owner = {field: write.owner_id}
    ref = site.collection("schedules").document(schedule_id(write.scope, write.owner_id))
    batch = db().batch()
    if write.hours is None:
        batch.delete(ref)
    else:
        batch.set(ref, {"scope": write.scope, **owner, **mappers.hours_to_doc(write.hours), "updatedAt": now})
    site_store.mark_catalog_changed(batch, write.site_id)
    batch.commit()
    bookings = _future_bookings(write, now)
    outside = outside_hours(site_store.load_catalog(write.site_id, require_enabled=False), bookings)
    return {
        "scheduleId": ref.id,
        "checked": len(bookings),
        "outside": [_summary(booking) for booking in outside],
    }


def _future_bookings(write: ScheduleWrite, now: datetime) -> list[dict[str, Any]]:
    query = site_ref(write.site_id).collection("bookings")
    if write.scope in OWNERS:
        query = query.where(filter=FieldFilter(OWNERS[write.scope][1], "==", write.owner_id))
    query = (
        query.where(filter=FieldFilter("status", "in", HOLDING_STATUSES))
        .where(filter=FieldFilter("start", ">=", now))
        .order_by("start")
        .limit(MAX_CHECKED)
        .select(["start", "end", "timezone", "branchId", "staffId", "staffName", "status", "customer", "service"])
    )
    return [{**(snapshot.to_dict() or {}), "id": snapshot.id} for snapshot in query.stream()]


def outside_hours(catalog: Catalog, bookings: Iterable[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """The bookings whose `[start, end)` lies inside no range of the hours
    that now apply to them (their staff member's, else their location's),
    judged exactly as the engine offers slots: one whole range must hold it."""
    branches = {branch.id: branch for branch in catalog.branches}
    staff = {member.id: member for member in catalog.staff}
    compilers: dict[str | None, HoursCompiler] = {}
    outside = []
    for booking in bookings:
        branch: Branch | None = branches.get(booking.get("branchId") or "")
        key = branch.id if branch else None
        if key not in compilers:
            compilers[key] = HoursCompiler(catalog.location_hours(branch))
        member = staff.get(booking.get("staffId") or "")
        hours = compilers[key].compile(member.hours if member else None)
        zone = ZoneInfo(booking.get("timezone") or catalog.timezone_of(branch))
        if not fits(hours, zone, booking["start"], booking["end"]):
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


def _summary(booking: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "id": booking["id"],
        "start": booking["start"].isoformat(),
        "end": booking["end"].isoformat(),
        "timezone": booking.get("timezone"),
        "status": booking.get("status"),
        "customerName": (booking.get("customer") or {}).get("name", ""),
        "serviceName": (booking.get("service") or {}).get("name", ""),
        "staffName": booking.get("staffName"),
    }
