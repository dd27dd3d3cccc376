"""Who may use the staff app: the site's switch and session length, and what
is stored about a staff member's PIN. The records a sign-in is checked
against, whatever reads them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from booking.domain.model import StaffMember
from booking.domain.pin_guard import RECENT_FAILURES
from booking.domain.pins import PinHash

DEFAULT_SESSION_MINUTES = 480
MIN_SESSION_MINUTES = 15
MAX_SESSION_MINUTES = 24 * 60


@dataclass(frozen=True)
class StaffAccess:
    """The site's staff app settings; off until an admin switches it on."""

    enabled: bool = False
    session_minutes: int = DEFAULT_SESSION_MINUTES


@dataclass(frozen=True)
class FailedSignIns:
    """Wrong PINs for one staff member from one address, for the admin pages."""

    address: str
    count: int
    last_at: datetime


@dataclass(frozen=True)
class StaffSecret:
    """A staff member's private record, never readable by clients."""

    pin: PinHash | None
    """None when no usable PIN is set: the member can't sign in."""
    pin_set_at: datetime | None = None
    generation: int = 0
    """Goes up with every PIN change; sessions of an older one have ended."""
    session_key: str | None = None
    """Random, drawn anew with every PIN change and carried by the session's
    claims. A counter alone starts again when the record is deleted, so a
    member deleted and re-created under the same id could revive an old
    session; a random key can't repeat. None on records older than the key."""
    locked_at: datetime | None = None
    """When wrong PINs locked the member's PIN sign-in; None when not locked."""
    lock_epoch: int = 0
    """Goes up when an admin unlocks the member or sets a new PIN, which gives
    them a fresh last chance (`domain/pin_guard.py`)."""
    failures: tuple[FailedSignIns, ...] = ()
    """Wrong PINs of the last two days, one entry per address."""

    @property
    def locked(self) -> bool:
        return self.locked_at is not None

    def recent_failures(self, now: datetime) -> tuple[FailedSignIns, ...]:
        """The wrong PINs of the last day, newest first."""
        recent = [failure for failure in self.failures if failure.last_at > now - RECENT_FAILURES]
        return tuple(sorted(recent, key=lambda failure: failure.last_at, reverse=True))


@dataclass(frozen=True)
class SignInRecords:
    """What a sign-in and every later call of its session are checked against."""

    access: StaffAccess
    member: StaffMember | None
    """None when no such staff member exists."""
    secret: StaffSecret | None
    """None when the member never had a PIN (or was deleted)."""
