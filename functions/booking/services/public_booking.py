"""The visitor's use cases: configuration, free slots, booking, cancelling."""

from __future__ import annotations

import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from booking.adapters import booking_store, site_store
from booking.domain import client_changes, tokens
from booking.domain.availability import AvailabilityRequest, Day, available_days, find_slot, last_bookable_day
from booking.domain.booking import Customer, TermsAcceptance, hold_expiry, initial_status, validate_answers
from booking.domain.catalog import Catalog
from booking.domain.errors import AccessDenied, InvalidInput, NotFound, SlotUnavailable
from booking.domain.model import BookingSource, BookingStatus, Busy, Service
from booking.domain.record import BookingRecord, DepositPayment, TokenPurpose, new_booking
from booking.domain.site import Branch
from booking.domain.transitions import Action
from booking.services import booking_actions

CLIENT_CANCELLABLE = (BookingStatus.PENDING, BookingStatus.PENDING_PAYMENT, BookingStatus.CONFIRMED)


@dataclass(frozen=True)
class SlotQuery:
    site_id: str
    service_id: str
    branch_id: str | None
    staff_id: str | None
    first_day: date
    last_day: date


@dataclass(frozen=True)
class BookingRequest:
    site_id: str
    service_id: str
    branch_id: str | None
    staff_id: str | None
    start: datetime
    customer: Customer
    notes: str = ""
    answers: dict[str, str] | None = None
    marketing_opt_in: bool = False
    terms_accepted: bool = False
    return_url: str | None = None
    """The page the widget sits on: the payment result page links back to it."""


def days_window(first_day: date, last_day: date) -> tuple[datetime, datetime]:
    """UTC bounds that hold these local days in any time zone, widened by a
    day for midnight-crossing ranges; read before the site's zone is known."""
    start = datetime.combine(first_day - timedelta(days=2), time(), UTC)
    return start, datetime.combine(last_day + timedelta(days=3), time(), UTC)


def availability_request(
    catalog: Catalog,
    busy: Sequence[Busy],
    service: Service,
    branch: Branch | None,
    staff_id: str | None,
    first_day: date,
    last_day: date,
    now: datetime,
) -> AvailabilityRequest:
    timezone = catalog.timezone_of(branch)
    return AvailabilityRequest(
        timezone=timezone,
        hours=catalog.location_hours(branch),
        service=service,
        staff=catalog.staff,
        busy=busy,
        settings=catalog.site.settings,
        now=now,
        first_day=first_day,
        last_day=last_day,
        branch_id=branch.id if branch else None,
        staff_id=staff_id,
    )


@dataclass(frozen=True)
class FreeDays:
    timezone: str
    days: tuple[Day, ...]
    last_bookable_day: date
    """The horizon's end: pages past it need not be asked for."""


@dataclass(frozen=True)
class BookingMade:
    booking: BookingRecord
    manage_token: str
    """The raw token, shown once: only its digest is stored."""
    payment: DepositPayment | None = None
    """The deposit's Checkout Session, when one is due."""


def available_slots(query: SlotQuery, now: datetime) -> FreeDays:
    window = days_window(query.first_day, query.last_day)
    catalog, busy = site_store.load_with_busy(query.site_id, query.staff_id, *window)
    service = catalog.service(query.service_id)
    branch = catalog.branch(query.branch_id)
    if query.staff_id:
        catalog.staff_member(query.staff_id)
    request = availability_request(catalog, busy, service, branch, query.staff_id, query.first_day, query.last_day, now)
    return FreeDays(request.timezone, tuple(available_days(request)), last_bookable_day(request))


def create_booking(request: BookingRequest, now: datetime, admit: Callable[[], None] = lambda: None) -> BookingMade:
    """Re-check the slot with the engine, then claim it atomically.

    `admit` (the rate limit) runs once the request is known to be valid, so
    bad input writes nothing at all. Without a chosen staff member, the free
    ones are tried in turn, least busy first, so a lost race on one still
    books another when one is free.
    """
    # Imported here, not at module load: only a booking needs the e-mail and
    # the checkout, and every cold start pays for what `main` loads.
    from booking.services.email import notifications
    from booking.services.payments import checkout

    utc_day = request.start.astimezone(UTC).date()
    catalog, busy = site_store.load_with_busy(request.site_id, request.staff_id, *days_window(utc_day, utc_day))
    service = catalog.service(request.service_id)
    branch = catalog.branch(request.branch_id)
    if request.staff_id:
        catalog.staff_member(request.staff_id)
    answers = validate_answers(service.intake_questions, request.answers or {})
    terms = catalog.site.terms
    if terms.required and not request.terms_accepted:
        raise InvalidInput("termsAccepted", "the terms and conditions must be accepted")
    admit()
    timezone = catalog.timezone_of(branch)
    local_day = request.start.astimezone(ZoneInfo(timezone)).date()
    availability = availability_request(catalog, busy, service, branch, request.staff_id, local_day, local_day, now)
    slot = find_slot(availability, request.start)
    if slot is None:
        raise SlotUnavailable()
    candidates: list[str | None] = list(slot.staff_ids) or [None]
    busy_count = {staff_id: sum(1 for b in availability.busy if b.staff_id == staff_id) for staff_id in candidates}
    candidates.sort(key=lambda staff_id: (busy_count[staff_id], staff_id or ""))
    policy = catalog.policy(branch)
    status = initial_status(policy.client_confirmation, bool(service.deposit_cents))
    ends = slot.end.astimezone(UTC)
    token = tokens.issue(ends)
    # The e-mail carries a token of its own: only the inbox has it, so it proves
    # the address (double opt-in confirms with it; it verifies marketing consent).
    proof = tokens.issue(ends)
    proof_use = TokenPurpose.CONFIRM if status is BookingStatus.PENDING else TokenPurpose.MANAGE
    staff_by_id = {member.id: member for member in catalog.staff}
    for staff_id in candidates:
        booking = new_booking(
            booking_id=secrets.token_hex(10),
            site_id=request.site_id,
            branch_id=branch.id if branch else None,
            service=service,
            staff=staff_by_id[staff_id] if staff_id else None,
            start=slot.start,
            end=slot.end,
            timezone=timezone,
            customer=request.customer,
            status=status,
            now=now,
            manage_token_hash=token.digest,
            buffer_minutes=catalog.site.settings.buffer_minutes,
            source=BookingSource.ONLINE,
            hold_expires_at=hold_expiry(status, now, policy.confirmation_expiry_hours),
            notes=request.notes,
            answers=answers,
            marketing_opt_in=request.marketing_opt_in,
            terms=TermsAcceptance(now, terms.version, terms.text, terms.url) if request.terms_accepted else None,
            deposit_cents=service.deposit_cents,
            later_tokens={proof.digest: proof.entry(now, proof_use)},
        )
        email = notifications.new_booking_email(catalog.site, branch, booking, proof.raw, now)
        try:
            booking_store.claim(booking, email.entry if email else None)
        except booking_store.SlotTaken:
            continue
        notifications.booking_stored(request.site_id, email, now)
        from booking.services.calendar_sync import push as calendar_push

        calendar_push.booking_changed(booking, now)
        payment = None
        if booking.status is BookingStatus.PENDING_PAYMENT:
            # After the claim committed, outside any transaction; releases the slot if Stripe fails.
            payment = checkout.start_checkout(catalog.site, booking, now, token.raw, request.return_url)
        return BookingMade(booking, token.raw, payment)
    raise SlotUnavailable()


def cancel_booking(site_id: str, booking_id: str, token: str, now: datetime) -> BookingRecord:
    """The visitor cancels with any valid token of the booking, whatever its
    purpose (the token is used up), before the start and the site's cutoff;
    the time is free at once, and an unpaid deposit can't be paid any more."""
    cutoff = site_store.active_site_settings(site_id).change_cutoff_hours

    def require_cancellable(booking: BookingRecord) -> None:
        require_client_cancellable(booking)
        client_changes.require_changeable(booking.start, cutoff, now)

    try:
        return booking_actions.apply(
            site_id, booking_id, Action.CANCEL, "client", now, check=require_cancellable, token=token
        )
    except NotFound as error:
        # An unknown booking answers like a wrong token: ids are not an oracle.
        raise AccessDenied("This link is not valid") from error


def require_client_cancellable(booking: BookingRecord) -> None:
    if booking.status not in CLIENT_CANCELLABLE:
        raise AccessDenied("This booking can no longer be changed")
