"""A stored booking as the use cases see it: typed, immutable, complete.

`adapters/booking_mapper.py` is the one place that knows how a record is
laid out in Firestore (docs/data-model.md); everything else reads these
attributes. Instants are aware UTC datetimes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from zoneinfo import ZoneInfo

from booking.domain.booking import Customer, StatusChange, TermsAcceptance, lock_ids
from booking.domain.model import BookingSource, BookingStatus, Service, StaffMember
from booking.domain.transitions import Action

RESCHEDULE = "reschedule"
"""The `action` of a history entry that moved the booking (status unchanged)."""
CLIENT = "client"
"""The `by` of changes the client made (booking, confirming, cancelling)."""


@dataclass(frozen=True)
class ServiceSnapshot:
    """The service as it was when the booking was made."""

    name: str
    duration_minutes: int
    price_cents: int | None = None
    deposit_cents: int | None = None


@dataclass(frozen=True)
class HistoryEntry:
    """One line of the booking's status history."""

    at: datetime
    by: str
    to: BookingStatus
    source: BookingStatus | None = None
    action: str | None = None
    """`reschedule` for a move; None for a status change."""
    previous_start: datetime | None = None
    previous_end: datetime | None = None

    @classmethod
    def of(cls, change: StatusChange) -> HistoryEntry:
        return cls(at=change.at, by=change.by, to=change.to, source=change.source)


class TokenPurpose(StrEnum):
    """What a manage-link token may do (docs/emails.md, "Token purposes")."""

    MANAGE = "manage"
    """View, cancel and move: every token but one. The first token, handed to
    the browser that booked, is always of this kind."""
    CONFIRM = "confirm"
    """All of the above, and confirm a pending booking: only the token in the
    double opt-in e-mail, since confirming must prove the address."""


@dataclass(frozen=True)
class TokenEntry:
    """A manage-link token issued after the first one (each e-mail has its own)."""

    expires_at: datetime | None
    issued_at: datetime | None = None
    purpose: TokenPurpose = TokenPurpose.MANAGE
    used_at: datetime | None = None


class DepositStatus(StrEnum):
    PENDING = "pending"
    PAID = "paid"
    REFUND_PENDING = "refund_pending"
    REFUNDED = "refunded"
    WAIVED = "waived"
    """An admin or staff confirmed the booking without the deposit being paid."""


@dataclass(frozen=True)
class DepositPayment:
    """The deposit of a booking that needs one: its Checkout Session and,
    once paid, the Stripe ids that let a no-show fee be charged."""

    mode: str = ""
    """`test`, `live` or `dev` (the emulator's stand-in checkout)."""
    deposit_cents: int = 0
    currency: str = "EUR"
    deposit_status: str = DepositStatus.PENDING.value
    checkout_session_id: str | None = None
    checkout_url: str | None = None
    status_token_hash: str | None = None
    connected_account_id: str | None = None
    application_fee_cents: int = 0
    payment_intent_id: str | None = None
    customer_id: str | None = None
    payment_method_id: str | None = None
    paid_at: datetime | None = None
    refunded_at: datetime | None = None


@dataclass(frozen=True)
class FollowUpMark:
    """A committed status change whose follow-up work is not done yet."""

    action: Action
    at: datetime
    to: BookingStatus


@dataclass(frozen=True)
class BookingRecord:
    id: str
    site_id: str
    branch_id: str | None
    service_id: str
    service: ServiceSnapshot
    staff_id: str | None
    staff_name: str | None
    start: datetime
    end: datetime
    local_date: str
    """The local date (YYYY-MM-DD) the booking is counted on, in `timezone`."""
    timezone: str
    customer: Customer
    customer_id: str
    status: BookingStatus
    history: tuple[HistoryEntry, ...]
    created_at: datetime | None
    """None only on documents stored before creation times were kept."""
    updated_at: datetime | None
    source: str = "online"
    created_by: str = "client"
    notes: str = ""
    answers: Mapping[str, str] = field(default_factory=dict)
    marketing_opt_in: bool = False
    terms: TermsAcceptance | None = None
    buffer_minutes: int = 0
    lock_ids: tuple[str, ...] = ()
    manage_token_hash: str | None = None
    manage_token_expires_at: datetime | None = None
    manage_tokens: Mapping[str, TokenEntry] = field(default_factory=dict)
    """Later tokens by digest; the first one's use is recorded here too."""
    reminders_sent: Mapping[str, datetime] = field(default_factory=dict)
    """Reminder key (`24h`, `1h`) to the start time it was sent for."""
    rescheduled_at: datetime | None = None
    hold_expires_at: datetime | None = None
    payment: DepositPayment | None = None
    no_show_counted: bool = False
    visit_counted: bool = False
    """Counted as a visit of its customer (domain/loyalty.py)."""
    follow_up: FollowUpMark | None = None

    @property
    def holds_time(self) -> bool:
        return self.status.holds_time

    @property
    def cancelled_by_client(self) -> bool:
        """The client cancelled it at some point, even if the desk reopened it since."""
        return any(entry.to is BookingStatus.CANCELLED and entry.by == CLIENT for entry in self.history)

    def history_index(self, at: datetime, to: BookingStatus) -> int:
        """Position of the change made at `at` to `to` (a later one may follow it)."""
        for index in range(len(self.history) - 1, -1, -1):
            entry = self.history[index]
            if entry.at == at and entry.to is to:
                return index
        return len(self.history) - 1


@dataclass(frozen=True)
class FollowUp:
    """A committed change as its follow-up steps see it (services/follow_ups.py)."""

    booking: BookingRecord
    """The booking as the change left it, its history entry included."""
    action: Action
    index: int
    """Position of the change in `booking.history`."""
    now: datetime

    @property
    def entry(self) -> HistoryEntry:
        return self.booking.history[self.index]


def new_booking(
    *,
    booking_id: str,
    site_id: str,
    branch_id: str | None,
    service: Service,
    staff: StaffMember | None,
    start: datetime,
    end: datetime,
    timezone: str,
    customer: Customer,
    status: BookingStatus,
    now: datetime,
    manage_token_hash: str,
    buffer_minutes: int,
    source: BookingSource,
    created_by: str = "client",
    hold_expires_at: datetime | None = None,
    notes: str = "",
    answers: Mapping[str, str] | None = None,
    marketing_opt_in: bool = False,
    terms: TermsAcceptance | None = None,
    deposit_cents: int | None = None,
    later_tokens: Mapping[str, TokenEntry] | None = None,
) -> BookingRecord:
    """The one way a booking comes to be, whoever makes it: the record to
    store, with its first history entry and the locks on its time."""
    start, end = start.astimezone(UTC), end.astimezone(UTC)
    return BookingRecord(
        id=booking_id,
        site_id=site_id,
        branch_id=branch_id,
        service_id=service.id,
        service=ServiceSnapshot(service.name, service.duration_minutes, service.price_cents, deposit_cents),
        staff_id=staff.id if staff else None,
        staff_name=staff.name if staff else None,
        start=start,
        end=end,
        local_date=start.astimezone(ZoneInfo(timezone)).date().isoformat(),
        timezone=timezone,
        customer=customer,
        customer_id=customer.key,
        status=status,
        history=(HistoryEntry(at=now, by=created_by, to=status),),
        created_at=now,
        updated_at=now,
        source=source.value,
        created_by=created_by,
        notes=notes,
        answers=dict(answers or {}),
        marketing_opt_in=marketing_opt_in,
        terms=terms,
        buffer_minutes=buffer_minutes,
        lock_ids=lock_ids(staff.id if staff else None, start, end, buffer_minutes),
        manage_token_hash=manage_token_hash,
        manage_token_expires_at=end,
        manage_tokens=dict(later_tokens or {}),
        hold_expires_at=hold_expires_at,
    )
