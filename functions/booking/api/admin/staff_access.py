"""Admin callables for staff access: the dashboard switch, session length,
staff PINs and their locks, and the install QR code. Admins of the site only."""

from __future__ import annotations

from typing import Any

from firebase_functions import https_fn

from booking.api import schemas
from booking.api.auth import require_site_admin
from booking.api.context import now
from booking.api.errors import maps_domain_errors
from booking.api.startup import on_call
from booking.config import PIN_SECRETS
from booking.domain.errors import InvalidInput
from booking.domain.pins import validate_pin
from booking.services.staff import access as staff_access


def _site(request: https_fn.CallableRequest[Any], required: set[str], optional: set[str] = frozenset()) -> Any:  # type: ignore[assignment]
    """Validate the fields, then require an admin of the site they name."""
    data = schemas.fields(request.data, {"siteId", *required}, optional)
    site_id = schemas.identifier(data, "siteId")
    assert site_id is not None
    require_site_admin(request, site_id)
    return site_id, data


def _origin(request: https_fn.CallableRequest[Any]) -> str | None:
    """The admin page's origin is the live site the staff app is served from."""
    origin = request.raw_request.headers.get("Origin")
    return origin if isinstance(origin, str) else None


@on_call()
@maps_domain_errors
def adminGetStaffAccess(request: https_fn.CallableRequest[Any]) -> dict[str, Any]:  # noqa: N802 - API name
    site_id, _ = _site(request, set())
    return staff_access.get_access(site_id, _origin(request), now())


@on_call()
@maps_domain_errors
def adminUpdateStaffAccess(request: https_fn.CallableRequest[Any]) -> dict[str, Any]:  # noqa: N802
    site_id, data = _site(request, set(), {"enabled", "sessionMinutes"})
    enabled = schemas.flag(data, "enabled") if "enabled" in data else None
    minutes = data.get("sessionMinutes")
    if minutes is not None and (not isinstance(minutes, int) or isinstance(minutes, bool)):
        raise InvalidInput("sessionMinutes", "must be a whole number of minutes")
    staff_access.update_access(site_id, enabled, minutes, now())
    return staff_access.get_access(site_id, _origin(request), now())


@on_call(secrets=PIN_SECRETS)
@maps_domain_errors
def adminSetStaffPin(request: https_fn.CallableRequest[Any]) -> dict[str, Any]:  # noqa: N802
    """`pin` null removes the PIN; either way the member's sessions end."""
    site_id, data = _site(request, {"staffId"}, {"pin"})
    staff_id = schemas.identifier(data, "staffId")
    assert staff_id is not None
    if "pin" not in data:
        raise InvalidInput("pin", "is required: 4 to 6 digits, or null to remove the PIN")
    pin = validate_pin(data["pin"]) if data["pin"] is not None else None
    staff_access.set_pin(site_id, staff_id, pin, now())
    return {"staffId": staff_id, "pinSet": pin is not None}


@on_call()
@maps_domain_errors
def adminUnlockStaffPin(request: https_fn.CallableRequest[Any]) -> dict[str, Any]:  # noqa: N802
    """Ends a lock by wrong PINs; the PIN and the member's sessions stay."""
    site_id, data = _site(request, {"staffId"})
    staff_id = schemas.identifier(data, "staffId")
    assert staff_id is not None
    staff_access.unlock_pin(site_id, staff_id)
    return {"staffId": staff_id, "locked": False}


@on_call()
@maps_domain_errors
def adminStaffQr(request: https_fn.CallableRequest[Any]) -> dict[str, str]:  # noqa: N802
    site_id, _ = _site(request, set())
    return staff_access.install_qr(site_id, _origin(request))
