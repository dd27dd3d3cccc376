"""No-shows: the automatic marking per branch (or per site, for bookings
without a branch), and the customer's count.

A branch (or a site without branches) with `settings.noShow.automatic` has every confirmed booking marked
`no_show` once its start plus `timerMinutes` has passed and staff haven't
marked it completed. A booking whose no-show staff overruled is never marked
again: the desk's decision stands.

The customer's `noShowCount` follows the booking's status exactly once
(`booking_store.sync_no_show_count`, run as the change's follow-up): running
this twice, at once or later, never counts twice; overruling a no-show (or
completing it) takes it back.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from booking.adapters import booking_queries, site_store
from booking.domain.errors import Conflict, NotFound
from booking.domain.model import BookingStatus
from booking.domain.record import BookingRecord
from booking.domain.transitions import Action
from booking.services import booking_actions

LOOKBACK = timedelta(days=1)
"""Only bookings that started within this long are looked at: older ones were
settled by earlier runs or belong to branches without the automatic rule."""
SYSTEM = "system"


class NotDue(Conflict):
    """Completed, cancelled or overruled meanwhile, or the timer hasn't run out."""


def already_overruled(booking: BookingRecord) -> bool:
    return any(entry.to is BookingStatus.NO_SHOW for entry in booking.history)


def _timer(site_id: str, branch_id: str | None) -> timedelta | None:
    """The branch's (or without one, the site's) no-show timer, or None when
    it doesn't mark them automatically."""
    try:
        minutes = site_store.load_catalog(site_id, require_enabled=False).policy_of(branch_id).no_show_timer_minutes
    except NotFound:
        return None
    return timedelta(minutes=minutes) if minutes is not None else None


def mark_no_shows(now: datetime) -> int:
    """Mark every due booking; returns how many this run marked."""
    timers: dict[tuple[str, str | None], timedelta | None] = {}
    marked = 0
    for started in list(booking_queries.confirmed_starting(now - LOOKBACK, now)):
        site_id, booking_id, branch_id = started.site_id, started.id, started.branch_id or None
        if (site_id, branch_id) not in timers:
            timers[site_id, branch_id] = _timer(site_id, branch_id)
        timer = timers[site_id, branch_id]
        if timer is None:
            continue

        def require_due(booking: BookingRecord, timer: timedelta = timer) -> None:
            due = booking.status is BookingStatus.CONFIRMED and booking.start + timer <= now
            if not due or already_overruled(booking):
                raise NotDue("Booking is not a no-show")

        try:
            booking_actions.apply(site_id, booking_id, Action.NO_SHOW, SYSTEM, now, check=require_due)
        except NotDue:
            continue
        marked += 1
    return marked
