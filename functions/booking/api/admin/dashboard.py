"""Callables of Booking → Dashboard: the site's admins only."""

from __future__ import annotations

from typing import Any

from firebase_functions import https_fn

from booking.api.admin.schemas import site_only
from booking.api.admin.views import plain
from booking.api.auth import require_site_admin
from booking.api.context import now
from booking.api.errors import maps_domain_errors
from booking.api.startup import on_call
from booking.services import analytics

Request = https_fn.CallableRequest[Any]


@on_call()
@maps_domain_errors
def adminGetDashboard(request: Request) -> dict[str, Any]:  # noqa: N802 - callable name
    """One read: the aggregate the hourly job wrote."""
    require_site_admin(request, site_only(request.data))
    return plain(analytics.dashboard(site_only(request.data), now()))


@on_call()
@maps_domain_errors
def adminRefreshDashboard(request: Request) -> dict[str, Any]:  # noqa: N802
    """Recompute now; RESOURCE_EXHAUSTED within 5 minutes of the last time."""
    require_site_admin(request, site_only(request.data))
    return plain(analytics.refresh(site_only(request.data), now()))
