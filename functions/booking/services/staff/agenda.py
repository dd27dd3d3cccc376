"""The desk's view of a day: every booking of the branch, whatever its status,
with what staff may do with each."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from google.cloud.firestore_v1.base_query import FieldFilter

from booking.adapters import site_store
from booking.adapters.firestore_client import db, site_ref
from booking.domain.catalog import Catalog
from booking.domain.errors import AccessDenied
from booking.domain.model import BookingStatus
from booking.domain.site import Branch
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


def allowed_actions(status: BookingStatus) -> list[str]:
    return [action.value for action in STAFF_ACTIONS if status in TRANSITIONS[action].sources]


def _local(instant: datetime, zone: ZoneInfo) -> datetime:
    return instant.astimezone(zone)


def booking_view(booking_id: str, doc: dict[str, Any], zone: ZoneInfo, no_shows: int = 0) -> dict[str, Any]:
    start, end = _local(doc["start"], zone), _local(doc["end"], zone)
    status = BookingStatus(doc["status"])
    customer = doc.get("customer") or {}
    return {
        "id": booking_id,
        "start": start.isoformat(),
        "end": end.isoformat(),
        "time": start.strftime("%H:%M"),
        "endTime": end.strftime("%H:%M"),
        "status": status.value,
        "source": doc.get("source", "online"),
        "service": {"id": doc.get("serviceId"), "name": (doc.get("service") or {}).get("name", "")},
        "staffId": doc.get("staffId"),
        "staffName": doc.get("staffName"),
        "customer": {
            "name": customer.get("name", ""),
            "email": customer.get("email", ""),
            "phone": customer.get("phone", ""),
            "noShows": no_shows,
        },
        "notes": doc.get("notes", ""),
        "answers": doc.get("answers") or {},
        "history": [
            {
                "at": _local(change["at"], zone).isoformat(),
                "by": change["by"],
                "from": change["from"],
                "to": change["to"],
            }
            for change in doc.get("statusHistory") or ()
        ],
        "actions": allowed_actions(status),
    }


def _no_show_counts(site_id: str, customer_ids: set[str]) -> dict[str, int]:
    if not customer_ids:
        return {}
    customers = site_ref(site_id).collection("customers")
    refs = [customers.document(customer_id) for customer_id in sorted(customer_ids)]
    return {
        snapshot.id: int((snapshot.to_dict() or {}).get("noShowCount", 0))
        for snapshot in db().get_all(refs, field_paths=["noShowCount"])
        if snapshot.exists
    }


def agenda(session: StaffSession, day: date | None, branch_id: str | None, now: datetime) -> dict[str, Any]:
    """The day at the desk's branch: its bookings, and who works there.
    `branches` lists the ones the desk may switch to (see `branch_choice`)."""
    catalog = site_store.load_catalog(session.site_id)
    choice = branch_choice(catalog, session)
    if choice and branch_id is None:
        branch_id = choice[0].id  # until the desk picks another
    branch = staff_branch(catalog, session, branch_id)
    timezone = catalog.timezone_of(branch)
    zone = ZoneInfo(timezone)
    day = day or now.astimezone(zone).date()
    query = site_ref(session.site_id).collection("bookings").where(filter=FieldFilter("date", "==", day.isoformat()))
    if branch is not None:
        query = query.where(filter=FieldFilter("branchId", "==", branch.id))
    docs = {snapshot.id: snapshot.to_dict() or {} for snapshot in query.stream()}
    no_shows = _no_show_counts(session.site_id, {doc["customerId"] for doc in docs.values() if doc.get("customerId")})
    bookings = [
        booking_view(booking_id, doc, zone, no_shows.get(doc.get("customerId") or "", 0))
        for booking_id, doc in docs.items()
    ]
    bookings.sort(key=lambda item: (item["start"], item["staffName"] or ""))
    branch_id = branch.id if branch else None
    staff = [member for member in catalog.staff if member.active and member.branch_id in (branch_id, None)]
    services = [service for service in catalog.services if service.active]
    return {
        "date": day.isoformat(),
        "today": now.astimezone(zone).date().isoformat(),
        "now": now.astimezone(zone).isoformat(),
        "timezone": timezone,
        "site": {"id": catalog.site.id, "name": catalog.site.name},
        "branch": {"id": branch.id, "name": branch.name} if branch else None,
        "branches": [{"id": option.id, "name": option.name} for option in choice],
        "me": {"id": session.staff_id, "name": session.name, "sessionExpiresAt": session.expires_at.isoformat()},
        "staff": [{"id": m.id, "name": m.name, "serviceIds": sorted(m.service_ids)} for m in staff],
        "services": [{"id": s.id, "name": s.name, "durationMinutes": s.duration_minutes} for s in services],
        "bookings": bookings,
    }
