"""What happens after a booking changed: e-mails to the client.

Called only after the change has committed, never inside a transaction, and
never raises: a failing e-mail must not undo or block a booking. Each
e-mail's outbox id names its event, so a repeated call sends nothing twice.
"""

from __future__ import annotations

import logging
from datetime import datetime

from booking.adapters import ics
from booking.domain.model import BookingStatus
from booking.domain.record import BookingRecord, FollowUp
from booking.domain.site import Branch, Site
from booking.domain.transitions import ENDS_WAITING, Action
from booking.services.email import messages as emails
from booking.services.email.render import Kind

log = logging.getLogger(__name__)

CREATED_KIND = {BookingStatus.CONFIRMED: Kind.CONFIRMATION, BookingStatus.PENDING: Kind.REQUEST}
"""Deposit bookings get their confirmation once paid (a confirm status change)."""


def event_email_id(booking: BookingRecord, kind: Kind, index: int) -> str:
    """`<booking>-<kind>-<history index>`: one e-mail per change of the booking."""
    return f"{booking.id}-{kind.value}-{index}"


def new_booking_email(
    site: Site, branch: Branch | None, booking: BookingRecord, manage_token: str, now: datetime
) -> emails.Outgoing | None:
    """The confirmation, or the double opt-in request, for a booking about to
    be stored. Its outbox entry commits with the booking, so no crash can lose
    it; `manage_token` is the raw token the e-mail links with: the one just
    handed to the client, or for the double opt-in request a `confirm` token
    of the e-mail's own. Never raises: a failing e-mail must not block a booking.
    """
    kind = CREATED_KIND.get(booking.status)
    if kind is None:
        return None
    try:
        site_mail = emails.site_mail_for(site, branch)
        return emails.prepare(site_mail, booking, kind, f"{booking.id}-created", now, manage_token)
    except Exception:
        log.exception("E-mail for new booking %s/%s not composed", site.id, booking.id)
        return None


def booking_stored(site_id: str, outgoing: emails.Outgoing | None, now: datetime) -> None:
    """After the booking committed with its e-mail: hand the e-mail over."""
    if outgoing is None:
        return
    try:
        emails.dispatch(site_id, outgoing, now)
    except Exception:
        log.exception("E-mail %s/%s not handed over", site_id, outgoing.entry.email_id)


def status_changed(follow_up: FollowUp) -> None:
    """The follow-up step of a status change: the client's e-mail, if any."""
    booking = follow_up.booking
    try:
        _status_email(follow_up)
    except Exception:
        log.exception("E-mail for %s of booking %s/%s not written", follow_up.action, booking.site_id, booking.id)


def booking_rescheduled(booking: BookingRecord, previous: tuple[datetime, datetime], now: datetime) -> None:
    """The client moved the booking; its history ends with the move."""
    try:
        index = len(booking.history) - 1
        options = emails.Options(sequence=index, previous=previous)
        emails.notify(booking, Kind.RESCHEDULED, event_email_id(booking, Kind.RESCHEDULED, index), now, options)
    except Exception:
        log.exception("E-mail for the move of booking %s/%s not written", booking.site_id, booking.id)


def _status_email(follow_up: FollowUp) -> None:
    booking, action, index = follow_up.booking, follow_up.action, follow_up.index
    if not 0 <= index < len(booking.history):
        return
    entry = follow_up.entry
    options = emails.Options(sequence=index)
    site = None
    if action in (Action.CONFIRM, Action.REOPEN) and entry.to is BookingStatus.CONFIRMED:
        kind = Kind.CONFIRMATION
    elif action in ENDS_WAITING and entry.to is BookingStatus.CANCELLED:
        # An expiry is marked `cancel` on bookings changed before EXPIRE existed.
        if entry.by == "system" and entry.source is BookingStatus.PENDING_PAYMENT:
            return  # Stripe was down as it was booked: the refusal told the client, no e-mail was ever sent
        if entry.by == "system" and entry.source is BookingStatus.PENDING:
            kind = Kind.UNCONFIRMED
        else:
            kind = Kind.CANCELLED
            invited = any(item.to is BookingStatus.CONFIRMED for item in booking.history[:index])
            options = emails.Options(
                sequence=index,
                reason="client" if entry.by == "client" else "business",
                ics_method=ics.Method.CANCEL if invited else None,
            )
    elif action is Action.NO_SHOW and entry.to is BookingStatus.NO_SHOW:
        site = emails.site_mail(booking.site_id, booking.branch_id)
        if not (site.rules.get("noShow") or {}).get("notifyClient", False):
            return
        kind = Kind.NO_SHOW
    else:
        return
    emails.notify(booking, kind, event_email_id(booking, kind, index), follow_up.now, options, site=site)


def payment_refunded(booking: BookingRecord, amount_cents: int, currency: str, reason: str, now: datetime) -> None:
    """A deposit was refunded automatically: it was paid after the booking had
    expired and its time was taken (`reason` `time_taken`), or after the
    booking was cancelled (`booking_cancelled`). One e-mail per booking: a
    deposit is refunded at most once."""
    options = emails.Options(reason=reason, refunded_cents=amount_cents, payment_currency=currency)
    emails.notify(booking, Kind.REFUNDED, f"{booking.id}-{Kind.REFUNDED.value}", now, options)
