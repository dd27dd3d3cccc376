"""Bookings for admins: a paged list with filters, the full record, and
confirming or cancelling through the same status change as everyone else.

The list is one indexed query per page, ordered by start, continued from
the last booking of the previous page (a Firestore cursor, never an
offset), so a page costs the same on a site with ten or ten thousand
bookings.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from google.cloud.firestore_v1.base_query import FieldFilter

from booking.adapters.firestore_client import site_ref
from booking.domain.errors import InvalidInput, NotFound
from booking.domain.transitions import Action
from booking.services import booking_actions
from booking.services.admin.settings import plain

SUMMARY_FIELDS = [
    "start",
    "end",
    "date",
    "timezone",
    "status",
    "source",
    "service",
    "serviceId",
    "staffId",
    "staffName",
    "branchId",
    "customer",
]
PRIVATE_FIELDS = ("manageTokenHash", "lockIds")
"""Secrets and internals the admin pages have no use for."""


@dataclass(frozen=True)
class BookingQuery:
    site_id: str
    first_day: date | None = None
    last_day: date | None = None
    """Local dates in the site's zone, both included."""
    status: str | None = None
    branch_id: str | None = None
    staff_id: str | None = None
    page_size: int = 25
    cursor: str | None = None
    """Id of the last booking of the previous page."""


def _site_zone(site_id: str) -> ZoneInfo:
    snapshot = site_ref(site_id).get(field_paths=["timezone"])
    if not snapshot.exists:
        raise NotFound("Site not found")
    return ZoneInfo((snapshot.to_dict() or {}).get("timezone") or "UTC")


def list_bookings(query: BookingQuery) -> dict[str, Any]:
    zone = _site_zone(query.site_id)
    bookings = site_ref(query.site_id).collection("bookings")
    q: Any = bookings
    for field, value in (("status", query.status), ("branchId", query.branch_id), ("staffId", query.staff_id)):
        if value is not None:
            q = q.where(filter=FieldFilter(field, "==", value))
    if query.first_day is not None:
        q = q.where(filter=FieldFilter("start", ">=", datetime.combine(query.first_day, time(), zone)))
    if query.last_day is not None:
        after = datetime.combine(query.last_day + timedelta(days=1), time(), zone)
        q = q.where(filter=FieldFilter("start", "<", after))
    q = q.order_by("start").limit(query.page_size + 1)
    if query.cursor is not None:
        last = bookings.document(query.cursor).get()
        if not last.exists:
            raise InvalidInput("cursor", "is not a booking of this site")
        q = q.start_after(last)
    snapshots = list(q.select(SUMMARY_FIELDS).stream())
    page = snapshots[: query.page_size]
    return {
        "bookings": [summary(snapshot.id, snapshot.to_dict() or {}) for snapshot in page],
        "nextCursor": page[-1].id if len(snapshots) > query.page_size else None,
    }


def summary(booking_id: str, doc: Mapping[str, Any]) -> dict[str, Any]:
    service, customer = doc.get("service") or {}, doc.get("customer") or {}
    return plain(
        {
            "id": booking_id,
            "start": doc.get("start"),
            "end": doc.get("end"),
            "date": doc.get("date"),
            "timezone": doc.get("timezone"),
            "status": doc.get("status"),
            "source": doc.get("source"),
            "serviceId": doc.get("serviceId"),
            "serviceName": service.get("name", ""),
            "staffId": doc.get("staffId"),
            "staffName": doc.get("staffName"),
            "branchId": doc.get("branchId"),
            "customer": {key: customer.get(key, "") for key in ("name", "email", "phone")},
        }
    )


def get_booking(site_id: str, booking_id: str) -> dict[str, Any]:
    """Everything stored with the booking except its secrets."""
    snapshot = site_ref(site_id).collection("bookings").document(booking_id).get()
    if not snapshot.exists:
        raise NotFound("Booking not found")
    doc = {key: value for key, value in (snapshot.to_dict() or {}).items() if key not in PRIVATE_FIELDS}
    return plain({**doc, "id": booking_id})


def change_status(site_id: str, booking_id: str, action: str, by: str, now: datetime) -> dict[str, Any]:
    """Confirm or cancel; cancelling releases the time locks in the same
    transaction, so the slot is bookable again the moment this returns."""
    booking_actions.apply(site_id, booking_id, Action(action), by, now)
    return get_booking(site_id, booking_id)
