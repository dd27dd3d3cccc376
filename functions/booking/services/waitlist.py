"""Freed time goes to the waitlist (docs/waitlist.md).

`time_freed` is the one entry point: any use case that frees time calls it
after its commit (the status pipeline's step `freed_by_change` for cancel,
expiry and no-show; the client's reschedule; later the removal of blocked
time). In automatic mode it offers the time to the first matching entry;
in manual mode it does nothing, and staff choose with `offer_to`.
Everything here is safe to repeat: an offer holds its time with locks, so
the same time can never be offered twice at once.
"""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from booking.adapters import email_outbox, site_store, waitlist_store
from booking.domain.booking import hash_token, lock_ids
from booking.domain.catalog import Catalog
from booking.domain.errors import Conflict, InvalidInput, NotFound
from booking.domain.record import FollowUp
from booking.domain.site import Branch
from booking.domain.transitions import Action
from booking.domain.waitlist import (
    Entry,
    EntryStatus,
    FreedTime,
    Match,
    Mode,
    Offer,
    OfferStatus,
    ServiceFit,
    matching_entries,
    no_show_frees_from,
    offer_expiry,
)

if TYPE_CHECKING:
    from booking.services.email.messages import Outgoing

log = logging.getLogger(__name__)
ATTEMPTS = 5
"""Matches tried per freed time when the first ones were taken meanwhile."""
TOKEN_BYTES = 32


@dataclass(frozen=True)
class Made:
    offer: Offer
    token: str
    """The raw link token, shown once (in the e-mail)."""


def branch_of(catalog: Catalog, branch_id: str | None) -> Branch | None:
    return next((branch for branch in catalog.branches if branch.id == branch_id), None)


def service_fits(catalog: Catalog) -> dict[str, ServiceFit]:
    """Each bookable service's length and the active staff who give it."""
    return {
        service.id: ServiceFit(
            service.duration_minutes,
            frozenset(member.id for member in catalog.staff if member.active and service.id in member.service_ids),
        )
        for service in catalog.bookable_services()
    }


def _catalog(site_id: str) -> Catalog | None:
    try:
        return site_store.load_catalog(site_id)
    except NotFound:
        return None  # a site that is switched off takes no bookings, so offers none


def time_freed(
    site_id: str, branch_id: str | None, staff_id: str | None, start: datetime, end: datetime, now: datetime
) -> Made | None:
    """Time of a staff member (None: the site as one resource) was freed and
    committed: offer it to the first matching entry in automatic mode.
    Never raises: the change that freed the time has happened."""
    try:
        return _time_freed(site_id, branch_id, staff_id, start, end, now)
    except Exception:
        log.exception("Freed time of %s/%s not offered to the waitlist", site_id, staff_id)
        return None


def _time_freed(
    site_id: str, branch_id: str | None, staff_id: str | None, start: datetime, end: datetime, now: datetime
) -> Made | None:
    catalog = _catalog(site_id)
    if catalog is None:
        return None
    rules = catalog.policy_of(branch_id).waitlist
    if not rules.enabled or rules.mode is not Mode.AUTOMATIC:
        return None
    return offer_next(catalog, FreedTime(branch_id, staff_id, start, end), now)


def offer_next(catalog: Catalog, freed: FreedTime, now: datetime) -> Made | None:
    """Offer the freed time to the first matching waiting entry that can still have it."""
    waiting = waitlist_store.entries(catalog.site.id, freed.branch_id, (EntryStatus.WAITING,))
    timezone = catalog.timezone_of(branch_of(catalog, freed.branch_id))
    interval = catalog.site.settings.slot_interval_minutes
    matches = matching_entries(waiting, freed, service_fits(catalog), timezone, interval, now)
    for match in matches[:ATTEMPTS]:
        made = _offer(catalog, match, freed, now, "system")
        if made is not None:
            return made
    return None


def _offer(catalog: Catalog, match: Match, freed: FreedTime, now: datetime, by: str) -> Made | None:
    from booking.services.email import messages, waitlist_emails

    token = secrets.token_urlsafe(TOKEN_BYTES)
    rules = catalog.policy_of(freed.branch_id).waitlist
    offer = Offer(
        id=secrets.token_hex(10),
        site_id=catalog.site.id,
        entry_id=match.entry.id,
        branch_id=freed.branch_id,
        service_id=match.entry.service_id,
        staff_id=freed.staff_id,
        start=match.start,
        end=match.end,
        lock_ids=lock_ids(freed.staff_id, match.start, match.end, catalog.site.settings.buffer_minutes),
        freed=freed,
        status=OfferStatus.OPEN,
        hold_expires_at=offer_expiry(now, rules.offer_expiry_hours, match.start),
        created_at=now,
        by=by,
        token_hash=hash_token(token),
    )
    composed: list[Outgoing] = []

    def email(stored: Entry) -> email_outbox.Entry | None:
        composed[:] = [outgoing] if (outgoing := waitlist_emails.offered(catalog, stored, offer, token, now)) else []
        return outgoing.entry if outgoing else None

    if waitlist_store.make_offer(offer, email) is None:
        return None
    for outgoing in composed:
        messages.dispatch(catalog.site.id, outgoing, now)
    return Made(offer, token)


def offer_to(catalog: Catalog, entry: Entry, staff_id: str | None, start: datetime, now: datetime, by: str) -> Made:
    """Staff offer a time of their choice to one entry (manual mode, or any
    time they see fit): Conflict when the entry doesn't wait or the time is
    held or booked."""
    if start <= now:
        raise InvalidInput("time", "must be later than now")
    if entry.status is not EntryStatus.WAITING:
        raise Conflict("This client has an open offer already or is no longer on the list")
    fits = service_fits(catalog)
    service = fits.get(entry.service_id)
    if service is None:
        raise NotFound("Service not found")
    if staff_id is not None and service.staff_ids and staff_id not in service.staff_ids:
        raise Conflict("This staff member doesn't give this service")
    end = start + timedelta(minutes=service.duration_minutes)
    freed = FreedTime(entry.branch_id, staff_id, start, end)
    made = _offer(catalog, Match(entry, start, end), freed, now, by)
    if made is None:
        raise Conflict("This time is taken, or the client has an open offer already")
    return made


def freed_by_change(follow_up: FollowUp) -> None:
    """The status pipeline's step: what the change freed goes to the waitlist.
    Safe to repeat: the second run finds the time held by the first offer."""
    booking, entry = follow_up.booking, follow_up.entry
    if entry.to.holds_time and follow_up.action is not Action.NO_SHOW:
        return  # the change was undone meanwhile, or freed nothing
    start = booking.start
    if follow_up.action is Action.NO_SHOW:
        interval = site_store.slot_interval_minutes(booking.site_id)
        frees_from = no_show_frees_from(booking.start, booking.end, entry.at, interval)
        if frees_from is None:
            return
        start = frees_from
    time_freed(booking.site_id, booking.branch_id, booking.staff_id, start, booking.end, follow_up.now)
