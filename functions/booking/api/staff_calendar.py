"""Staff app callables of the calendar: the session's site and branch only."""

from __future__ import annotations

from typing import Any

from firebase_functions import https_fn

from booking.api import calendar_schema, calendar_views, schemas
from booking.api.context import now
from booking.api.errors import maps_domain_errors
from booking.api.startup import on_call
from booking.services.staff import calendar as staff_calendar
from booking.services.staff import session as staff_session
from booking.services.staff.session import StaffSession

Request = https_fn.CallableRequest[Any]


def _session(request: Request) -> StaffSession:
    return staff_session.session_from_claims(request.auth.token if request.auth else None, now())


@on_call()
@maps_domain_errors
def staffCalendar(request: Request) -> dict[str, Any]:  # noqa: N802 - callable name
    session = _session(request)
    data = schemas.fields(request.data, {"date"}, calendar_schema.RANGE_FIELDS)
    query = calendar_schema.calendar_query(session.site_id, data)
    return calendar_views.calendar_view(staff_calendar.staff_calendar(session, query, now()))


@on_call()
@maps_domain_errors
def staffBlockTime(request: Request) -> dict[str, Any]:  # noqa: N802
    session = _session(request)
    data = schemas.fields(request.data, {"staffId", "start", "end"}, {"reason"})
    block = calendar_schema.block_request(session.site_id, data, session.branch_id)
    return calendar_views.blocked_view(staff_calendar.staff_block_time(session, block, now()))


@on_call()
@maps_domain_errors
def staffRemoveBlockedTime(request: Request) -> dict[str, Any]:  # noqa: N802
    session = _session(request)
    data = schemas.fields(request.data, {"blockedId"})
    return calendar_views.freed_view(
        staff_calendar.staff_remove_blocked_time(session, calendar_schema.blocked_id(data), now())
    )
