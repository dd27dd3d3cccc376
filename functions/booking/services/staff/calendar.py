"""The staff app's calendar and blocked time: the admin's use cases, kept to
the session's site and, for staff of a branch, to that branch."""

from __future__ import annotations

import dataclasses
from datetime import datetime

from booking.domain.blocked_time import BlockedTime
from booking.domain.errors import AccessDenied
from booking.domain.waitlist import FreedTime
from booking.services import blocked_time, calendar
from booking.services.staff.session import StaffSession


def _branch(session: StaffSession, wanted: str | None) -> str | None:
    if session.branch_id and wanted and wanted != session.branch_id:
        raise AccessDenied("You can only see your own branch")
    return session.branch_id or wanted


def staff_calendar(session: StaffSession, query: calendar.CalendarQuery, now: datetime) -> calendar.Calendar:
    scoped = dataclasses.replace(query, site_id=session.site_id, branch_id=_branch(session, query.branch_id))
    return calendar.read_calendar(scoped, now)


def staff_block_time(session: StaffSession, request: blocked_time.BlockRequest, now: datetime) -> BlockedTime:
    scoped = dataclasses.replace(request, site_id=session.site_id, branch_id=session.branch_id)
    return blocked_time.block_time(scoped, session.name, now)


def staff_remove_blocked_time(session: StaffSession, blocked_id: str, now: datetime) -> FreedTime:
    return blocked_time.remove_blocked_time(session.site_id, blocked_id, now, session.branch_id)
