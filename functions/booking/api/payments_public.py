"""Callables of the payment result pages. No sign-in: the booking's payment
token from the Checkout return URL is the key."""

from __future__ import annotations

from typing import Any

from firebase_functions import https_fn

from booking.api import payment_views, schemas
from booking.api.context import limit, now
from booking.api.errors import maps_domain_errors
from booking.api.public import PUBLIC_CORS
from booking.api.startup import on_call
from booking.config import RATE_LIMIT_SLOTS_PER_MINUTE, dev_tools_enabled
from booking.domain.errors import AccessDenied

# The use cases are imported by the callables that run them, not at module
# load: every cold start of every function imports this module.


@on_call(cors=PUBLIC_CORS)
@maps_domain_errors
def getPaymentStatus(request: https_fn.CallableRequest[Any]) -> dict[str, Any]:  # noqa: N802 - public API name
    """Polled by the result page; limited like slot lookups."""
    site_id, booking_id, token = schemas.cancel_request(request.data)
    limit(request, "payment-status", RATE_LIMIT_SLOTS_PER_MINUTE)
    from booking.services.payments import checkout as payments_checkout

    return payment_views.payment_status(payments_checkout.payment_status(site_id, booking_id, token))


@on_call(cors=PUBLIC_CORS)
@maps_domain_errors
def completeDevCheckout(request: https_fn.CallableRequest[Any]) -> dict[str, Any]:  # noqa: N802
    """The Pay button of the emulator's stand-in Checkout; refused when deployed."""
    if not dev_tools_enabled():
        raise AccessDenied("Only available in the emulator")
    site_id, booking_id, token = schemas.cancel_request(request.data)
    from booking.services.payments import dev_checkout

    return payment_views.payment_status(dev_checkout.complete_dev_checkout(site_id, booking_id, token, now()))
