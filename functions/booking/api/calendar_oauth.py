"""Google's OAuth consent comes back here (`on_request`): the signed,
single-use state names the site and staff member; the code becomes the
connection. The admin's browser then goes back to Booking → Calendar Sync,
told how it went."""

from __future__ import annotations

import logging
from urllib.parse import quote

from firebase_functions import https_fn
from flask import Request, Response

from booking.api.context import now
from booking.domain.errors import DomainError

CALLBACK_PATH = "/api/calendarOAuthCallback"
log = logging.getLogger(__name__)


def redirect_uri() -> str:
    """Where Google sends the admin back: this function, through Hosting."""
    from booking.adapters.email import app_url

    return f"{app_url()}{CALLBACK_PATH}"


def _back(outcome: str) -> Response:
    from booking.adapters.email import app_url

    location = f"{app_url()}/admin/#/calendar-sync?{outcome}"
    return Response(status=302, headers={"Location": location})


@https_fn.on_request()
def calendarOAuthCallback(request: Request) -> Response:  # noqa: N802 - function name
    from booking.services.calendar_sync import connections

    if request.args.get("error"):
        return _back(f"error={quote(request.args['error'])}")
    try:
        connections.finish_google(request.args.get("state", ""), request.args.get("code", ""), redirect_uri(), now())
    except DomainError as error:
        log.warning("A calendar consent was refused: %s", error.message)
        return _back(f"error={quote(error.message)}")
    return _back("connected=google")
