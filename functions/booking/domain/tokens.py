"""Magic-link tokens: what lets a client act on one booking without signing in.

A token is 256 random bits shown only once (in a link); the booking stores
just its SHA-256 digest. Every token belongs to one booking, expires when the
appointment ends and is used up by the first change it makes. A booking has
its first token (`manageTokenHash`, handed out when it is made) and one more
per e-mail sent later (`manageTokens`, a map from digest to entry).
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from booking.domain.booking import hash_token
from booking.domain.errors import AccessDenied

TOKEN_BYTES = 32
"""256 bits of randomness; URL-safe base64 makes 43 characters."""

INVALID = "This link is not valid"
EXPIRED = "This link has expired"
USED = "This link has already been used; please use the link in your latest e-mail"


@dataclass(frozen=True)
class IssuedToken:
    raw: str
    digest: str
    expires_at: datetime

    def entry(self, now: datetime, purpose: str) -> dict[str, Any]:
        """What the booking stores under `manageTokens.<digest>`."""
        return {"expiresAt": self.expires_at, "issuedAt": now, "purpose": purpose}


def issue(expires_at: datetime, random: Callable[[int], str] = secrets.token_urlsafe) -> IssuedToken:
    raw = random(TOKEN_BYTES)
    return IssuedToken(raw=raw, digest=hash_token(raw), expires_at=expires_at)


@dataclass(frozen=True)
class StoredToken:
    digest: str
    expires_at: datetime | None
    used_at: datetime | None


def stored_tokens(booking: Mapping[str, Any]) -> tuple[StoredToken, ...]:
    """Every token of a stored booking, the first one included.

    The first token's use is recorded in `manageTokens` too, so one field
    path (`used_field`) marks any token used.
    """
    entries: Mapping[str, Any] = booking.get("manageTokens") or {}
    tokens = []
    primary = booking.get("manageTokenHash")
    if primary:
        used = (entries.get(primary) or {}).get("usedAt")
        tokens.append(StoredToken(primary, booking.get("manageTokenExpiresAt"), used))
    for digest, entry in entries.items():
        if digest != primary and isinstance(entry, Mapping):
            tokens.append(StoredToken(digest, entry.get("expiresAt"), entry.get("usedAt")))
    return tuple(tokens)


def verify(booking: Mapping[str, Any], token: str, now: datetime) -> StoredToken:
    """The booking's token matching `token`, or AccessDenied saying why not."""
    digest = hash_token(token)
    match = None
    for stored in stored_tokens(booking):
        if secrets.compare_digest(stored.digest, digest):
            match = stored
    if match is None:
        raise AccessDenied(INVALID)
    if match.expires_at is None or match.expires_at <= now:
        raise AccessDenied(EXPIRED)
    if match.used_at is not None:
        raise AccessDenied(USED)
    return match


def used_field(token: str) -> str:
    """The field path that marks `token` used (valid for any of its tokens)."""
    return f"manageTokens.{hash_token(token)}.usedAt"


def entry_field(digest: str) -> str:
    return f"manageTokens.{digest}"


def moved_expiries(booking: Mapping[str, Any], new_end: datetime) -> dict[str, Any]:
    """Updates that make every token of a rescheduled booking expire at its new end."""
    updates: dict[str, Any] = {"manageTokenExpiresAt": new_end}
    primary = booking.get("manageTokenHash")
    for digest, entry in (booking.get("manageTokens") or {}).items():
        if digest != primary and isinstance(entry, Mapping) and "expiresAt" in entry:
            updates[f"manageTokens.{digest}.expiresAt"] = new_end
    return updates
