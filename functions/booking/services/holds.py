"""Release the slots of bookings whose client never paid or confirmed."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from google.cloud.firestore_v1.base_query import FieldFilter

from booking.adapters import booking_store
from booking.adapters.firestore_client import db
from booking.domain.booking import EXPIRED_HOLD_STATUS, StatusChange
from booking.domain.errors import Conflict
from booking.domain.model import BookingStatus
from booking.domain.transitions import Action
from booking.services import follow_ups


class AlreadySettled(Conflict):
    """Paid, confirmed or released meanwhile: nothing to do."""


def expire_holds(now: datetime) -> int:
    """Expire every hold that ran out; returns how many this run changed.

    Safe to run twice at once: each booking changes in a transaction that
    re-reads it, so the second run finds it settled and leaves it alone.
    """
    due = db().collection_group("bookings").where(filter=FieldFilter("holdExpiresAt", "<=", now))
    changed = 0
    for snapshot in due.stream():
        site_id = snapshot.reference.parent.parent.id

        def decide(stored: dict[str, Any]) -> StatusChange:
            expires_at = stored.get("holdExpiresAt")
            current = BookingStatus(stored["status"])
            if current not in EXPIRED_HOLD_STATUS or expires_at is None or expires_at > now:
                raise AlreadySettled("Booking no longer waits for the client")
            return StatusChange(at=now, by="system", to=EXPIRED_HOLD_STATUS[current], source=current)

        try:
            booking = booking_store.change_booking(
                site_id, snapshot.id, decide, release_locks=True, follow_up=Action.CANCEL, extra={"holdExpiresAt": None}
            )
        except AlreadySettled:
            continue
        changed += 1
        # After the commit, only the run that changed it: the client is told,
        # and an unpaid Checkout Session can't be paid any more.
        follow_ups.after_change(site_id, snapshot.id, Action.CANCEL, booking)
    return changed
