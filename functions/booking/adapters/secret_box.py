"""Credentials encrypted at rest: Fernet (AES with an HMAC) under a key
derived from the `CALENDAR_SYNC_KEY` secret, read when a call needs it.

`cryptography` is imported inside the calls, as every vendor library is."""

from __future__ import annotations

import base64
import hashlib
import json
from typing import Any

from booking.config import calendar_sync_key


class Unreadable(Exception):
    """Sealed under another key, or damaged: the owner must connect again."""


def _fernet() -> Any:
    from cryptography.fernet import Fernet

    # Any secret string works: Fernet wants 32 bytes, url-safe base64.
    return Fernet(base64.urlsafe_b64encode(hashlib.sha256(calendar_sync_key()).digest()))


def seal(secret: dict[str, str]) -> str:
    token: bytes = _fernet().encrypt(json.dumps(secret, sort_keys=True).encode())
    return token.decode()


def open_sealed(token: str) -> dict[str, str]:
    from cryptography.fernet import InvalidToken

    try:
        opened: dict[str, str] = json.loads(_fernet().decrypt(token.encode()))
    except (InvalidToken, ValueError) as error:
        raise Unreadable("The stored credentials can't be read") from error
    return opened


def state_key() -> bytes:
    """The key that signs OAuth consent states: derived from the same
    secret, never the same bytes as the credentials' key."""
    return hashlib.sha256(b"oauth-state:" + calendar_sync_key()).digest()
