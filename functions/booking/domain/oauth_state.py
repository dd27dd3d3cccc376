"""The OAuth `state` of a calendar consent: signed, so the callback knows
which site and staff member asked, and short-lived; the callback also uses
up its nonce once (adapters/calendar_connections.py), so a state works one time."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from dataclasses import dataclass
from datetime import datetime, timedelta

from booking.domain.errors import AccessDenied

LIFETIME = timedelta(minutes=15)
REFUSED = "This calendar consent is not valid any more: start connecting again"


@dataclass(frozen=True)
class ConsentState:
    site_id: str
    staff_id: str | None
    nonce: str
    expires_at: datetime


def sign(state: ConsentState, key: bytes) -> str:
    payload = json.dumps(
        {"s": state.site_id, "t": state.staff_id, "n": state.nonce, "e": int(state.expires_at.timestamp())},
        separators=(",", ":"),
    ).encode()
    mac = hmac.new(key, payload, hashlib.sha256).digest()
    return f"{_b64(payload)}.{_b64(mac)}"


def verify(token: str, key: bytes, now: datetime) -> ConsentState:
    """The signed state, unless forged, damaged or expired (AccessDenied)."""
    try:
        payload_part, mac_part = token.split(".", 1)
        payload = base64.urlsafe_b64decode(payload_part + "=" * (-len(payload_part) % 4))
        mac = base64.urlsafe_b64decode(mac_part + "=" * (-len(mac_part) % 4))
        data = json.loads(payload)
    except ValueError as error:
        raise AccessDenied(REFUSED) from error
    if not hmac.compare_digest(mac, hmac.new(key, payload, hashlib.sha256).digest()):
        raise AccessDenied(REFUSED)
    expires = datetime.fromtimestamp(int(data["e"]), now.tzinfo)
    if expires <= now:
        raise AccessDenied(REFUSED)
    return ConsentState(str(data["s"]), data["t"], str(data["n"]), expires)


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")
