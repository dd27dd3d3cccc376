"""The JSON the staff app gets. Times are local to the desk's branch, as
ISO 8601 with the offset, plus HH:MM for the agenda's rows."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from booking.domain.record import BookingRecord, DepositStatus
from booking.services.staff.agenda import Agenda, allowed_actions

REFUNDED = (DepositStatus.REFUND_PENDING.value, DepositStatus.REFUNDED.value)


def deposit_view(booking: BookingRecord) -> dict[str, Any]:
    """`none` (no deposit asked: walk-ins pay at the desk), `unpaid`, `paid`
    or `refunded`, with the amount, so the desk knows what is still due."""
    payment = booking.payment
    cents = payment.deposit_cents if payment else booking.service.deposit_cents or 0
    if not cents:
        return {"state": "none", "amountCents": 0, "currency": None}
    status = payment.deposit_status if payment else DepositStatus.PENDING.value
    state = "paid" if status == DepositStatus.PAID.value else "refunded" if status in REFUNDED else "unpaid"
    return {"state": state, "amountCents": cents, "currency": payment.currency if payment else None}


def booking_view(
    booking: BookingRecord,
    zone: ZoneInfo,
    now: datetime,
    no_shows: int = 0,
    intake: tuple[tuple[str, str], ...] = (),
) -> dict[str, Any]:
    """One booking at the desk, with what staff may do with it. `no_shows`
    are the client's other no-shows; `intake` the answers with their questions."""
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
        "intake": [{"question": question, "answer": answer} for question, answer in intake],
        "deposit": deposit_view(booking),
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
        "site": {
            "id": agenda.site.id,
            "name": agenda.site.name,
            "locale": agenda.site.locale,
            "currency": agenda.site.currency,
        },
        "branch": {"id": branch.id, "name": branch.name} if branch else None,
        "branches": [{"id": option.id, "name": option.name} for option in agenda.branches],
        "me": {"id": session.staff_id, "name": session.name, "sessionExpiresAt": session.expires_at.isoformat()},
        "staff": [{"id": m.id, "name": m.name, "serviceIds": sorted(m.service_ids)} for m in agenda.staff],
        "services": [{"id": s.id, "name": s.name, "durationMinutes": s.duration_minutes} for s in agenda.services],
        "bookings": [
            booking_view(item.booking, zone, agenda.now, item.no_shows, item.intake) for item in agenda.bookings
        ],
    }
