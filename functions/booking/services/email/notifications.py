"""What happens after a booking changed: e-mails to the client.

Called only after the change has committed, never inside a transaction, and
never raises: a failing e-mail must not undo or block a booking. Each
e-mail's outbox id names its event, so a repeated call sends nothing twice.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any

from booking.adapters.firestore_client import site_ref
from booking.domain import ics
from booking.domain.model import BookingStatus
from booking.domain.site import Branch, Site
from booking.domain.transitions import Action
from booking.services.email import messages as emails
from booking.services.email.render import Kind

log = logging.getLogger(__name__)

CREATED_KIND = {BookingStatus.CONFIRMED.value: Kind.CONFIRMATION, BookingStatus.PENDING.value: Kind.REQUEST}
"""Deposit bookings get their confirmation once paid (a confirm status change)."""


def _now() -> datetime:
    return datetime.now(UTC)


def new_booking_email(
    site: Site, branch: Branch | None, booking_id: str, booking: dict[str, Any], manage_token: str, now: datetime
) -> emails.Outgoing | None:
    """The confirmation, or the double opt-in request, for a booking about to
    be stored. Its outbox entry commits with the booking, so no crash can lose
    it; `manage_token` is the raw token just handed to the client, which the
    e-mail links with. Never raises: a failing e-mail must not block a booking.
    """
    kind = CREATED_KIND.get(booking.get("status", ""))
    if kind is None:
        return None
    try:
        site_mail = emails.site_mail_for(site, branch)
        return emails.prepare(site_mail, booking_id, booking, kind, f"{booking_id}-created", now, manage_token)
    except Exception:
        log.exception("E-mail for new booking %s/%s not composed", site.id, booking_id)
        return None


def booking_stored(site_id: str, outgoing: emails.Outgoing | None) -> None:
    """After the booking committed with its e-mail: hand the e-mail over."""
    if outgoing is None:
        return
    try:
        emails.dispatch(site_id, outgoing, _now())
    except Exception:
        log.exception("E-mail %s/%s not handed over", site_id, outgoing.entry.email_id)


def status_changed(site_id: str, booking_id: str, action: Action, booking: dict[str, Any]) -> None:
    """A booking's status changed through `action`: the client's e-mail, if any."""
    try:
        _status_email(site_id, booking_id, action, booking, _now())
    except Exception:
        log.exception("E-mail for %s of booking %s/%s not written", action, site_id, booking_id)


def booking_rescheduled(
    site_id: str, booking_id: str, booking: dict[str, Any], previous: tuple[datetime, datetime]
) -> None:
    """The client moved the booking; `booking` holds its stored history list."""
    try:
        index = len(booking.get("statusHistory") or []) - 1
        emails.notify(
            site_id,
            booking_id,
            booking,
            Kind.RESCHEDULED,
            f"{booking_id}-{Kind.RESCHEDULED.value}-{index}",
            _now(),
            sequence=index,
            previous=previous,
        )
    except Exception:
        log.exception("E-mail for the move of booking %s/%s not written", site_id, booking_id)


def _change_index(history: list[dict[str, Any]], changed: dict[str, Any]) -> int:
    """Position of this change in the stored history (a later change may follow it)."""
    for index in range(len(history) - 1, -1, -1):
        entry = history[index]
        if entry.get("at") == changed.get("updatedAt") and entry.get("to") == changed.get("status"):
            return index
    return len(history) - 1


def _status_email(site_id: str, booking_id: str, action: Action, changed: dict[str, Any], now: datetime) -> None:
    # The caller's copy holds write sentinels (ArrayUnion), not the history.
    booking = site_ref(site_id).collection("bookings").document(booking_id).get().to_dict()
    if not booking or not booking.get("statusHistory"):
        return
    history: list[dict[str, Any]] = booking["statusHistory"]
    index = _change_index(history, changed)
    entry = history[index]
    to, by = entry.get("to"), entry.get("by")
    options: dict[str, Any] = {"sequence": index}
    site = None
    if action in (Action.CONFIRM, Action.REOPEN) and to == BookingStatus.CONFIRMED.value:
        kind = Kind.CONFIRMATION
    elif action is Action.CANCEL and to == BookingStatus.CANCELLED.value:
        if by == "system" and entry.get("from") == BookingStatus.PENDING.value:
            kind = Kind.UNCONFIRMED
        else:
            kind = Kind.CANCELLED
            options["reason"] = "client" if by == "client" else "business"
            if any(item.get("to") == BookingStatus.CONFIRMED.value for item in history[:index]):
                options["ics_method"] = ics.Method.CANCEL
    elif action is Action.NO_SHOW and to == BookingStatus.NO_SHOW.value:
        site = emails.site_mail(site_id, booking.get("branchId"))
        if not (site.branch_settings.get("noShow") or {}).get("notifyClient", False):
            return
        kind = Kind.NO_SHOW
    else:
        return
    emails.notify(site_id, booking_id, booking, kind, f"{booking_id}-{kind.value}-{index}", now, site=site, **options)


def payment_refunded(site_id: str, booking_id: str, booking: dict[str, Any], refund: dict[str, Any]) -> None:
    """A deposit was refunded automatically: it was paid after the booking had
    expired and its time was taken, or after the booking was cancelled.
    `refund` is the payment record (amountCents, currency, reason
    `time_taken` | `booking_cancelled`). Tell the client (e-mail)."""
