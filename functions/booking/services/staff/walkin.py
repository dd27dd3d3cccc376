"""Walk-ins: the client is at the desk, so the booking is made at once.

None of the online rules apply (opening hours, notice, horizon, deposits,
intake questions, client confirmation), but the time is still claimed with
the same locks as any booking: a walk-in never silently overlaps another
booking of the same staff member; the desk sees the conflict instead.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from booking.adapters import booking_store, site_store
from booking.domain.booking import desk_customer, hash_token
from booking.domain.errors import InvalidInput, SlotUnavailable
from booking.domain.model import GRANULE_MINUTES, BookingSource, BookingStatus
from booking.domain.record import BookingRecord, new_booking
from booking.services.staff.agenda import staff_branch
from booking.services.staff.session import StaffSession

LATEST_DAY = timedelta(days=366)
DEFAULT_NAME = "Walk-in"


@dataclass(frozen=True)
class WalkIn:
    service_id: str
    day: date
    start: time
    staff_id: str | None = None
    """Who serves the client; the signed-in staff member when left out."""
    branch_id: str | None = None
    name: str = ""
    email: str = ""
    phone: str = ""
    notes: str = ""


def _start(request: WalkIn, zone: ZoneInfo, now: datetime) -> datetime:
    if request.start.minute % GRANULE_MINUTES or request.start.second or request.start.microsecond:
        raise InvalidInput("time", f"must be on a {GRANULE_MINUTES}-minute step")
    today = now.astimezone(zone).date()
    if request.day < today:
        raise InvalidInput("date", "must be today or later")
    if request.day > today + LATEST_DAY:
        raise InvalidInput("date", "is too far ahead")
    return datetime.combine(request.day, request.start, zone)


def create_walk_in(session: StaffSession, request: WalkIn, now: datetime) -> BookingRecord:
    """Book it now, or raise SlotUnavailable when the staff member's time is
    taken; NotFound/InvalidInput for unknown services or staff."""
    # Imported here, not at module load: only a walk-in needs the e-mail, and
    # every cold start of every function pays for what `main` loads.
    from booking.services.email import notifications

    catalog = site_store.load_catalog(session.site_id)
    branch = staff_branch(catalog, session, request.branch_id)
    service = catalog.desk_service(request.service_id)
    staff = catalog.staff_member(request.staff_id or session.staff_id)
    branch_id = branch.id if branch else None
    if staff.branch_id not in (branch_id, None):
        raise InvalidInput("staffId", "works at another branch")
    if service.id not in staff.service_ids:
        raise InvalidInput("staffId", f"{staff.name} doesn't offer {service.name}")
    timezone = catalog.timezone_of(branch)
    start = _start(request, ZoneInfo(timezone), now)
    booking_id = secrets.token_hex(10)
    token = secrets.token_urlsafe(32)
    name = request.name or DEFAULT_NAME
    customer = desk_customer(name, request.email, request.phone, booking_id)
    booking = new_booking(
        booking_id=booking_id,
        site_id=session.site_id,
        branch_id=branch_id,
        service=service,
        staff=staff,
        start=start,
        end=start + timedelta(minutes=service.duration_minutes),
        timezone=timezone,
        customer=customer,
        status=BookingStatus.CONFIRMED,
        now=now,
        manage_token_hash=hash_token(token),
        buffer_minutes=catalog.site.settings.buffer_minutes,
        source=BookingSource.WALK_IN,
        created_by=session.name,
        notes=request.notes,
    )
    email = notifications.new_booking_email(catalog.site, branch, booking, token, now)
    try:
        booking_store.claim(booking, email.entry if email else None)
    except booking_store.SlotTaken as error:
        raise SlotUnavailable(f"{staff.name} already has a booking at that time") from error
    notifications.booking_stored(session.site_id, email, now)
    from booking.services.calendar_sync import push as calendar_push

    calendar_push.booking_changed(booking, now)
    return booking
