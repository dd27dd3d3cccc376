"""Status changes made by admins, staff and scheduled jobs, recorded in the
booking's history with who made them."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from booking.adapters import booking_store
from booking.domain.booking import StatusChange
from booking.domain.model import BookingStatus
from booking.domain.transitions import TRANSITIONS, Action, transition_for
from booking.services import notifications, payments_checkout


def apply(site_id: str, booking_id: str, action: Action, by: str, now: datetime) -> dict[str, Any]:
    """Change the booking's status; returns the stored booking after the change.

    Raises NotFound, Conflict (not allowed from the current status) or
    SlotUnavailable (reopening a booking whose time was taken meanwhile).
    Notifications go out only after the transaction has committed.
    """
    transition = TRANSITIONS[action]

    def decide(stored: dict[str, Any]) -> StatusChange:
        current = BookingStatus(stored["status"])
        return StatusChange(at=now, by=by, to=transition_for(action, current).target, source=current)

    booking = booking_store.change_booking(
        site_id,
        booking_id,
        decide,
        release_locks=transition.releases_time,
        claim_locks=transition.claims_time,
        extra={"holdExpiresAt": None},
    )
    notifications.status_changed(site_id, booking_id, action, booking)
    if action is Action.CANCEL:
        payments_checkout.booking_cancelled(site_id, booking_id, booking)
    return booking
