"""When a client may still cancel or move a booking through its link.

Never once the appointment has begun: a client who didn't come could
otherwise cancel afterwards and escape the no-show and its fee. A site may
close changes earlier, N hours before the start (`Settings.change_cutoff_hours`,
one of `model.CHANGE_CUTOFF_HOURS`).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from booking.domain.errors import Conflict

STARTED = "This booking has already started"


def changes_until(start: datetime, cutoff_hours: int) -> datetime:
    """The last moment (exclusive) a client may cancel or move the booking."""
    return start - timedelta(hours=cutoff_hours)


def may_change(start: datetime, cutoff_hours: int, now: datetime) -> bool:
    return now < changes_until(start, cutoff_hours)


def require_changeable(start: datetime, cutoff_hours: int, now: datetime) -> None:
    """Conflict, saying why, once the client may no longer cancel or move."""
    if now >= start:
        raise Conflict(STARTED)
    if now >= changes_until(start, cutoff_hours):
        raise Conflict(f"This booking can be changed online only up to {cutoff_hours} hours before it starts")
