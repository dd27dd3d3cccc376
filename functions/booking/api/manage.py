"""Callables for the client's manage page (the magic link in every e-mail).

No sign-in: the token from the link is the credential. Rate-limited per
client IP like the other public callables.
"""

from __future__ import annotations

from typing import Any

from firebase_functions import https_fn

from booking.api import client_views, schemas
from booking.api.context import limit, now
from booking.api.errors import maps_domain_errors
from booking.api.public import PUBLIC_CORS
from booking.api.startup import on_call
from booking.config import RATE_LIMIT_BOOKINGS_PER_MINUTE, RATE_LIMIT_SLOTS_PER_MINUTE
from booking.services import manage_booking, marketing_consent


@on_call(cors=PUBLIC_CORS)
@maps_domain_errors
def getManagedBooking(request: https_fn.CallableRequest[Any]) -> dict[str, Any]:  # noqa: N802 - public API name
    site_id, booking_id, token = schemas.cancel_request(request.data)
    limit(request, "slots", RATE_LIMIT_SLOTS_PER_MINUTE)
    return client_views.managed_booking(manage_booking.get_managed_booking(site_id, booking_id, token, now()))


@on_call(cors=PUBLIC_CORS)
@maps_domain_errors
def confirmBooking(request: https_fn.CallableRequest[Any]) -> dict[str, Any]:  # noqa: N802
    site_id, booking_id, token = schemas.cancel_request(request.data)
    limit(request, "bookings", RATE_LIMIT_BOOKINGS_PER_MINUTE)
    return client_views.confirmed(manage_booking.confirm_booking(site_id, booking_id, token, now()))


@on_call(cors=PUBLIC_CORS)
@maps_domain_errors
def rescheduleBooking(request: https_fn.CallableRequest[Any]) -> dict[str, Any]:  # noqa: N802
    data = schemas.fields(request.data, {"siteId", "bookingId", "token", "start"})
    site_id, booking_id, token = schemas.cancel_request({key: data[key] for key in ("siteId", "bookingId", "token")})
    start = schemas.instant(data, "start")
    limit(request, "bookings", RATE_LIMIT_BOOKINGS_PER_MINUTE)
    return client_views.rescheduled(manage_booking.reschedule_booking(site_id, booking_id, token, start, now()))


@on_call(cors=PUBLIC_CORS)
@maps_domain_errors
def unsubscribeMarketing(request: https_fn.CallableRequest[Any]) -> dict[str, Any]:  # noqa: N802
    """The unsubscribe page's button (the link in every e-mail)."""
    site_id, booking_id, token = schemas.cancel_request(request.data)
    limit(request, "bookings", RATE_LIMIT_BOOKINGS_PER_MINUTE)
    return {"unsubscribed": marketing_consent.unsubscribe(site_id, booking_id, token, now())}
