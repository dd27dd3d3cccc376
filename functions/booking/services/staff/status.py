"""Status changes from the desk, recorded with the staff member's name."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from booking.adapters.firestore_client import site_ref
from booking.domain.errors import InvalidInput, NotFound
from booking.domain.transitions import Action
from booking.services import booking_actions
from booking.services.staff.agenda import STAFF_ACTIONS, booking_view
from booking.services.staff.session import StaffSession


def parse_action(value: object) -> Action:
    if not isinstance(value, str) or value not in {action.value for action in STAFF_ACTIONS}:
        raise InvalidInput("action", f"must be one of {', '.join(action.value for action in STAFF_ACTIONS)}")
    return Action(value)


def change_status(session: StaffSession, booking_id: str, action: Action, now: datetime) -> dict[str, Any]:
    """Apply `action` (the customer's no-show count follows the new status).

    Bookings of another site can't even be addressed (the site comes from
    the session), and another branch's bookings look like missing ones.
    """
    ref = site_ref(session.site_id).collection("bookings").document(booking_id)
    snapshot = ref.get()
    stored = snapshot.to_dict() if snapshot.exists else None
    if stored is None or (session.branch_id and stored.get("branchId") not in (session.branch_id, None)):
        raise NotFound("Booking not found")
    booking_actions.apply(session.site_id, booking_id, action, by=session.name, now=now)
    booking = ref.get().to_dict() or {}  # as stored: the history with its new entry
    return booking_view(booking_id, booking, ZoneInfo(booking.get("timezone") or "UTC"))
