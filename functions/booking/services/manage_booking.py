"""The client's own booking, through the magic link: view, confirm, move.

Every call needs a valid token of the booking (see domain/tokens.py).
Viewing changes nothing; confirming and moving use the token up and hand
back a fresh one, so the page the client is on keeps working. Cancelling
is public_booking.cancel_booking.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from booking.adapters import booking_store, site_store
from booking.domain import client_changes, tokens
from booking.domain.availability import find_slot
from booking.domain.booking import lock_ids
from booking.domain.errors import AccessDenied, Conflict, NotFound, SlotUnavailable
from booking.domain.model import BookingStatus
from booking.domain.record import RESCHEDULE, BookingRecord, HistoryEntry, TokenPurpose
from booking.domain.transitions import Action
from booking.services import booking_actions, marketing_consent
from booking.services.public_booking import CLIENT_CANCELLABLE, availability_request, days_window

if TYPE_CHECKING:
    from booking.services.email import messages

# The e-mail modules are imported by the functions that need them, not at
# module load: every cold start of every function imports this module.

MOVABLE = (BookingStatus.PENDING, BookingStatus.CONFIRMED)
"""Deposit bookings are tied to their payment and can't be moved by the client."""


@dataclass(frozen=True)
class ManagedBooking:
    """What the manage page shows, and what the client may do now."""

    booking: BookingRecord
    site: messages.SiteMail
    can_confirm: bool
    can_cancel: bool
    can_reschedule: bool
    confirm_before: datetime | None
    changes_until: datetime
    """Cancelling and moving online end here (the start, or the site's cutoff before it)."""


@dataclass(frozen=True)
class Changed:
    """A change made through the link, with the fresh token that replaces the used one."""

    booking: BookingRecord
    manage_token: str


def _booking(site_id: str, booking_id: str) -> BookingRecord:
    booking = booking_store.get(site_id, booking_id)
    if booking is None:
        raise AccessDenied(tokens.INVALID)  # unknown ids answer like wrong tokens
    return booking


def get_managed_booking(site_id: str, booking_id: str, token: str, now: datetime) -> ManagedBooking:
    """What the manage page shows. The booking is only read (the token stays
    valid); a link from an e-mail verifies the booking's marketing opt-in."""
    booking = _booking(site_id, booking_id)
    presented = tokens.verify(booking, token, now, TokenPurpose.MANAGE)
    marketing_consent.confirm_address(booking, token, now)
    from booking.services.email import messages

    site = messages.site_mail(site_id, booking.branch_id)
    status, hold = booking.status, booking.hold_expires_at
    upcoming = booking.start > now
    changeable = client_changes.may_change(booking.start, site.change_cutoff_hours, now)
    return ManagedBooking(
        booking=booking,
        site=site,
        can_confirm=status is BookingStatus.PENDING
        and upcoming
        and (hold is None or hold > now)
        and presented.allows(TokenPurpose.CONFIRM),
        can_cancel=status in CLIENT_CANCELLABLE and changeable,
        can_reschedule=status in MOVABLE and changeable and site.booking_enabled,
        confirm_before=hold if status is BookingStatus.PENDING else None,
        changes_until=client_changes.changes_until(booking.start, site.change_cutoff_hours),
    )


def confirm_booking(site_id: str, booking_id: str, token: str, now: datetime) -> Changed:
    """Double opt-in: the client confirms a pending booking before its hold
    runs out, with the token of the e-mail that asked (a `confirm` token)."""

    def require_confirmable(booking: BookingRecord) -> None:
        if booking.status is not BookingStatus.PENDING:
            raise Conflict("This booking does not need confirming")
        if booking.hold_expires_at is not None and booking.hold_expires_at <= now:
            raise Conflict("The time to confirm this booking has passed")

    try:
        booking = booking_actions.apply(
            site_id,
            booking_id,
            Action.CONFIRM,
            "client",
            now,
            check=require_confirmable,
            token=token,
            token_use=TokenPurpose.CONFIRM,
        )
    except NotFound as error:
        raise AccessDenied(tokens.INVALID) from error
    from booking.services.email import messages

    return Changed(booking, messages.issue_token(booking, now, messages.PAGE))


def reschedule_booking(site_id: str, booking_id: str, token: str, start: datetime, now: datetime) -> Changed:
    """Move the booking to another free time of the same service and staff member.

    The new time is checked with the engine like a new booking, then its locks
    are claimed and the old ones released in one transaction: the booking
    never holds both times, nor neither.
    """
    before = _booking(site_id, booking_id)
    tokens.verify(before, token, now, TokenPurpose.MANAGE)
    utc_day = start.astimezone(ZoneInfo("UTC")).date()
    catalog, busy = site_store.load_with_busy(site_id, before.staff_id, *days_window(utc_day, utc_day))
    cutoff = catalog.site.settings.change_cutoff_hours
    _require_movable(before, cutoff, now)
    service = catalog.service(before.service_id)
    branch = catalog.branch(before.branch_id)
    zone = ZoneInfo(catalog.timezone_of(branch))
    day = start.astimezone(zone).date()
    request = availability_request(catalog, busy, service, branch, before.staff_id, day, day, now)
    own = (before.start.timestamp(), before.end.timestamp(), before.staff_id)
    busy = tuple(b for b in request.busy if (b.start.timestamp(), b.end.timestamp(), b.staff_id) != own)
    slot = find_slot(dataclasses.replace(request, busy=busy), start)
    if slot is None or (before.staff_id and before.staff_id not in slot.staff_ids):
        raise SlotUnavailable()
    new_start, new_end = slot.start.astimezone(ZoneInfo("UTC")), slot.end.astimezone(ZoneInfo("UTC"))
    if new_start == before.start:
        raise Conflict("The booking is already at this time")
    buffer = catalog.site.settings.buffer_minutes
    fresh = tokens.issue(new_end)

    def decide(stored: BookingRecord) -> booking_store.Move:
        presented = tokens.verify(stored, token, now, TokenPurpose.MANAGE)
        _require_movable(stored, cutoff, now)
        if stored.start != before.start or stored.staff_id != before.staff_id:
            raise Conflict("The booking changed meanwhile; please reload")
        moved = dataclasses.replace(
            stored,
            start=new_start,
            end=new_end,
            local_date=slot.start.date().isoformat(),
            buffer_minutes=buffer,
            lock_ids=lock_ids(stored.staff_id, new_start, new_end, buffer),
        )
        entry = HistoryEntry(
            at=now,
            by="client",
            to=stored.status,
            source=stored.status,
            action=RESCHEDULE,
            previous_start=stored.start,
            previous_end=stored.end,
        )
        # The page keeps what its token could do: a pending booking moved from
        # the opt-in e-mail's link can still be confirmed there.
        return booking_store.Move(moved, entry, token, fresh.raw, fresh.entry(now, presented.purpose))

    try:
        booking = booking_store.move(site_id, booking_id, decide)
    except NotFound as error:
        raise AccessDenied(tokens.INVALID) from error
    from booking.services import waitlist
    from booking.services.email import notifications

    notifications.booking_rescheduled(booking, (before.start, before.end), now)
    waitlist.time_freed(site_id, before.branch_id, before.staff_id, before.start, before.end, now)
    from booking.services.calendar_sync import push as calendar_push

    calendar_push.booking_changed(booking, now)
    return Changed(booking, fresh.raw)


def _require_movable(booking: BookingRecord, cutoff_hours: int, now: datetime) -> None:
    if booking.status not in MOVABLE:
        raise Conflict("This booking can't be moved")
    client_changes.require_changeable(booking.start, cutoff_hours, now)
