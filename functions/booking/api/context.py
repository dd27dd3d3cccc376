"""What handlers need from the request around them: clock, client, limits
(the limits themselves are params in booking.config)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from firebase_functions import https_fn
from firebase_functions.params import IntParam

from booking.adapters import rate_limit


def now() -> datetime:
    return datetime.now(UTC)


def client_ip(request: https_fn.CallableRequest[Any]) -> str:
    """The address the platform appended to X-Forwarded-For.

    Entries before the last one come from the client and can be forged; the
    last is added by Google's front end (and by the emulator's proxy).
    """
    raw = request.raw_request
    forwarded = raw.headers.get("X-Forwarded-For", "")
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    return hops[-1] if hops else (raw.remote_addr or "unknown")


def limit(request: https_fn.CallableRequest[Any], kind: str, per_minute: IntParam) -> None:
    rate_limit.consume(kind, client_ip(request), per_minute.value, now())
