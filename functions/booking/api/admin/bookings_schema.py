"""Validation of the Bookings page's input: the list's filters, status
changes and bookings made at the desk."""

from __future__ import annotations

from typing import Any

from booking.api.admin.schemas import MAX_PAGE_SIZE, ident, integer, obj, one_of, required_id, string
from booking.api.schemas import EMAIL_PATTERN, PHONE_PATTERN, local_date, local_time, matching
from booking.domain.errors import InvalidInput
from booking.domain.model import BookingSource, BookingStatus
from booking.domain.transitions import Action
from booking.services.admin.bookings import BookingQuery
from booking.services.admin.desk_booking import DeskBooking


def booking_query(data: Any) -> BookingQuery:
    data = obj(data, "", {"siteId"}, {"from", "to", "status", "branchId", "staffId", "source", "pageSize", "cursor"})
    first_day = local_date(data, "from") if data.get("from") is not None else None
    last_day = local_date(data, "to") if data.get("to") is not None else None
    if first_day and last_day and last_day < first_day:
        raise InvalidInput("to", "must not be before from")
    status = data.get("status")
    if status is not None and status not in {s.value for s in BookingStatus}:
        raise InvalidInput("status", f"must be one of {', '.join(s.value for s in BookingStatus)}")
    source = data.get("source")
    if source is not None and source not in {s.value for s in BookingSource}:
        raise InvalidInput("source", f"must be one of {', '.join(s.value for s in BookingSource)}")
    return BookingQuery(
        site_id=required_id(data, "siteId"),
        first_day=first_day,
        last_day=last_day,
        status=status,
        branch_id=ident(data, "branchId", optional=True),
        staff_id=ident(data, "staffId", optional=True),
        source=source,
        page_size=integer(data, "pageSize", "", 1, MAX_PAGE_SIZE) if data.get("pageSize") is not None else 25,
        cursor=ident(data, "cursor", optional=True),
    )


ADMIN_ACTIONS = tuple(action.value for action in Action if action is not Action.EXPIRE)
"""What admins may do to a booking: what staff may, plus confirm and cancel
(expiring a hold is the system's)."""


def status_change(data: Any) -> tuple[str, str, Action]:
    data = obj(data, "", {"siteId", "bookingId", "action"})
    action = one_of(data, "action", "", ADMIN_ACTIONS)
    return required_id(data, "siteId"), required_id(data, "bookingId"), Action(action)


def desk_booking(data: Any) -> DeskBooking:
    """`adminCreateBooking`: a local date and time in the branch's zone."""
    required = {"siteId", "serviceId", "date", "time", "name"}
    data = obj(data, "", required, {"branchId", "staffId", "email", "phone", "notes"})
    return DeskBooking(
        site_id=required_id(data, "siteId"),
        service_id=required_id(data, "serviceId"),
        day=local_date(data, "date"),
        start=local_time(data, "time"),
        name=string(data, "name", 100, required=True),
        email=matching(data, "email", 254, EMAIL_PATTERN, "must be a valid e-mail address"),
        phone=matching(data, "phone", 32, PHONE_PATTERN, "must be a phone number of digits, spaces and + - ( ) . /"),
        branch_id=ident(data, "branchId", optional=True),
        staff_id=ident(data, "staffId", optional=True),
        notes=string(data, "notes", 2000, multiline=True),
    )
