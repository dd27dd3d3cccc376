"""Admin callables of the POS register: checkout from the booking detail,
POS settings and readers, refunds of POS payments; site admins only."""

from __future__ import annotations

from typing import Any

from firebase_functions import https_fn

from booking.api import pos, pos_views, schemas
from booking.api.admin import schemas as admin_schemas
from booking.api.auth import require_site_admin
from booking.api.context import now
from booking.api.errors import maps_domain_errors
from booking.api.startup import on_call
from booking.domain.errors import InvalidInput
from booking.domain.pos import receipt_options_input

# The use cases are imported by the callables that run them (cold starts).


def _admin_site(request: https_fn.CallableRequest[Any], required: set[str], optional: set[str]) -> str:
    """Authorised before the rest of the input is looked at; unknown fields refused."""
    site_id = admin_schemas.site_of(request.data)
    require_site_admin(request, site_id)
    schemas.fields(request.data, {"siteId"} | required, optional)
    return site_id


@on_call()
@maps_domain_errors
def adminPosQuote(request: https_fn.CallableRequest[Any]) -> dict[str, Any]:  # noqa: N802
    return pos.quote(request, admin=True)


@on_call()
@maps_domain_errors
def adminPosSale(request: https_fn.CallableRequest[Any]) -> dict[str, Any]:  # noqa: N802
    return pos.sell(request, admin=True)


@on_call()
@maps_domain_errors
def adminPosSaleStatus(request: https_fn.CallableRequest[Any]) -> dict[str, Any]:  # noqa: N802
    return pos.status(request, admin=True)


@on_call()
@maps_domain_errors
def adminGetPos(request: https_fn.CallableRequest[Any]) -> dict[str, Any]:  # noqa: N802
    """POS Settings: the register, its readers, receipt options and recent sales."""
    from booking.services.pos import settings

    return pos_views.admin_pos_view(settings.admin_view(_admin_site(request, set(), set())))


@on_call()
@maps_domain_errors
def adminUpdatePos(request: https_fn.CallableRequest[Any]) -> dict[str, Any]:  # noqa: N802
    from booking.services.pos import settings

    optional = {"enabled", "locationId", "defaultReaderId", "receipt", "removeReaderId"}
    site_id = _admin_site(request, set(), optional)
    data = request.data
    enabled = data.get("enabled")
    if enabled is not None and not isinstance(enabled, bool):
        raise InvalidInput("enabled", "must be true or false")
    location = data.get("locationId")
    if location is not None and (not isinstance(location, str) or len(location) > 64):
        raise InvalidInput("locationId", "must be a Stripe Terminal location id")
    change = settings.SettingsChange(
        enabled=enabled,
        location_id=location,
        default_reader_id=schemas.identifier(data, "defaultReaderId", optional=True),
        receipt=receipt_options_input(data["receipt"]) if data.get("receipt") is not None else None,
        remove_reader_id=schemas.identifier(data, "removeReaderId", optional=True),
    )
    return pos_views.admin_pos_view(settings.update(site_id, change, now()))


@on_call()
@maps_domain_errors
def adminPosRegisterReader(request: https_fn.CallableRequest[Any]) -> dict[str, Any]:  # noqa: N802
    """Register a Terminal reader by its code, or add the local simulated one."""
    from booking.services.pos import settings

    site_id = _admin_site(request, set(), {"registrationCode", "label", "local"})
    data = request.data
    code = schemas.text(data, "registrationCode", 100)
    label = schemas.text(data, "label", 60)
    return pos_views.admin_pos_view(settings.register_reader(site_id, code, label, schemas.flag(data, "local"), now()))


@on_call()
@maps_domain_errors
def adminPosRefund(request: https_fn.CallableRequest[Any]) -> dict[str, Any]:  # noqa: N802
    """Refund a paid POS sale: the card part through Stripe, the cash part at the desk."""
    from booking.services.pos import refunds

    site_id = _admin_site(request, {"saleId"}, set())
    sale = refunds.refund_sale(site_id, schemas.identifier(request.data, "saleId") or "", now())
    return pos_views.sale_view(sale)
