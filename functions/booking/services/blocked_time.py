"""Blocking a staff member's time, and giving it back.

Both go through the same locks as bookings (`blocked_time_store` with
`booking_store.claim_granules`), so blocked time never overlaps a booking
and the engine stops (or starts again) offering its time at once.
`remove_blocked_time` is the one place where time that blocked time held
becomes free: it offers that time to the waitlist after the commit.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime

from booking.adapters import blocked_time_store, booking_store, site_store
from booking.domain.blocked_time import BlockedTime, freed, new_blocked_time
from booking.domain.errors import AccessDenied, InvalidInput, SlotUnavailable
from booking.domain.waitlist import FreedTime
from booking.services import waitlist


@dataclass(frozen=True)
class BlockRequest:
    site_id: str
    staff_id: str
    start: datetime
    end: datetime
    reason: str = ""
    branch_id: str | None = None
    """The caller's branch: staff may block time only there."""


def block_time(request: BlockRequest, by: str, now: datetime) -> BlockedTime:
    """Claim the time; SlotUnavailable when a booking or blocked time holds
    any of it, NotFound for an unknown staff member."""
    catalog = site_store.load_catalog(request.site_id, require_enabled=False)
    member = catalog.staff_member(request.staff_id)
    if request.branch_id is not None and member.branch_id not in (request.branch_id, None):
        raise InvalidInput("staffId", f"{member.name} works at another branch")
    blocked = new_blocked_time(
        blocked_id=secrets.token_hex(10),
        site_id=request.site_id,
        staff_id=member.id,
        branch_id=member.branch_id,
        start=request.start,
        end=request.end,
        reason=request.reason,
        by=by,
        now=now,
        buffer_minutes=catalog.site.settings.buffer_minutes,
    )
    try:
        blocked_time_store.claim(blocked)
    except booking_store.SlotTaken as error:
        raise SlotUnavailable(f"{member.name} has a booking or blocked time then") from error
    return blocked


def remove_blocked_time(site_id: str, blocked_id: str, now: datetime, branch_id: str | None = None) -> FreedTime:
    """Remove blocked time (of `branch_id` only, when given: staff stay in
    their branch); returns the freed interval with its site, branch and staff
    member, and offers it to the waitlist. NotFound when it is already gone."""
    if branch_id is not None:
        found = blocked_time_store.get_many(site_id, [blocked_id])
        if found and found[0].branch_id not in (branch_id, None):
            raise AccessDenied("You can only change your own branch")
    time = freed(blocked_time_store.release(site_id, blocked_id))
    waitlist.time_freed(site_id, time.branch_id, time.staff_id, time.start, time.end, now)
    return time
