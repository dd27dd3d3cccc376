"""What handlers need from the request around them: clock, client, limits
(the limits themselves are params in booking.config)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from firebase_functions import https_fn
from firebase_functions.params import IntParam

from booking.adapters import rate_limit
from booking.domain import client_address


def now() -> datetime:
    return datetime.now(UTC)


def client_ip(request: https_fn.CallableRequest[Any]) -> str:
    """The client's rate-limit key: the address Google's front end or, behind
    a Hosting rewrite, Hosting's edge appended (IPv6 by its /64); entries the
    client wrote itself never count (`domain/client_address`)."""
    raw = request.raw_request
    return client_address.client_key(raw.headers.get("X-Forwarded-For", ""), raw.remote_addr)


def limit(request: https_fn.CallableRequest[Any], kind: str, per_minute: IntParam) -> None:
    rate_limit.consume(kind, client_ip(request), per_minute.value, now())
