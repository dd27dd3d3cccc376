"""The admin's Waitlist page: the list per branch with filters, and offering
a time to a chosen entry."""

from __future__ import annotations

from typing import Any

from firebase_functions import https_fn

from booking.api import schemas, waitlist_views
from booking.api.admin.schemas import site_of
from booking.api.auth import require_site_admin
from booking.api.context import now
from booking.api.errors import maps_domain_errors
from booking.api.startup import on_call
from booking.domain.errors import InvalidInput
from booking.services import waitlist_desk

Request = https_fn.CallableRequest[Any]


@on_call()
@maps_domain_errors
def adminListWaitlist(request: Request) -> dict[str, Any]:  # noqa: N802 - callable name
    require_site_admin(request, site_of(request.data))
    data = schemas.fields(request.data, {"siteId"}, {"branchId", "date", "status", "serviceId"})
    status = data.get("status", "open")
    if status not in waitlist_desk.LISTED:
        raise InvalidInput("status", f"must be one of {', '.join(waitlist_desk.LISTED)}")
    listing = waitlist_desk.admin_list(
        str(data["siteId"]),
        schemas.identifier(data, "branchId", optional=True),
        schemas.local_date(data, "date") if data.get("date") is not None else None,
        status,
        schemas.identifier(data, "serviceId", optional=True),
    )
    return waitlist_views.entries(listing.catalog, listing.entries, listing.offers)


@on_call()
@maps_domain_errors
def adminOfferWaitlist(request: Request) -> dict[str, Any]:  # noqa: N802
    admin = require_site_admin(request, site_of(request.data))
    data = schemas.fields(request.data, {"siteId", "entryId", "date", "time"}, {"staffId"})
    made = waitlist_desk.admin_offer(
        str(data["siteId"]),
        str(schemas.identifier(data, "entryId")),
        schemas.identifier(data, "staffId", optional=True),
        schemas.local_date(data, "date"),
        schemas.local_time(data, "time"),
        admin.label,
        now(),
    )
    return waitlist_views.offered(made.offer)
