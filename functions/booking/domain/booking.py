"""Booking rules that need no storage: time locks, tokens, status history."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from booking.domain.errors import InvalidInput
from booking.domain.model import GRANULE_MINUTES, BookingStatus, IntakeQuestion, QuestionKind

SITE_RESOURCE = "site"
"""Lock resource of sites without staff: the site is booked as one resource."""

GRANULE = timedelta(minutes=GRANULE_MINUTES)
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def lock_ids(staff_id: str | None, start: datetime, end: datetime, buffer_minutes: int) -> tuple[str, ...]:
    """Deterministic ids of the time granules a booking claims.

    A booking claims `[start, end + buffer)`: two bookings then conflict exactly
    when fewer than `buffer` minutes separate them, whatever their starts and
    durations, because both would claim a common granule.
    """
    resource = staff_id or SITE_RESOURCE
    claim_end = end + timedelta(minutes=buffer_minutes)
    first = _floor(start)
    ids = []
    granule = first
    while granule < claim_end:
        ids.append(f"{resource}_{granule.astimezone(UTC):%Y%m%dT%H%MZ}")
        granule += GRANULE
    return tuple(ids)


def _floor(instant: datetime) -> datetime:
    seconds = (instant - EPOCH).total_seconds()
    size = GRANULE.total_seconds()
    return EPOCH + timedelta(seconds=seconds - seconds % size)


def hash_token(token: str) -> str:
    """Only this digest is stored: a leaked database can't act on bookings."""
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True)
class StatusChange:
    at: datetime
    by: str
    """Who made the change: `client`, `system`, an admin's or staff member's name."""
    to: BookingStatus
    source: BookingStatus | None = None


INITIAL_STATUS_BY_NEED = {
    (False, False): BookingStatus.CONFIRMED,
    (True, False): BookingStatus.PENDING,
    (False, True): BookingStatus.PENDING_PAYMENT,
    (True, True): BookingStatus.PENDING_PAYMENT,
}


def initial_status(needs_client_confirmation: bool, needs_deposit: bool) -> BookingStatus:
    """A deposit comes first: paying is itself the client's confirmation."""
    return INITIAL_STATUS_BY_NEED[(needs_client_confirmation, needs_deposit)]


PAYMENT_HOLD = timedelta(minutes=30)
"""An unpaid deposit booking holds its slot this long, then expires."""


def hold_expiry(status: BookingStatus, now: datetime, confirmation_hours: int) -> datetime | None:
    """Until when a booking waiting for the client holds its slot."""
    if status is BookingStatus.PENDING_PAYMENT:
        return now + PAYMENT_HOLD
    if status is BookingStatus.PENDING:
        return now + timedelta(hours=confirmation_hours)
    return None


@dataclass(frozen=True)
class Customer:
    name: str
    email: str
    phone: str = ""

    @property
    def key(self) -> str:
        """Customer document id: one profile per e-mail address and site."""
        return hashlib.sha256(self.email.strip().lower().encode()).hexdigest()[:32]


@dataclass(frozen=True)
class AnonymousCustomer(Customer):
    """A client booked at the desk (a walk-in, a caller) who left no e-mail
    address gets a profile of their own, never merged with other anonymous
    clients."""

    booking_id: str = ""

    @property
    def key(self) -> str:
        return f"walk-in-{self.booking_id}"


def desk_customer(name: str, email: str, phone: str, booking_id: str) -> Customer:
    """The client of a booking made at the desk: by e-mail address when there
    is one, else a profile of its own."""
    if email:
        return Customer(name=name, email=email, phone=phone)
    return AnonymousCustomer(name=name, email="", phone=phone, booking_id=booking_id)


@dataclass(frozen=True)
class TermsAcceptance:
    accepted_at: datetime
    version: str
    text: str
    url: str


def validate_answers(questions: tuple[IntakeQuestion, ...], answers: Mapping[str, str]) -> dict[str, str]:
    """The client's intake answers, checked against the service's questions."""
    known = {question.id: question for question in questions}
    for question_id in answers:
        if question_id not in known:
            raise InvalidInput(f"answers.{question_id}", "is not a question of this service")
    cleaned = {}
    for question in questions:
        answer = (answers.get(question.id) or "").strip()
        if not answer:
            if question.required:
                raise InvalidInput(f"answers.{question.id}", "is required")
            continue
        if question.kind is QuestionKind.CHOICE and answer not in question.options:
            raise InvalidInput(f"answers.{question.id}", "must be one of the offered choices")
        cleaned[question.id] = answer
    return cleaned
