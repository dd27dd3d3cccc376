"""The admin's Calendar Sync page (docs/calendar-sync.md): connect an Apple
(CalDAV) calendar for a staff member or the site, choose its calendars, see
its state, sync now and disconnect. Admins of the site only."""

from __future__ import annotations

from typing import Any

from firebase_functions import https_fn

from booking.api import schemas
from booking.api.admin import calendar_views
from booking.api.admin.schemas import site_of
from booking.api.auth import require_site_admin
from booking.api.context import now
from booking.api.errors import maps_domain_errors
from booking.api.startup import on_call
from booking.domain.errors import InvalidInput
from booking.services.calendar_sync import connections

Request = https_fn.CallableRequest[Any]


@on_call()
@maps_domain_errors
def adminListCalendarSync(request: Request) -> dict[str, Any]:  # noqa: N802 - callable name
    require_site_admin(request, site_of(request.data))
    data = schemas.fields(request.data, {"siteId"})
    return calendar_views.listing(connections.listing(str(data["siteId"])))


@on_call()
@maps_domain_errors
def adminConnectCalDav(request: Request) -> dict[str, Any]:  # noqa: N802
    require_site_admin(request, site_of(request.data))
    data = schemas.fields(request.data, {"siteId", "url", "username", "password"}, {"staffId"})
    url = schemas.web_address(data, "url")
    if not url:
        raise InvalidInput("url", "is required")
    login = connections.CalDavLogin(
        site_id=str(data["siteId"]),
        staff_id=schemas.identifier(data, "staffId", optional=True),
        url=url,
        username=schemas.text(data, "username", 200, required=True),
        password=_password(data),
    )
    return calendar_views.connection(connections.connect_caldav(login, now()), {})


@on_call()
@maps_domain_errors
def adminStartGoogleConnect(request: Request) -> dict[str, Any]:  # noqa: N802
    """Where to send the admin's browser for Google's consent."""
    from booking.api.calendar_oauth import redirect_uri

    require_site_admin(request, site_of(request.data))
    data = schemas.fields(request.data, {"siteId"}, {"staffId"})
    staff_id = schemas.identifier(data, "staffId", optional=True)
    return {"url": connections.start_google(str(data["siteId"]), staff_id, redirect_uri(), now())}


@on_call()
@maps_domain_errors
def adminConfigureCalendarSync(request: Request) -> dict[str, Any]:  # noqa: N802
    require_site_admin(request, site_of(request.data))
    data = schemas.fields(
        request.data, {"siteId", "connectionId", "busyCalendars", "externalDeletesCancel"}, {"writeCalendar"}
    )
    busy = data["busyCalendars"]
    if not isinstance(busy, list) or not all(isinstance(item, str) for item in busy) or len(busy) > 20:
        raise InvalidInput("busyCalendars", "must be a list of up to 20 calendar ids")
    write = data.get("writeCalendar")
    if write is not None and not isinstance(write, str):
        raise InvalidInput("writeCalendar", "must be a calendar id")
    changed = connections.configure(
        str(data["siteId"]),
        str(schemas.identifier(data, "connectionId")),
        write,
        list(busy),
        schemas.flag(data, "externalDeletesCancel"),
        now(),
    )
    return calendar_views.connection(changed, {})


@on_call()
@maps_domain_errors
def adminSyncCalendarNow(request: Request) -> dict[str, Any]:  # noqa: N802
    require_site_admin(request, site_of(request.data))
    data = schemas.fields(request.data, {"siteId", "connectionId"})
    synced = connections.sync_now(str(data["siteId"]), str(schemas.identifier(data, "connectionId")), now())
    return calendar_views.connection(synced, {})


@on_call()
@maps_domain_errors
def adminDisconnectCalendar(request: Request) -> dict[str, Any]:  # noqa: N802
    require_site_admin(request, site_of(request.data))
    data = schemas.fields(request.data, {"siteId", "connectionId"})
    connections.disconnect(str(data["siteId"]), str(schemas.identifier(data, "connectionId")))
    return {"disconnected": True}


def _password(data: Any) -> str:
    """Kept exactly as typed (app passwords may hold any character)."""
    value = data.get("password")
    if not isinstance(value, str) or not value or len(value) > 200:
        raise InvalidInput("password", "is required (at most 200 characters)")
    return value
