"""Bookings an admin makes for a client: a phone call, a client at the desk.

The same engine re-checks the time as for an online booking, and the same
locks claim it (`booking_store.claim`), so an admin never books over another
booking. What the public rules hold back is lifted: the admin may book
beyond the site's horizon and within its minimum notice, on any 5-minute
step inside the opening hours. The booking is confirmed at once, without a
deposit (the client pays at the desk) and without client confirmation.
"""

from __future__ import annotations

import dataclasses
import secrets
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from booking.adapters import booking_store, site_store
from booking.domain import tokens
from booking.domain.availability import AvailabilityRequest, Slot, find_slot
from booking.domain.booking import desk_customer
from booking.domain.errors import InvalidInput, SlotUnavailable
from booking.domain.model import GRANULE_MINUTES, BookingSource, BookingStatus, StaffMember
from booking.domain.record import BookingRecord, new_booking
from booking.services.public_booking import availability_request, days_window

LATEST_DAY = timedelta(days=366)
"""How far ahead an admin may book, whatever the site's public horizon."""


@dataclass(frozen=True)
class DeskBooking:
    site_id: str
    service_id: str
    day: date
    start: time
    """Local date and time in the branch's (or site's) zone."""
    name: str
    email: str = ""
    """Empty for a client without e-mail: no confirmation is sent."""
    phone: str = ""
    branch_id: str | None = None
    staff_id: str | None = None
    """None: the least busy staff member free at that time."""
    notes: str = ""


def _start(request: DeskBooking, zone: ZoneInfo, now: datetime) -> datetime:
    if request.start.minute % GRANULE_MINUTES or request.start.second or request.start.microsecond:
        raise InvalidInput("time", f"must be on a {GRANULE_MINUTES}-minute step")
    today = now.astimezone(zone).date()
    if request.day > today + LATEST_DAY:
        raise InvalidInput("date", "is more than a year ahead")
    start = datetime.combine(request.day, request.start, zone)
    if start < now:
        raise InvalidInput("time", "has passed")
    return start


def _desk_rules(availability: AvailabilityRequest) -> AvailabilityRequest:
    """The engine's request without the public horizon and minimum notice,
    stepping every 5 minutes."""
    settings = dataclasses.replace(
        availability.settings,
        horizon_days=LATEST_DAY.days + 1,
        min_notice_minutes=0,
        slot_interval_minutes=GRANULE_MINUTES,
    )
    return dataclasses.replace(availability, settings=settings)


def _free_slot(availability: AvailabilityRequest, start: datetime, staff: StaffMember | None) -> Slot:
    """The free slot at `start`, or SlotUnavailable saying why not: another
    booking, or no working hours at that time."""
    slot = find_slot(availability, start)
    if slot is not None:
        return slot
    service = availability.service.name
    if find_slot(dataclasses.replace(availability, busy=()), start) is not None:
        raise SlotUnavailable(
            f"{staff.name} already has a booking at that time"
            if staff
            else f"Everyone who offers {service} is booked at that time"
        )
    hours = f"{staff.name}'s working hours" if staff else f"the hours of {service}"
    raise SlotUnavailable(f"That time is outside {hours}")


def create_desk_booking(request: DeskBooking, by: str, now: datetime) -> BookingRecord:
    """Book it, confirmed; SlotUnavailable when the time is taken or closed,
    NotFound/InvalidInput for unknown services, staff or bad times."""
    # Imported here, not at module load: only bookings made at the desk need
    # the e-mail here, and every cold start pays for what `main` loads.
    from booking.services.email import notifications

    window = days_window(request.day, request.day)
    catalog, busy = site_store.load_with_busy(request.site_id, request.staff_id, *window)
    service = catalog.desk_service(request.service_id)
    branch = catalog.branch(request.branch_id)
    staff = catalog.staff_member(request.staff_id) if request.staff_id else None
    if staff is not None and branch is not None and staff.branch_id not in (branch.id, None):
        raise InvalidInput("staffId", f"{staff.name} works at another branch")
    if staff is not None and service.id not in staff.service_ids:
        raise InvalidInput("staffId", f"{staff.name} doesn't offer {service.name}")
    timezone = catalog.timezone_of(branch)
    start = _start(request, ZoneInfo(timezone), now)
    availability = _desk_rules(
        availability_request(catalog, busy, service, branch, request.staff_id, request.day, request.day, now)
    )
    slot = _free_slot(availability, start, staff)
    candidates: list[str | None] = list(slot.staff_ids) or [None]
    busy_count = {staff_id: sum(1 for b in availability.busy if b.staff_id == staff_id) for staff_id in candidates}
    candidates.sort(key=lambda staff_id: (busy_count[staff_id], staff_id or ""))
    staff_by_id = {member.id: member for member in catalog.staff}
    token = tokens.issue(slot.end)
    booking_id = secrets.token_hex(10)
    customer = desk_customer(request.name, request.email, request.phone, booking_id)
    for staff_id in candidates:
        booking = new_booking(
            booking_id=booking_id,
            site_id=request.site_id,
            branch_id=branch.id if branch else None,
            service=service,
            staff=staff_by_id[staff_id] if staff_id else None,
            start=slot.start,
            end=slot.end,
            timezone=timezone,
            customer=customer,
            status=BookingStatus.CONFIRMED,
            now=now,
            manage_token_hash=token.digest,
            buffer_minutes=catalog.site.settings.buffer_minutes,
            source=BookingSource.ADMIN,
            created_by=by,
            notes=request.notes,
        )
        email = notifications.new_booking_email(catalog.site, branch, booking, token.raw, now)
        try:
            booking_store.claim(booking, email.entry if email else None)
        except booking_store.SlotTaken:
            continue
        notifications.booking_stored(request.site_id, email, now)
        from booking.services.calendar_sync import push as calendar_push

        calendar_push.booking_changed(booking, now)
        return booking
    raise SlotUnavailable("That time was booked by someone else a moment ago: choose another time")
