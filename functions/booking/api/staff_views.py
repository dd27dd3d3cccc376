"""The JSON the staff app gets. Times are local to the desk's branch, as
ISO 8601 with the offset, plus HH:MM for the agenda's rows."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from booking.domain.record import BookingRecord
from booking.services.staff.agenda import Agenda, allowed_actions


def booking_view(booking: BookingRecord, zone: ZoneInfo, now: datetime, no_shows: int = 0) -> dict[str, Any]:
    """One booking at the desk, with what staff may do with it."""
    start, end = booking.start.astimezone(zone), booking.end.astimezone(zone)
    customer = booking.customer
    return {
        "id": booking.id,
        "start": start.isoformat(),
        "end": end.isoformat(),
        "time": start.strftime("%H:%M"),
        "endTime": end.strftime("%H:%M"),
        "status": booking.status.value,
        "source": booking.source,
        "service": {"id": booking.service_id, "name": booking.service.name},
        "staffId": booking.staff_id,
        "staffName": booking.staff_name,
        "customer": {"name": customer.name, "email": customer.email, "phone": customer.phone, "noShows": no_shows},
        "notes": booking.notes,
        "answers": dict(booking.answers),
        "history": [
            {
                "at": entry.at.astimezone(zone).isoformat(),
                "by": entry.by,
                "from": entry.source.value if entry.source else None,
                "to": entry.to.value,
            }
            for entry in booking.history
        ],
        "actions": allowed_actions(booking, now),
    }


def changed_booking(booking: BookingRecord, now: datetime) -> dict[str, Any]:
    """A booking the desk just made or changed, in its own zone."""
    return booking_view(booking, ZoneInfo(booking.timezone), now)


def agenda_view(agenda: Agenda) -> dict[str, Any]:
    zone = ZoneInfo(agenda.timezone)
    now = agenda.now.astimezone(zone)
    session, branch = agenda.session, agenda.branch
    return {
        "date": agenda.day.isoformat(),
        "today": now.date().isoformat(),
        "now": now.isoformat(),
        "timezone": agenda.timezone,
        "site": {"id": agenda.site.id, "name": agenda.site.name},
        "branch": {"id": branch.id, "name": branch.name} if branch else None,
        "branches": [{"id": option.id, "name": option.name} for option in agenda.branches],
        "me": {"id": session.staff_id, "name": session.name, "sessionExpiresAt": session.expires_at.isoformat()},
        "staff": [{"id": m.id, "name": m.name, "serviceIds": sorted(m.service_ids)} for m in agenda.staff],
        "services": [{"id": s.id, "name": s.name, "durationMinutes": s.duration_minutes} for s in agenda.services],
        "bookings": [booking_view(item.booking, zone, agenda.now, item.no_shows) for item in agenda.bookings],
    }
