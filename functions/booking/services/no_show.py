"""No-shows: the automatic marking per branch, and the customer's count.

A branch with `settings.noShow.automatic` has every confirmed booking marked
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
from typing import Any

from google.cloud.firestore_v1.base_query import FieldFilter

from booking.adapters import booking_store
from booking.adapters.firestore_client import db, site_ref
from booking.domain.booking import StatusChange
from booking.domain.errors import Conflict
from booking.domain.model import BookingStatus
from booking.domain.transitions import Action
from booking.services import follow_ups

LOOKBACK = timedelta(days=1)
"""Only bookings that started within this long are looked at: older ones were
settled by earlier runs or belong to branches without the automatic rule."""
DEFAULT_TIMER_MINUTES = 15
SYSTEM = "system"


class NotDue(Conflict):
    """Completed, cancelled or overruled meanwhile, or the timer hasn't run out."""


def _timer(site_id: str, branch_id: str | None, cache: dict[tuple[str, str], timedelta | None]) -> timedelta | None:
    """The branch's no-show timer, or None when it doesn't mark them automatically."""
    if not branch_id:
        return None
    key = (site_id, branch_id)
    if key not in cache:
        snapshot = site_ref(site_id).collection("branches").document(branch_id).get()
        settings = ((snapshot.to_dict() or {}).get("settings") or {}).get("noShow") or {}
        automatic = bool(settings.get("automatic", False)) and snapshot.exists
        minutes = int(settings.get("timerMinutes", DEFAULT_TIMER_MINUTES))
        cache[key] = timedelta(minutes=minutes) if automatic else None
    return cache[key]


def _already_overruled(stored: dict[str, Any]) -> bool:
    return any(change.get("to") == BookingStatus.NO_SHOW.value for change in stored.get("statusHistory") or ())


def mark_no_shows(now: datetime) -> int:
    """Mark every due booking; returns how many this run marked."""
    started = (
        db()
        .collection_group("bookings")
        .where(filter=FieldFilter("status", "==", BookingStatus.CONFIRMED.value))
        .where(filter=FieldFilter("start", "<=", now))
        .where(filter=FieldFilter("start", ">=", now - LOOKBACK))
    )
    timers: dict[tuple[str, str], timedelta | None] = {}
    marked = 0
    for snapshot in started.stream():
        site_id = snapshot.reference.parent.parent.id
        timer = _timer(site_id, (snapshot.to_dict() or {}).get("branchId"), timers)
        if timer is None:
            continue

        def decide(stored: dict[str, Any], timer: timedelta = timer) -> StatusChange:
            current = BookingStatus(stored["status"])
            if current is not BookingStatus.CONFIRMED or stored["start"] + timer > now or _already_overruled(stored):
                raise NotDue("Booking is not a no-show")
            return StatusChange(at=now, by=SYSTEM, to=BookingStatus.NO_SHOW, source=current)

        try:
            booking = booking_store.change_booking(
                site_id,
                snapshot.id,
                decide,
                release_locks=False,
                follow_up=Action.NO_SHOW,
                extra={"holdExpiresAt": None},
            )
        except NotDue:
            continue
        marked += 1
        follow_ups.after_change(site_id, snapshot.id, Action.NO_SHOW, booking)
    return marked
