"""The waitlist as staff and admins see it, and the offer they make by hand
(manual mode, or whenever they see fit): docs/waitlist.md."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from booking.adapters import site_store, waitlist_store
from booking.domain.catalog import Catalog
from booking.domain.errors import AccessDenied, NotFound
from booking.domain.waitlist import Entry, EntryStatus, Offer
from booking.services import waitlist
from booking.services.staff.agenda import staff_branch
from booking.services.staff.session import StaffSession

LISTED = {
    "open": (EntryStatus.WAITING, EntryStatus.OFFERED),
    "waiting": (EntryStatus.WAITING,),
    "offered": (EntryStatus.OFFERED,),
    "booked": (EntryStatus.BOOKED,),
    "left": (EntryStatus.LEFT,),
}
"""The status filters of the lists; `open` by default."""


@dataclass(frozen=True)
class Listing:
    catalog: Catalog
    branch_id: str | None
    day: date | None
    entries: list[Entry]
    offers: dict[str, Offer]


def _listing(catalog: Catalog, branch_id: str | None, day: date | None, status: str, service_id: str | None) -> Listing:
    found = waitlist_store.entries(catalog.site.id, branch_id, LISTED[status])
    if day is not None:
        found = [e for e in found if e.preference.first_day <= day <= e.preference.last_day]
    if service_id:
        found = [e for e in found if e.service_id == service_id]
    offers = waitlist_store.offers(catalog.site.id, [e.offer_id for e in found if e.offer_id])
    return Listing(catalog, branch_id, day, found, offers)


def admin_list(
    site_id: str, branch_id: str | None, day: date | None, status: str = "open", service_id: str | None = None
) -> Listing:
    """A branch's list (the site's when it has no branches), filtered."""
    catalog = site_store.load_catalog(site_id, require_enabled=False)
    if branch_id is not None and all(branch.id != branch_id for branch in catalog.branches):
        raise NotFound("Branch not found")
    return _listing(catalog, branch_id, day, status, service_id)


def staff_list(session: StaffSession, day: date | None, branch_id: str | None, now: datetime) -> Listing:
    """The day's list of the staff member's branch: who waits for a time that day."""
    catalog = site_store.load_catalog(session.site_id)
    branch = staff_branch(catalog, session, branch_id)
    day = day or now.astimezone(ZoneInfo(catalog.timezone_of(branch))).date()
    return _listing(catalog, branch.id if branch else None, day, "open", None)


def _entry(site_id: str, entry_id: str) -> Entry:
    entry = waitlist_store.get_entry(site_id, entry_id)
    if entry is None:
        raise NotFound("Waitlist entry not found")
    return entry


def _start(catalog: Catalog, entry: Entry, day: date, at: time) -> datetime:
    """A local date and time at the entry's branch, as an instant."""
    zone = ZoneInfo(catalog.timezone_of(waitlist.branch_of(catalog, entry.branch_id)))
    return datetime.combine(day, at, zone).astimezone(UTC)


def admin_offer(
    site_id: str, entry_id: str, staff_id: str | None, day: date, at: time, by: str, now: datetime
) -> waitlist.Made:
    """An admin offers a time (the branch's local date and time) to an entry."""
    catalog = site_store.load_catalog(site_id)
    entry = _entry(site_id, entry_id)
    return waitlist.offer_to(catalog, entry, staff_id, _start(catalog, entry, day, at), now, by)


def staff_offer(
    session: StaffSession, entry_id: str, staff_id: str | None, day: date, at: time, now: datetime
) -> waitlist.Made:
    """Staff offer a time to an entry of their own branch."""
    catalog = site_store.load_catalog(session.site_id)
    entry = _entry(session.site_id, entry_id)
    if session.branch_id and entry.branch_id != session.branch_id:
        raise AccessDenied("You can only offer times in your own branch")
    return waitlist.offer_to(catalog, entry, staff_id, _start(catalog, entry, day, at), now, session.name)
