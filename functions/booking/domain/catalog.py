"""A site's bookable things, loaded once per request, and the lookups on it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from booking.domain.errors import InvalidInput, NotFound
from booking.domain.model import Hours, Service, StaffMember
from booking.domain.schedule import location_hours
from booking.domain.site import Branch, Site
from booking.domain.waitlist import WaitlistRules


@dataclass(frozen=True)
class BranchPolicy:
    """Per-branch behaviour that later features read (confirmation, reminders)."""

    client_confirmation: bool = False
    confirmation_expiry_hours: int = 2
    no_show_timer_minutes: int | None = None
    """Confirmed bookings become no-shows this long after their start; None: only by hand."""
    waitlist: WaitlistRules = field(default_factory=WaitlistRules)


@dataclass(frozen=True)
class Catalog:
    site: Site
    branches: tuple[Branch, ...] = ()
    services: tuple[Service, ...] = ()
    staff: tuple[StaffMember, ...] = ()
    branch_policies: dict[str, BranchPolicy] = field(default_factory=dict)
    site_policy: BranchPolicy = field(default_factory=BranchPolicy)
    """The site's own rules: for bookings without a branch (domain/booking_rules.py)."""
    payments_ready: bool = False
    """Stripe is configured for the site; deposit services need it."""

    @property
    def active_branches(self) -> tuple[Branch, ...]:
        return tuple(branch for branch in self.branches if branch.active)

    def bookable_services(self) -> tuple[Service, ...]:
        """Active services; deposit services only once payments work."""
        return tuple(
            service
            for service in self.services
            if service.active and (not service.deposit_cents or self.payments_ready)
        )

    def service(self, service_id: str) -> Service:
        for service in self.bookable_services():
            if service.id == service_id:
                return service
        raise NotFound("Service not found")

    def desk_service(self, service_id: str) -> Service:
        """Any active service, deposit ones too: at the desk the client pays there."""
        for service in self.services:
            if service.id == service_id and service.active:
                return service
        raise NotFound("Service not found")

    def branch(self, branch_id: str | None) -> Branch | None:
        """The branch a request is about: the given one, or the only one.

        With no branches the site works as one location; with one, it is used
        automatically; with several, the caller must say which.
        """
        active = self.active_branches
        if branch_id is None:
            if len(active) > 1:
                raise InvalidInput("branchId", "is required: this site has several branches")
            return active[0] if active else None
        for branch in active:
            if branch.id == branch_id:
                return branch
        raise NotFound("Branch not found")

    def staff_member(self, staff_id: str) -> StaffMember:
        for member in self.staff:
            if member.id == staff_id and member.active:
                return member
        raise NotFound("Staff member not found")

    def timezone_of(self, branch: Branch | None) -> str:
        return (branch.timezone if branch and branch.timezone else None) or self.site.timezone

    def location_hours(self, branch: Branch | None) -> Hours:
        """The hours that apply at `branch` (see schedule.location_hours)."""
        return location_hours(self.site.hours, branch.hours if branch else None)

    def policy(self, branch: Branch | None) -> BranchPolicy:
        return self.policy_of(branch.id if branch else None)

    def policy_of(self, branch_id: str | None) -> BranchPolicy:
        """A branch's policy by id, whether or not the branch is active; the
        site's without a branch (or for a branch that is gone)."""
        return self.branch_policies.get(branch_id, self.site_policy) if branch_id else self.site_policy


def unoffered_services(services: Iterable[Service], staff: Iterable[StaffMember]) -> tuple[Service, ...]:
    """Active services that get no times because no active staff member offers
    them. A site without any staff is booked as one resource, so there every
    service is offered; once it has staff (active or not), the engine offers
    a service only through the active members who give it (availability._resources)."""
    members = tuple(staff)
    if not members:
        return ()
    offered = {service_id for member in members if member.active for service_id in member.service_ids}
    return tuple(service for service in services if service.active and service.id not in offered)


def on_site_hours(branches: Iterable[Branch]) -> tuple[Branch, ...]:
    """The branches that follow the site's weekly hours: those without their own.
    (Site-wide dates, holidays, apply to every branch: schedule.location_hours.)"""
    return tuple(branch for branch in branches if branch.hours is None)
