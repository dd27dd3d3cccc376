"""Status changes made by admins, staff and scheduled jobs, recorded in the
booking's history with who made them."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from booking.adapters import booking_store
from booking.domain.booking import StatusChange
from booking.domain.model import BookingStatus
from booking.domain.transitions import TRANSITIONS, Action, transition_for
from booking.services import follow_ups


def apply(site_id: str, booking_id: str, action: Action, by: str, now: datetime) -> dict[str, Any]:
    """Change the booking's status, then do what follows the change (e-mails,
    payments, the no-show count); returns the stored booking after the change.

    Raises NotFound, Conflict (not allowed from the current status) or
    SlotUnavailable (reopening a booking whose time was taken meanwhile).
    """
    booking = commit(site_id, booking_id, action, by, now)
    follow_ups.after_change(site_id, booking_id, action, booking)
    return booking


def commit(site_id: str, booking_id: str, action: Action, by: str, now: datetime) -> dict[str, Any]:
    """The change alone, in one transaction, marked for its follow-up."""
    transition = TRANSITIONS[action]

    def decide(stored: dict[str, Any]) -> StatusChange:
        current = BookingStatus(stored["status"])
        return StatusChange(at=now, by=by, to=transition_for(action, current).target, source=current)

    return booking_store.change_booking(
        site_id,
        booking_id,
        decide,
        release_locks=transition.releases_time,
        follow_up=action,
        claim_locks=transition.claims_time,
        extra={"holdExpiresAt": None},
    )
