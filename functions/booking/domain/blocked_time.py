"""Blocked time: a staff member is away (a meeting, a day off) and takes no
bookings then. It claims its time with the same 5-minute locks as a booking
(`booking.lock_ids`), so it can never overlap one, and it sits in the busy
calendars like a booking, so the engine stops offering that time at once."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from booking.domain.booking import lock_ids
from booking.domain.clean_text import one_line
from booking.domain.errors import InvalidInput
from booking.domain.model import GRANULE_MINUTES
from booking.domain.waitlist import FreedTime

LONGEST = timedelta(days=31)
"""A longer absence is a schedule change (Availability), not blocked time."""
REASON_LENGTH = 100


@dataclass(frozen=True)
class BlockedTime:
    id: str
    site_id: str
    staff_id: str
    branch_id: str | None
    start: datetime
    end: datetime
    reason: str
    created_by: str
    created_at: datetime
    lock_ids: tuple[str, ...]


def _on_step(value: datetime, field: str) -> None:
    if value.tzinfo is None:
        raise InvalidInput(field, "must carry a time zone")
    if int(value.timestamp()) % (GRANULE_MINUTES * 60):
        raise InvalidInput(field, f"must be on a {GRANULE_MINUTES}-minute step")


def new_blocked_time(
    *,
    blocked_id: str,
    site_id: str,
    staff_id: str,
    branch_id: str | None,
    start: datetime,
    end: datetime,
    reason: str,
    by: str,
    now: datetime,
    buffer_minutes: int,
) -> BlockedTime:
    """A checked period of blocked time; it claims the site's buffer after
    its end as a booking does, so the next booking keeps its distance."""
    _on_step(start, "start")
    _on_step(end, "end")
    if end <= start:
        raise InvalidInput("end", "must be after the start")
    if end - start > LONGEST:
        raise InvalidInput("end", f"must be at most {LONGEST.days} days after the start")
    if end <= now:
        raise InvalidInput("end", "has passed")
    text = one_line(reason).strip()
    if len(text) > REASON_LENGTH:
        raise InvalidInput("reason", f"must be at most {REASON_LENGTH} characters")
    return BlockedTime(
        id=blocked_id,
        site_id=site_id,
        staff_id=staff_id,
        branch_id=branch_id,
        start=start.astimezone(UTC),
        end=end.astimezone(UTC),
        reason=text,
        created_by=by,
        created_at=now,
        lock_ids=lock_ids(staff_id, start, end, buffer_minutes),
    )


def freed(blocked: BlockedTime) -> FreedTime:
    return FreedTime(blocked.branch_id, blocked.staff_id, blocked.start, blocked.end)
