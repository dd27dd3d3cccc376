"""Callables of the staff app (/staff/). Sign-in with a PIN returns a custom
token; every other call carries the ID token of that session."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from firebase_functions import https_fn

from booking.api import schemas, staff_views
from booking.api.context import client_ip, limit, now
from booking.api.errors import maps_domain_errors
from booking.api.startup import on_call
from booking.config import PIN_SECRETS, RATE_LIMIT_SLOTS_PER_MINUTE
from booking.domain.pins import validate_pin
from booking.services.staff import agenda as staff_agenda
from booking.services.staff import login as staff_login
from booking.services.staff import session as staff_session
from booking.services.staff import status as staff_status
from booking.services.staff import walkin as staff_walkin
from booking.services.staff.session import StaffSession


def _session(request: https_fn.CallableRequest[Any]) -> StaffSession:
    """The staff member of a live session; `SessionEnded` (`unauthenticated`) has the app sign in again."""
    return staff_session.session_from_claims(request.auth.token if request.auth else None, now())


def _id(data: Mapping[str, Any], key: str) -> str:
    value = schemas.identifier(data, key)
    assert value is not None
    return value


@on_call()
@maps_domain_errors
def staffDirectory(request: https_fn.CallableRequest[Any]) -> dict[str, Any]:  # noqa: N802 - API name
    site_id = schemas.site_id(request.data)
    limit(request, "slots", RATE_LIMIT_SLOTS_PER_MINUTE)
    return staff_login.directory(site_id)


@on_call(secrets=PIN_SECRETS)
@maps_domain_errors
def staffLogin(request: https_fn.CallableRequest[Any]) -> dict[str, Any]:  # noqa: N802
    data = schemas.fields(request.data, {"siteId", "staffId", "pin"})
    login = staff_login.LoginRequest(
        site_id=_id(data, "siteId"),
        staff_id=_id(data, "staffId"),
        pin=validate_pin(data["pin"]),
        ip=client_ip(request),
    )
    return staff_login.login(login, now())


@on_call()
@maps_domain_errors
def staffAgenda(request: https_fn.CallableRequest[Any]) -> dict[str, Any]:  # noqa: N802
    session = _session(request)
    data = schemas.fields(request.data or {}, set(), {"date", "branchId"})
    day = schemas.local_date(data, "date") if data.get("date") is not None else None
    agenda = staff_agenda.agenda(session, day, schemas.identifier(data, "branchId", optional=True), now())
    return staff_views.agenda_view(agenda)


@on_call()
@maps_domain_errors
def staffCreateWalkIn(request: https_fn.CallableRequest[Any]) -> dict[str, Any]:  # noqa: N802
    session = _session(request)
    data = schemas.fields(
        request.data, {"serviceId", "date", "time"}, {"staffId", "branchId", "name", "email", "phone", "notes"}
    )
    walk_in = staff_walkin.WalkIn(
        service_id=_id(data, "serviceId"),
        day=schemas.local_date(data, "date"),
        start=schemas.local_time(data, "time"),
        staff_id=schemas.identifier(data, "staffId", optional=True),
        branch_id=schemas.identifier(data, "branchId", optional=True),
        name=schemas.text(data, "name", 100),
        email=schemas.matching(data, "email", 254, schemas.EMAIL_PATTERN, "must be a valid e-mail address"),
        phone=schemas.matching(data, "phone", 32, schemas.PHONE_PATTERN, "must be a phone number"),
        notes=schemas.text(data, "notes", 2000, multiline=True),
    )
    at = now()
    return staff_views.changed_booking(staff_walkin.create_walk_in(session, walk_in, at), at)


@on_call()
@maps_domain_errors
def staffChangeStatus(request: https_fn.CallableRequest[Any]) -> dict[str, Any]:  # noqa: N802
    session = _session(request)
    data = schemas.fields(request.data, {"bookingId", "action"})
    action = staff_status.parse_action(data["action"])
    at = now()
    return staff_views.changed_booking(staff_status.change_status(session, _id(data, "bookingId"), action, at), at)
