"""What the widget needs in one round trip: the public part of an enabled
site's catalog (api/client_views.py turns it into the widget's JSON)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from booking.adapters import site_store
from booking.domain.model import Service, StaffMember
from booking.domain.site import Branch, Site


@dataclass(frozen=True)
class PublicBranch:
    branch: Branch
    timezone: str
    """The branch's own zone, else the site's."""
    waitlist: bool = False
    """Visitors may join its waitlist (docs/waitlist.md)."""


@dataclass(frozen=True)
class PublicCatalog:
    site: Site
    branches: tuple[PublicBranch, ...]
    """Active branches only."""
    services: tuple[Service, ...]
    """Services that can be booked online."""
    staff: tuple[StaffMember, ...]
    """Active staff, each with only the bookable services among theirs."""
    waitlist: bool = False
    """The site's own rules keep a waitlist: for a site without branches."""


def booking_config(site_id: str) -> PublicCatalog:
    catalog = site_store.load_catalog(site_id)
    services = catalog.bookable_services()
    bookable = frozenset(service.id for service in services)
    return PublicCatalog(
        site=catalog.site,
        branches=tuple(
            PublicBranch(branch, catalog.timezone_of(branch), catalog.policy(branch).waitlist.enabled)
            for branch in catalog.active_branches
        ),
        services=services,
        staff=tuple(
            dataclasses.replace(member, service_ids=member.service_ids & bookable)
            for member in catalog.staff
            if member.active
        ),
        waitlist=catalog.site_policy.waitlist.enabled,
    )
