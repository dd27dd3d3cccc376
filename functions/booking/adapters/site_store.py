"""Reads of a site's catalog and busy time: a fixed number of reads per
request, whatever the number of days asked for, and on a warm instance one."""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from booking.adapters import calendars, catalog_mapper
from booking.adapters.firestore_client import Writer, db, site_ref
from booking.domain.booking_rules import rules_for
from booking.domain.catalog import BranchPolicy, Catalog
from booking.domain.errors import NotFound
from booking.domain.model import BookingStatus, Busy, Service, Settings, StaffMember
from booking.domain.site import Branch, Site
from booking.domain.waitlist import WaitlistRules

HOLDING_STATUSES = [status.value for status in BookingStatus if status.holds_time]
POOL = ThreadPoolExecutor(max_workers=8, thread_name_prefix="firestore-read")
"""Independent reads run at once: a request waits for one round trip, not five."""
CATALOG_VERSION = "catalogVersion"
"""A site field that changes in the same commit as any of the site's branch,
service, staff or schedule documents (`mark_catalog_changed`)."""
CACHED_SITES = 256
DEFAULT_NO_SHOW_MINUTES = 15


@dataclass(frozen=True)
class _CatalogParts:
    """A catalog without its site document: the part that rarely changes."""

    site_hours: dict[str, Any] | None
    branches: tuple[Branch, ...]
    services: tuple[Service, ...]
    staff: tuple[StaffMember, ...]
    branch_settings: dict[str, dict[str, Any]]
    """Each branch's stored `settings`; the site's complete them (booking_rules)."""


_cached_parts: dict[str, tuple[str, _CatalogParts]] = {}
"""site id -> (catalog version, parts), per instance."""


def mark_catalog_changed(writer: Writer, site_id: str) -> None:
    """Give the site a new catalog version in `writer`'s commit: every
    instance then reads the catalog afresh on its next request."""
    writer.update(site_ref(site_id), {CATALOG_VERSION: secrets.token_hex(8)})


def _docs(collection: Any) -> dict[str, dict[str, Any]]:
    return {snapshot.id: snapshot.to_dict() or {} for snapshot in collection.stream()}


def _by_name(docs: dict[str, dict[str, Any]]) -> list[tuple[str, dict[str, Any]]]:
    return sorted(docs.items(), key=lambda item: item[1].get("name", ""))


def load_catalog(site_id: str, require_enabled: bool = True) -> Catalog:
    """The site with its branches, services, staff and schedules.

    The site document is read on every call. The rest is read (four queries
    at once) only when this instance has no copy for the site's current
    catalog version, so a warm instance pays one read per request.

    Raises NotFound for an unknown site or, unless `require_enabled` is off
    (admins prepare sites before activating them), one whose booking widget
    is off, so a switched-off site looks exactly like a missing one.
    """
    return _catalog(site_id, _site_doc(site_ref(site_id).get(), require_enabled))


def load_with_busy(
    site_id: str, staff_id: str | None, start: datetime, end: datetime
) -> tuple[Catalog, Sequence[Busy]]:
    """An enabled site's catalog and the busy time in `[start, end)` of the
    resources a request is about (see `resources`).

    On a warm instance this is one batched read: the site document together
    with the calendars of the resources its cached catalog names. Only when
    the catalog changed their way is a second read needed.
    """
    read = load_with_calendars(site_id, staff_id, start, end)
    return read.catalog, calendars.busy_in(read.calendars, start, end)


@dataclass(frozen=True)
class WithCalendars:
    catalog: Catalog
    calendars: tuple[Any, ...]
    """The read calendar documents of the resources asked about."""
    requests: int
    """Firestore requests made (the catalog's four queries count as one)."""


def load_with_calendars(
    site_id: str, staff_id: str | None, start: datetime, end: datetime, require_enabled: bool = True
) -> WithCalendars:
    """The catalog and the resources' calendar documents for `[start, end)`:
    on a warm instance one batched read (see `load_with_busy`)."""
    cached = _cached_parts.get(site_id)
    guess = resources(cached[1].staff, staff_id) if cached else [staff_id] if staff_id else []
    site = site_ref(site_id)
    read = {
        snapshot.reference.path: snapshot
        for snapshot in db().get_all([site, *calendars.refs(site_id, guess, start, end)])
    }
    requests = 1 if cached and cached[0] == (read[site.path].to_dict() or {}).get(CATALOG_VERSION) else 2
    catalog = _catalog(site_id, _site_doc(read[site.path], require_enabled))
    wanted = calendars.refs(site_id, resources(catalog.staff, staff_id), start, end)
    if missing := [ref for ref in wanted if ref.path not in read]:
        read.update({snapshot.reference.path: snapshot for snapshot in db().get_all(missing)})
        requests += 1
    return WithCalendars(catalog, tuple(read[ref.path] for ref in wanted), requests)


def resources(staff: Iterable[StaffMember], staff_id: str | None) -> list[str | None]:
    """Whose time a request is about: the chosen staff member, else every
    active one, else (a site without staff) the site itself."""
    return [staff_id] if staff_id else [member.id for member in staff if member.active] or [None]


def _catalog(site_id: str, site_doc: dict[str, Any]) -> Catalog:
    parts = _catalog_parts(site_id, site_doc.get(CATALOG_VERSION))
    site_settings = site_doc.get("settings") or {}
    return Catalog(
        site=catalog_mapper.site_from(site_id, site_doc, parts.site_hours),
        branches=parts.branches,
        services=parts.services,
        staff=parts.staff,
        branch_policies={
            bid: _policy(rules_for(site_settings, settings)) for bid, settings in parts.branch_settings.items()
        },
        site_policy=_policy(rules_for(site_settings, None)),
        payments_ready=bool((site_doc.get("payments") or {}).get("ready", False)),
    )


def _catalog_parts(site_id: str, version: str | None) -> _CatalogParts:
    cached = _cached_parts.get(site_id)
    if version and cached and cached[0] == version:
        return cached[1]
    parts = _read_catalog_parts(site_id)
    if version:
        # Read after the version, so at least as new as it: safe to keep.
        if site_id not in _cached_parts and len(_cached_parts) >= CACHED_SITES:
            _cached_parts.pop(next(iter(_cached_parts)))
        _cached_parts[site_id] = (version, parts)
    return parts


def _read_catalog_parts(site_id: str) -> _CatalogParts:
    ref = site_ref(site_id)
    reads = {name: POOL.submit(_docs, ref.collection(name)) for name in ("schedules", "branches", "services", "staff")}
    schedules, branches = reads["schedules"].result(), reads["branches"].result()
    return _CatalogParts(
        site_hours=schedules.get("site"),
        branches=tuple(
            catalog_mapper.branch_from(bid, doc, schedules.get(f"branch-{bid}")) for bid, doc in _by_name(branches)
        ),
        services=tuple(catalog_mapper.service_from(sid, doc) for sid, doc in _by_name(reads["services"].result())),
        staff=tuple(
            catalog_mapper.staff_from(staff_id, doc, schedules.get(f"staff-{staff_id}"))
            for staff_id, doc in _by_name(reads["staff"].result())
        ),
        branch_settings={bid: dict(doc.get("settings") or {}) for bid, doc in branches.items()},
    )


def _site_doc(snapshot: Any, require_enabled: bool) -> dict[str, Any]:
    site_doc = snapshot.to_dict() if snapshot.exists else None
    if site_doc is None or (require_enabled and not site_doc.get("bookingEnabled")):
        raise NotFound("Site not found")
    return dict(site_doc)


def active_site_settings(site_id: str) -> Settings:
    """The site's settings; NotFound unless the site exists with booking on.
    One read, no catalog."""
    return catalog_mapper.settings_from(_site_doc(site_ref(site_id).get(), require_enabled=True).get("settings"))


def _policy(settings: dict[str, Any]) -> BranchPolicy:
    confirmation = settings.get("clientConfirmation") or {}
    no_show = settings.get("noShow") or {}
    return BranchPolicy(
        client_confirmation=bool(confirmation.get("required", False)),
        confirmation_expiry_hours=int(confirmation.get("expiryHours", 2)),
        no_show_timer_minutes=(
            int(no_show.get("timerMinutes", DEFAULT_NO_SHOW_MINUTES)) if no_show.get("automatic") else None
        ),
        waitlist=WaitlistRules.of(settings.get("waitlist") or {}),
    )


def slot_interval_minutes(site_id: str) -> int:
    """The site's slot interval (one read, booking on or off): the grid a no-show frees time on."""
    return catalog_mapper.settings_from((site_ref(site_id).get().to_dict() or {}).get("settings")).slot_interval_minutes


@dataclass(frozen=True)
class SiteWithBranch:
    """A site and one of its branches, read without the rest of the catalog."""

    site: Site
    branch: Branch | None
    """None without a branch id, or for a branch that is gone."""
    rules: dict[str, Any]
    """The rules the booking follows (reminders, no-show e-mails): the
    branch's completed by the site's, the site's without a branch."""


def site_with_branch(site_id: str, branch_id: str | None) -> SiteWithBranch:
    """Two reads, whether or not booking is on: an e-mail about a booking
    made earlier still goes out. An unknown site reads as an empty one."""
    ref = site_ref(site_id)
    site_doc = ref.get().to_dict() or {}
    branch_doc = (ref.collection("branches").document(branch_id).get().to_dict() or {}) if branch_id else {}
    branch = catalog_mapper.branch_from(branch_id, branch_doc, None) if branch_id and branch_doc.get("name") else None
    return SiteWithBranch(
        site=catalog_mapper.site_from(site_id, site_doc, None),
        branch=branch,
        rules=rules_for(site_doc.get("settings"), (branch_doc.get("settings") or {}) if branch_id else None),
    )
