"""Admin callables of the staff calendar: the range read and blocked time."""

from __future__ import annotations

from typing import Any

from firebase_functions import https_fn

from booking.api import calendar_schema, calendar_views
from booking.api.admin import schemas
from booking.api.auth import require_site_admin
from booking.api.context import now
from booking.api.errors import maps_domain_errors
from booking.api.startup import on_call
from booking.services import blocked_time, calendar

Request = https_fn.CallableRequest[Any]


@on_call()
@maps_domain_errors
def adminGetCalendar(request: Request) -> dict[str, Any]:  # noqa: N802 - callable name
    """A day or a week: fixed reads whatever the range (docs/api.md)."""
    site_id = schemas.site_of(request.data)
    require_site_admin(request, site_id)
    data = schemas.obj(request.data, "", {"siteId", "date"}, calendar_schema.RANGE_FIELDS)
    return calendar_views.calendar_view(calendar.read_calendar(calendar_schema.calendar_query(site_id, data), now()))


@on_call()
@maps_domain_errors
def adminBlockTime(request: Request) -> dict[str, Any]:  # noqa: N802
    site_id = schemas.site_of(request.data)
    admin = require_site_admin(request, site_id)
    data = schemas.obj(request.data, "", {"siteId", "staffId", "start", "end"}, {"reason"})
    return calendar_views.blocked_view(
        blocked_time.block_time(calendar_schema.block_request(site_id, data), admin.label, now())
    )


@on_call()
@maps_domain_errors
def adminRemoveBlockedTime(request: Request) -> dict[str, Any]:  # noqa: N802
    """Answers with the time freed (the waitlist may offer it)."""
    site_id = schemas.site_of(request.data)
    require_site_admin(request, site_id)
    data = schemas.obj(request.data, "", {"siteId", "blockedId"})
    return calendar_views.freed_view(blocked_time.remove_blocked_time(site_id, calendar_schema.blocked_id(data), now()))
