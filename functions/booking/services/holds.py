"""Release the slots of bookings whose client never paid or confirmed."""

from __future__ import annotations

from datetime import datetime

from booking.adapters import booking_queries
from booking.domain.errors import Conflict
from booking.domain.record import BookingRecord
from booking.domain.transitions import TRANSITIONS, Action
from booking.services import booking_actions


class AlreadySettled(Conflict):
    """Paid, confirmed or released meanwhile: nothing to do."""


def expire_holds(now: datetime) -> int:
    """Expire every hold that ran out; returns how many this run changed.

    Safe to run twice at once: each booking changes in a transaction that
    re-reads it, so the second run finds it settled and leaves it alone. The
    run that changed it tells the client and ends an unpaid Checkout Session.
    """

    def require_expired(booking: BookingRecord) -> None:
        expires_at = booking.hold_expires_at
        if booking.status not in TRANSITIONS[Action.EXPIRE].sources or expires_at is None or expires_at > now:
            raise AlreadySettled("Booking no longer waits for the client")

    changed = 0
    for site_id, booking_id in list(booking_queries.holds_due(now)):
        try:
            booking_actions.apply(site_id, booking_id, Action.EXPIRE, "system", now, check=require_expired)
        except AlreadySettled:
            continue
        changed += 1
    return changed
