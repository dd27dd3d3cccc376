"""Who may use the staff app: the site's switch and session length, and what
is stored about a staff member's PIN. The records a sign-in is checked
against, whatever reads them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from booking.domain.model import StaffMember
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
class StaffSecret:
    """A staff member's private record, never readable by clients."""

    pin: PinHash | None
    """None when no usable PIN is set: the member can't sign in."""
    pin_set_at: datetime | None = None
    generation: int = 0
    """Goes up with every PIN change; sessions of an older one have ended."""


@dataclass(frozen=True)
class SignInRecords:
    """What a sign-in and every later call of its session are checked against."""

    access: StaffAccess
    member: StaffMember | None
    """None when no such staff member exists."""
    secret: StaffSecret | None
    """None when the member never had a PIN (or was deleted)."""
