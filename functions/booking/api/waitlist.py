"""The waitlist's callables for visitors: join from the widget, and the
waitlist page behind the e-mails' links (see an offer, accept, decline,
leave). No sign-in; the e-mail's token authorises; rate-limited per IP."""

from __future__ import annotations

from typing import Any

from firebase_functions import https_fn

from booking.api import client_views, waitlist_schemas, waitlist_views
from booking.api.context import limit, now
from booking.api.errors import maps_domain_errors
from booking.api.public import PUBLIC_CORS
from booking.api.startup import on_call
from booking.config import RATE_LIMIT_BOOKINGS_PER_MINUTE
from booking.services import waitlist_client


@on_call(cors=PUBLIC_CORS)
@maps_domain_errors
def joinWaitlist(request: https_fn.CallableRequest[Any]) -> dict[str, Any]:  # noqa: N802 - public API name
    join = waitlist_schemas.join_request(request.data)
    entry = waitlist_client.join(join, now(), admit=lambda: limit(request, "bookings", RATE_LIMIT_BOOKINGS_PER_MINUTE))
    return waitlist_views.joined(entry)


@on_call(cors=PUBLIC_CORS)
@maps_domain_errors
def getWaitlistOffer(request: https_fn.CallableRequest[Any]) -> dict[str, Any]:  # noqa: N802
    site_id, offer_id, token = waitlist_schemas.offer_request(request.data)
    limit(request, "bookings", RATE_LIMIT_BOOKINGS_PER_MINUTE)
    at = now()
    return waitlist_views.offer(waitlist_client.view_offer(site_id, offer_id, token), at)


@on_call(cors=PUBLIC_CORS)
@maps_domain_errors
def acceptWaitlistOffer(request: https_fn.CallableRequest[Any]) -> dict[str, Any]:  # noqa: N802
    site_id, offer_id, token, return_url = waitlist_schemas.accept_request(request.data)
    limit(request, "bookings", RATE_LIMIT_BOOKINGS_PER_MINUTE)
    return client_views.booking_made(waitlist_client.accept(site_id, offer_id, token, now(), return_url))


@on_call(cors=PUBLIC_CORS)
@maps_domain_errors
def declineWaitlistOffer(request: https_fn.CallableRequest[Any]) -> dict[str, Any]:  # noqa: N802
    site_id, offer_id, token = waitlist_schemas.offer_request(request.data)
    limit(request, "bookings", RATE_LIMIT_BOOKINGS_PER_MINUTE)
    return {"offerId": waitlist_client.decline(site_id, offer_id, token, now()).id, "status": "declined"}


@on_call(cors=PUBLIC_CORS)
@maps_domain_errors
def leaveWaitlist(request: https_fn.CallableRequest[Any]) -> dict[str, Any]:  # noqa: N802
    site_id, token, entry_id, offer_id = waitlist_schemas.leave_request(request.data)
    limit(request, "bookings", RATE_LIMIT_BOOKINGS_PER_MINUTE)
    return waitlist_views.left(waitlist_client.leave(site_id, token, now(), entry_id=entry_id, offer_id=offer_id))
