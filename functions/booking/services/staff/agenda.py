"""The desk's view of a day: every booking of the branch, whatever its status,
with what staff may do with each."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from booking.adapters import booking_queries, site_store
from booking.domain.catalog import Catalog
from booking.domain.errors import AccessDenied
from booking.domain.model import Service, StaffMember
from booking.domain.record import BookingRecord
from booking.domain.site import Branch, Site
from booking.domain.transitions import TRANSITIONS, Action
from booking.services.staff.session import StaffSession

STAFF_ACTIONS = (
    Action.CONFIRM,
    Action.COMPLETE,
    Action.NO_SHOW,
    Action.OVERRULE_NO_SHOW,
    Action.REOPEN,
    Action.CANCEL,
)


def staff_branch(catalog: Catalog, session: StaffSession, branch_id: str | None) -> Branch | None:
    """Staff of a branch work in their branch; staff without one pick any."""
    if session.branch_id:
        if branch_id and branch_id != session.branch_id:
            raise AccessDenied("You can only see your own branch")
        return catalog.branch(session.branch_id)
    return catalog.branch(branch_id)


def branch_choice(catalog: Catalog, session: StaffSession) -> tuple[Branch, ...]:
    """The branches the desk can switch between: only staff without a branch
    of their own, and only where there is more than one."""
    branches = catalog.active_branches
    return () if session.branch_id or len(branches) < 2 else branches


def allowed_actions(booking: BookingRecord, now: datetime) -> list[str]:
    """What the desk may do with the booking now: a no-show only once it has
    begun, a check-out only from its day on (a client may come early, but
    nobody is checked out of next week's appointment)."""
    today = now.astimezone(ZoneInfo(booking.timezone)).date().isoformat()
    return [
        action.value
        for action in STAFF_ACTIONS
        if booking.status in TRANSITIONS[action].sources
        and (not TRANSITIONS[action].once_begun or booking.start <= now)
        and (action is not Action.COMPLETE or booking.local_date <= today)
    ]


def earlier_no_shows(count: int, booking: BookingRecord) -> int:
    """The client's no-shows other than this booking: a booking marked a
    no-show is already in the customer's count."""
    return max(0, count - (1 if booking.no_show_counted else 0))


def intake(booking: BookingRecord, services: tuple[Service, ...]) -> tuple[tuple[str, str], ...]:
    """The booking's intake answers as (question, answer), in the service's
    order; an answer to a question deleted since keeps its id as question."""
    questions = next((service.intake_questions for service in services if service.id == booking.service_id), ())
    labels = {question.id: question.label for question in questions}
    order = [question.id for question in questions if question.id in booking.answers]
    order += [key for key in booking.answers if key not in labels]
    return tuple((labels.get(key, key), booking.answers[key]) for key in order)


@dataclass(frozen=True)
class DeskBooking:
    booking: BookingRecord
    no_shows: int
    """How many no-shows the client has had, this booking left out."""
    intake: tuple[tuple[str, str], ...] = ()
    """The intake answers with their questions: (question, answer)."""


@dataclass(frozen=True)
class Agenda:
    day: date
    now: datetime
    timezone: str
    """The zone of the desk's branch: the agenda's times are local to it."""
    site: Site
    branch: Branch | None
    branches: tuple[Branch, ...]
    """The branches the desk may switch to (see `branch_choice`)."""
    session: StaffSession
    staff: tuple[StaffMember, ...]
    """Active staff of the branch (and those of no branch)."""
    services: tuple[Service, ...]
    bookings: tuple[DeskBooking, ...]
    """By start, then staff name."""


def agenda(session: StaffSession, day: date | None, branch_id: str | None, now: datetime) -> Agenda:
    """The day at the desk's branch: its bookings, and who works there."""
    catalog = site_store.load_catalog(session.site_id)
    choice = branch_choice(catalog, session)
    if choice and branch_id is None:
        branch_id = choice[0].id  # until the desk picks another
    branch = staff_branch(catalog, session, branch_id)
    timezone = catalog.timezone_of(branch)
    day = day or now.astimezone(ZoneInfo(timezone)).date()
    found = booking_queries.on_day(session.site_id, day.isoformat(), branch.id if branch else None)
    no_shows = booking_queries.no_show_counts(session.site_id, {b.customer_id for b in found if b.customer_id})
    found.sort(key=lambda booking: (booking.start, booking.staff_name or ""))
    here = branch.id if branch else None
    return Agenda(
        day=day,
        now=now,
        timezone=timezone,
        site=catalog.site,
        branch=branch,
        branches=choice,
        session=session,
        staff=tuple(member for member in catalog.staff if member.active and member.branch_id in (here, None)),
        services=tuple(service for service in catalog.services if service.active),
        bookings=tuple(
            DeskBooking(
                booking,
                earlier_no_shows(no_shows.get(booking.customer_id, 0), booking),
                intake(booking, catalog.services),
            )
            for booking in found
        ),
    )
