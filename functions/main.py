"""Cloud Functions entry point: global options and the exported handlers.

Firebase discovers every function exported from this module. Keep imports
light: the CLI imports this file at deploy time and every cold start pays
for what it loads.
"""

from typing import Any

from firebase_functions import https_fn, options

options.set_global_options(region="europe-west1", max_instances=20)

from booking.api.public import (  # noqa: E402 - global options come first
    cancelBooking,
    createBooking,
    getAvailableSlots,
    getBookingConfig,
)
from booking.api.scheduled import expireHolds  # noqa: E402


@https_fn.on_call()
def ping(request: https_fn.CallableRequest[Any]) -> dict[str, str]:
    """Liveness check used by the local tooling to know the code is loaded."""
    return {"status": "ok"}


__all__ = ["cancelBooking", "createBooking", "expireHolds", "getAvailableSlots", "getBookingConfig", "ping"]
