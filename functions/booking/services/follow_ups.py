"""What follows a booking's status change, done even if the function that
made the change dies right after its commit.

The change's transaction marks the booking (`followUp`: the action, when,
and the status it led to). The caller then runs the action's steps
(services/follow_up_steps.py) and clears the mark; if it died first, the
sweep finds the mark once it is older than `LEASE` and runs them again.
Every step is safe to repeat: each e-mail has one outbox id per event, the
no-show count follows a flag on the booking, the no-show fee is recorded
once, and its overrule and the end of a Checkout Session change nothing the
second time.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from booking.adapters import booking_queries, booking_store
from booking.domain.record import BookingRecord, FollowUp
from booking.domain.transitions import Action
from booking.services.follow_up_steps import STEPS

LEASE = timedelta(minutes=5)
"""A mark this old was left by a function that died: the caller's own
follow-up takes well under a second."""
BATCH = 200
log = logging.getLogger(__name__)


def after_change(booking: BookingRecord, action: Action, now: datetime) -> None:
    """The work after a committed change; `booking` as the change left it,
    marked. Never raises: the change itself has happened."""
    mark = booking.follow_up
    index = booking.history_index(mark.at, mark.to) if mark else len(booking.history) - 1
    follow_up = FollowUp(booking=booking, action=action, index=index, now=now)
    for step in STEPS.get(action, ()):
        try:
            step.run(follow_up)
        except Exception:  # one failing step must not keep the others from running
            log.exception("The %s of booking %s/%s failed", step.name, booking.site_id, booking.id)
    if mark is not None:
        try:
            # Left in place, the sweep repeats the work (which changes nothing) and clears it.
            booking_store.clear_follow_up(booking, mark)
        except Exception:
            log.exception("The follow-up mark of booking %s/%s was not cleared", booking.site_id, booking.id)


def retry_due(now: datetime) -> int:
    """The sweep: follow-ups a function left undone; returns how many it did."""
    done = 0
    for site_id, booking_id in list(booking_queries.follow_ups_due(now - LEASE, BATCH)):
        try:
            done += _finish(site_id, booking_id, now)
        except Exception:  # one broken booking must not hold up the others
            log.exception("Follow-up of booking %s/%s not finished", site_id, booking_id)
    return done


def _finish(site_id: str, booking_id: str, now: datetime) -> int:
    booking = booking_store.get(site_id, booking_id)
    if booking is None or booking.follow_up is None:
        return 0  # done meanwhile
    mark = booking.follow_up
    log.warning("Finishing the follow-up of %s on booking %s/%s", mark.action, site_id, booking_id)
    after_change(booking, mark.action, now)
    return 1
