"""Callables for visitors' browsers. No sign-in; rate-limited per client IP."""

from __future__ import annotations

from typing import Any

from firebase_functions import https_fn, options

from booking.api import client_views, schemas
from booking.api.context import limit, now
from booking.api.errors import maps_domain_errors
from booking.api.startup import on_call
from booking.config import RATE_LIMIT_BOOKINGS_PER_MINUTE, RATE_LIMIT_SLOTS_PER_MINUTE
from booking.services import booking_config, public_booking

PUBLIC_CORS = options.CorsOptions(cors_origins="*", cors_methods=["post"])
"""Any website may embed the widget."""


@on_call(cors=PUBLIC_CORS)
@maps_domain_errors
def getBookingConfig(request: https_fn.CallableRequest[Any]) -> dict[str, Any]:  # noqa: N802 - public API name
    return client_views.booking_config(booking_config.booking_config(schemas.site_id(request.data)))


@on_call(cors=PUBLIC_CORS)
@maps_domain_errors
def getAvailableSlots(request: https_fn.CallableRequest[Any]) -> dict[str, Any]:  # noqa: N802
    query = schemas.slot_query(request.data)
    limit(request, "slots", RATE_LIMIT_SLOTS_PER_MINUTE)
    return client_views.free_days(public_booking.available_slots(query, now()))


@on_call(cors=PUBLIC_CORS)
@maps_domain_errors
def createBooking(request: https_fn.CallableRequest[Any]) -> dict[str, Any]:  # noqa: N802
    booking = schemas.booking_request(request.data)
    made = public_booking.create_booking(
        booking, now(), admit=lambda: limit(request, "bookings", RATE_LIMIT_BOOKINGS_PER_MINUTE)
    )
    return client_views.booking_made(made)


@on_call(cors=PUBLIC_CORS)
@maps_domain_errors
def cancelBooking(request: https_fn.CallableRequest[Any]) -> dict[str, Any]:  # noqa: N802
    site_id, booking_id, token = schemas.cancel_request(request.data)
    limit(request, "bookings", RATE_LIMIT_BOOKINGS_PER_MINUTE)
    return client_views.status(public_booking.cancel_booking(site_id, booking_id, token, now()))
