"""Domain types shared by the availability engine and the booking rules.

Everything here is immutable. Instants are aware datetimes in UTC; wall-clock
times (`datetime.time`) and dates are local to the business's time zone and
appear only where a person reads or writes them (schedules and day views).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time
from enum import StrEnum

SLOT_INTERVALS = (15, 30, 60)
BUFFERS = (0, 5, 10, 15, 30)
CHANGE_CUTOFF_HOURS = (0, 1, 2, 4, 12, 24, 48)
"""How long before the start clients may still cancel or move online; 0: until the start."""
HORIZONS = (7, 14, 30, 60, 90)
GRANULE_MINUTES = 5
"""Every duration, buffer and interval is a multiple of this; locks use it."""


class BookingStatus(StrEnum):
    PENDING = "pending"
    PENDING_PAYMENT = "pending_payment"
    CONFIRMED = "confirmed"
    CANCELLED = "cancelled"
    COMPLETED = "completed"
    NO_SHOW = "no_show"
    EXPIRED = "expired"

    @property
    def holds_time(self) -> bool:
        """Cancelled and expired bookings never block a slot."""
        return self not in (BookingStatus.CANCELLED, BookingStatus.EXPIRED)


class BookingSource(StrEnum):
    ONLINE = "online"
    WALK_IN = "walk-in"
    ADMIN = "admin"
    SUBSCRIPTION = "subscription"


class DayStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"
    FULL = "full"


@dataclass(frozen=True)
class TimeRange:
    """A local wall-clock range. `end <= start` means it ends the next day
    (20:00-02:00 belongs to the day it starts on)."""

    start: time
    end: time

    @property
    def crosses_midnight(self) -> bool:
        return self.end <= self.start


DayRanges = tuple[TimeRange, ...]


@dataclass(frozen=True)
class WeeklySchedule:
    """Opening ranges and breaks per weekday, Monday = 0. A weekday without
    ranges is closed. Breaks are cut out of the ranges of the same weekday."""

    ranges: Mapping[int, DayRanges] = field(default_factory=dict)
    breaks: Mapping[int, DayRanges] = field(default_factory=dict)


@dataclass(frozen=True)
class Hours:
    """A weekly schedule plus date overrides. An override replaces the
    weekly ranges (and breaks) of its date; an empty override closes it."""

    weekly: WeeklySchedule = field(default_factory=WeeklySchedule)
    overrides: Mapping[date, DayRanges] = field(default_factory=dict)


@dataclass(frozen=True)
class Settings:
    """Site-wide booking settings, validated at the boundary."""

    slot_interval_minutes: int = 30
    buffer_minutes: int = 0
    horizon_days: int = 14
    min_notice_minutes: int = 0
    change_cutoff_hours: int = 0
    """Clients may cancel or move a booking up to this many hours before its
    start (domain/client_changes.py)."""


class QuestionKind(StrEnum):
    TEXT = "text"
    CHOICE = "choice"


@dataclass(frozen=True)
class IntakeQuestion:
    """A question the client answers when booking a service."""

    id: str
    label: str
    kind: QuestionKind = QuestionKind.TEXT
    options: tuple[str, ...] = ()
    """The allowed answers of a choice question."""
    required: bool = False


@dataclass(frozen=True)
class Service:
    id: str
    name: str
    duration_minutes: int
    active: bool = True
    price_cents: int | None = None
    deposit_cents: int | None = None
    """A deposit makes the booking `pending_payment` until it is paid."""
    intake_questions: tuple[IntakeQuestion, ...] = ()


@dataclass(frozen=True)
class StaffMember:
    id: str
    name: str
    service_ids: frozenset[str] = frozenset()
    branch_id: str | None = None
    active: bool = True
    hours: Hours | None = None
    """Personal schedule; None means the location's hours apply."""


@dataclass(frozen=True)
class Busy:
    """Time that blocks a resource: a booking that holds time, a blocked
    period or an external calendar event. `staff_id` None is the site itself
    (sites without staff book the site as one resource)."""

    start: datetime
    end: datetime
    staff_id: str | None = None
