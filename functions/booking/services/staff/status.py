"""Status changes from the desk, recorded with the staff member's name."""

from __future__ import annotations

from datetime import datetime

from booking.domain.errors import InvalidInput, NotFound
from booking.domain.record import BookingRecord
from booking.domain.transitions import Action
from booking.services import booking_actions
from booking.services.staff.agenda import STAFF_ACTIONS
from booking.services.staff.session import StaffSession


def parse_action(value: object) -> Action:
    if not isinstance(value, str) or value not in {action.value for action in STAFF_ACTIONS}:
        raise InvalidInput("action", f"must be one of {', '.join(action.value for action in STAFF_ACTIONS)}")
    return Action(value)


def change_status(session: StaffSession, booking_id: str, action: Action, now: datetime) -> BookingRecord:
    """Apply `action` (the customer's no-show count follows the new status);
    returns the booking as changed.

    Bookings of another site can't even be addressed (the site comes from
    the session), and another branch's bookings look like missing ones.
    """

    def same_branch(booking: BookingRecord) -> None:
        if session.branch_id and booking.branch_id not in (session.branch_id, None):
            raise NotFound("Booking not found")

    return booking_actions.apply(session.site_id, booking_id, action, session.name, now, check=same_branch)
