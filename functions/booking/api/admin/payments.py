"""Callables of the admin pages' payment settings; site admins only."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlparse

from firebase_functions import https_fn

from booking.api import schemas
from booking.api.admin import schemas as admin_schemas
from booking.api.admin import views
from booking.api.auth import require_site_admin
from booking.api.context import now
from booking.api.errors import maps_domain_errors
from booking.api.startup import on_call
from booking.domain.errors import InvalidInput
from booking.domain.payments import no_show_fee_input

# The use case is imported by the callables that run it, not at module load:
# every cold start of every function imports this module.


def _admin_site(request: https_fn.CallableRequest[Any], *optional: str) -> str:
    """The site id is read first, so callers are authorised before the rest
    of their input is looked at; then unknown fields are refused."""
    site_id = admin_schemas.site_of(request.data)
    require_site_admin(request, site_id)
    schemas.fields(request.data, {"siteId"}, set(optional))
    return site_id


def _return_url(data: Any) -> str | None:
    url = schemas.text(data, "returnUrl", 2000)
    parsed = urlparse(url)
    if url and (parsed.scheme not in ("https", "http") or not parsed.netloc):
        raise InvalidInput("returnUrl", "must be an http(s) URL")
    return url or None


@on_call()
@maps_domain_errors
def adminStripeConnect(request: https_fn.CallableRequest[Any]) -> dict[str, Any]:  # noqa: N802 - API name
    """Stripe's onboarding URL for the site's connected account."""
    from booking.services.payments import admin as payments_admin

    site_id = _admin_site(request, "returnUrl")
    return payments_admin.connect(site_id, _return_url(request.data), now())


@on_call()
@maps_domain_errors
def adminGetPayments(request: https_fn.CallableRequest[Any]) -> dict[str, Any]:  # noqa: N802
    """Settings, account state and recent payments; refreshes `payments.ready`."""
    from booking.services.payments import admin as payments_admin

    return views.payments_overview(payments_admin.overview(_admin_site(request), now()))


@on_call()
@maps_domain_errors
def adminUpdatePayments(request: https_fn.CallableRequest[Any]) -> dict[str, Any]:  # noqa: N802
    from booking.services.payments import admin as payments_admin

    site_id = _admin_site(request, "noShowFee", "disconnect")
    data = request.data
    fee = no_show_fee_input(data["noShowFee"]) if data.get("noShowFee") is not None else None
    return views.payments_overview(payments_admin.update(site_id, fee, schemas.flag(data, "disconnect"), now()))
