"""The staff app's "View waitlist": the day's list of the branch, and
offering a freed time to a chosen entry (manual mode)."""

from __future__ import annotations

from typing import Any

from firebase_functions import https_fn

from booking.api import schemas, waitlist_views
from booking.api.context import now
from booking.api.errors import maps_domain_errors
from booking.api.startup import on_call
from booking.services import waitlist_desk
from booking.services.staff import session as staff_session


@on_call()
@maps_domain_errors
def staffWaitlist(request: https_fn.CallableRequest[Any]) -> dict[str, Any]:  # noqa: N802 - API name
    at = now()
    session = staff_session.session_from_claims(request.auth.token if request.auth else None, at)
    data = schemas.fields(request.data or {}, set(), {"date", "branchId"})
    day = schemas.local_date(data, "date") if data.get("date") is not None else None
    listing = waitlist_desk.staff_list(session, day, schemas.identifier(data, "branchId", optional=True), at)
    return {**waitlist_views.entries(listing.catalog, listing.entries, listing.offers), "date": str(listing.day)}


@on_call()
@maps_domain_errors
def staffOfferWaitlist(request: https_fn.CallableRequest[Any]) -> dict[str, Any]:  # noqa: N802
    at = now()
    session = staff_session.session_from_claims(request.auth.token if request.auth else None, at)
    data = schemas.fields(request.data, {"entryId", "date", "time"}, {"staffId"})
    made = waitlist_desk.staff_offer(
        session,
        str(schemas.identifier(data, "entryId")),
        schemas.identifier(data, "staffId", optional=True),
        schemas.local_date(data, "date"),
        schemas.local_time(data, "time"),
        at,
    )
    return waitlist_views.offered(made.offer)
