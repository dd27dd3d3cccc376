"""Magic-link tokens: what lets a client act on one booking without signing in.

A token is 256 random bits shown only once (in a link); the booking stores
just its SHA-256 digest. Every token belongs to one booking, expires when the
appointment ends and is used up by the first change it makes. A booking has
its first token (`manageTokenHash`, handed out when it is made) and one more
per e-mail sent later (`manageTokens`, a map from digest to entry).

Each token has a purpose (`TokenPurpose`). Confirming a pending booking
needs a `confirm` token, which only the double opt-in e-mail carries: the
browser that booked holds a `manage` token, so it can't prove an address it
merely typed in.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from booking.domain.booking import hash_token
from booking.domain.errors import AccessDenied
from booking.domain.record import BookingRecord, TokenEntry, TokenPurpose

TOKEN_BYTES = 32
"""256 bits of randomness; URL-safe base64 makes 43 characters."""

INVALID = "This link is not valid"
EXPIRED = "This link has expired"
USED = "This link has already been used; please use the link in your latest e-mail"
NOT_FOR_CONFIRMING = "Please confirm with the link in the e-mail we sent you"

GRANTS = {
    TokenPurpose.MANAGE: frozenset({TokenPurpose.MANAGE}),
    TokenPurpose.CONFIRM: frozenset({TokenPurpose.MANAGE, TokenPurpose.CONFIRM}),
}
"""What a token of each purpose may be used for."""


@dataclass(frozen=True)
class IssuedToken:
    raw: str
    digest: str
    expires_at: datetime

    def entry(self, now: datetime, purpose: TokenPurpose) -> TokenEntry:
        """What the booking stores for it."""
        return TokenEntry(expires_at=self.expires_at, issued_at=now, purpose=purpose)


def issue(expires_at: datetime, random: Callable[[int], str] = secrets.token_urlsafe) -> IssuedToken:
    raw = random(TOKEN_BYTES)
    return IssuedToken(raw=raw, digest=hash_token(raw), expires_at=expires_at)


@dataclass(frozen=True)
class StoredToken:
    digest: str
    expires_at: datetime | None
    used_at: datetime | None
    purpose: TokenPurpose = TokenPurpose.MANAGE

    def allows(self, use: TokenPurpose) -> bool:
        return use in GRANTS[self.purpose]


def stored_tokens(booking: BookingRecord) -> tuple[StoredToken, ...]:
    """Every token of a stored booking, the first one included.

    The first token's use is recorded in `manage_tokens` too, so one kind of
    update marks any token used. The first token went to the browser, so it
    only ever manages, whatever its entry says.
    """
    entries = booking.manage_tokens
    tokens = []
    primary = booking.manage_token_hash
    if primary:
        first = entries.get(primary)
        tokens.append(StoredToken(primary, booking.manage_token_expires_at, first.used_at if first else None))
    for digest, entry in entries.items():
        if digest != primary:
            tokens.append(StoredToken(digest, entry.expires_at, entry.used_at, entry.purpose))
    return tuple(tokens)


def verify(booking: BookingRecord, token: str, now: datetime, use: TokenPurpose) -> StoredToken:
    """The booking's token matching `token` if it may be put to `use` now,
    or AccessDenied saying why not."""
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
    if not match.allows(use):
        raise AccessDenied(NOT_FOR_CONFIRMING)
    return match
