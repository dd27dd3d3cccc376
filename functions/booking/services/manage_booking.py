"""The client's own booking, through the magic link: view, confirm, move.

Every call needs a valid token of the booking (see domain/tokens.py).
Viewing changes nothing; confirming and moving use the token up and hand
back a fresh one, so the page the client is on keeps working. Cancelling
is public_booking.cancel_booking.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from google.api_core import exceptions as gexc
from google.cloud import firestore

from booking.adapters import booking_store, calendars, site_store
from booking.adapters.firestore_client import db, site_ref
from booking.domain import tokens
from booking.domain.availability import find_slot
from booking.domain.booking import StatusChange, lock_ids
from booking.domain.errors import AccessDenied, Conflict, NotFound, SlotUnavailable
from booking.domain.model import BookingStatus
from booking.domain.transitions import Action
from booking.services import follow_ups
from booking.services.email import messages as emails
from booking.services.email import notifications
from booking.services.public_booking import CLIENT_CANCELLABLE, availability_request, days_window

MOVABLE = (BookingStatus.PENDING, BookingStatus.CONFIRMED)
"""Deposit bookings are tied to their payment and can't be moved by the client."""


def _booking(site_id: str, booking_id: str) -> dict[str, Any]:
    snapshot = site_ref(site_id).collection("bookings").document(booking_id).get()
    if not snapshot.exists:
        raise AccessDenied(tokens.INVALID)  # unknown ids answer like wrong tokens
    return snapshot.to_dict() or {}


def _iso(instant: datetime | None, zone: ZoneInfo) -> str | None:
    return instant.astimezone(zone).isoformat() if instant else None


def get_managed_booking(site_id: str, booking_id: str, token: str, now: datetime) -> dict[str, Any]:
    """What the manage page shows. Read-only: the token stays valid."""
    booking = _booking(site_id, booking_id)
    tokens.verify(booking, token, now)
    site = emails.site_mail(site_id, booking.get("branchId"))
    zone = ZoneInfo(booking.get("timezone") or "UTC")
    status = BookingStatus(booking["status"])
    upcoming = booking["start"] > now
    hold = booking.get("holdExpiresAt")
    service = booking.get("service") or {}
    return {
        "bookingId": booking_id,
        "status": status.value,
        "start": _iso(booking["start"], zone),
        "end": _iso(booking["end"], zone),
        "timezone": str(zone),
        "date": booking.get("date"),
        "service": {
            "id": booking.get("serviceId"),
            "name": service.get("name"),
            "durationMinutes": service.get("durationMinutes"),
            "priceCents": service.get("priceCents"),
        },
        "branchId": booking.get("branchId"),
        "location": site.location,
        "staff": {"id": booking["staffId"], "name": booking.get("staffName")} if booking.get("staffId") else None,
        "customerName": (booking.get("customer") or {}).get("name", ""),
        "site": {
            "id": site_id,
            "name": site.name,
            "locale": site.locale,
            "currency": site.currency,
            "accentColor": site.brand.accent,
            "phone": site.brand.phone,
        },
        "confirmBefore": _iso(hold, zone) if status is BookingStatus.PENDING else None,
        "canConfirm": status is BookingStatus.PENDING and upcoming and (hold is None or hold > now),
        "canCancel": status in CLIENT_CANCELLABLE and upcoming,
        "canReschedule": status in MOVABLE and upcoming and site.booking_enabled,
    }


def confirm_booking(site_id: str, booking_id: str, token: str, now: datetime) -> dict[str, Any]:
    """Double opt-in: the client confirms a pending booking before its hold runs out."""

    def decide(stored: dict[str, Any]) -> StatusChange:
        tokens.verify(stored, token, now)
        current = BookingStatus(stored["status"])
        if current is not BookingStatus.PENDING:
            raise Conflict("This booking does not need confirming")
        hold = stored.get("holdExpiresAt")
        if hold is not None and hold <= now:
            raise Conflict("The time to confirm this booking has passed")
        return StatusChange(at=now, by="client", to=BookingStatus.CONFIRMED, source=current)

    try:
        booking = booking_store.change_booking(
            site_id,
            booking_id,
            decide,
            release_locks=False,
            follow_up=Action.CONFIRM,
            extra={"holdExpiresAt": None, tokens.used_field(token): now},
        )
    except NotFound as error:
        raise AccessDenied(tokens.INVALID) from error
    fresh = emails.issue_token(site_id, booking_id, booking, now, "page")
    follow_ups.after_change(site_id, booking_id, Action.CONFIRM, booking)
    return {"bookingId": booking_id, "status": BookingStatus.CONFIRMED.value, "manageToken": fresh}


def reschedule_booking(site_id: str, booking_id: str, token: str, start: datetime, now: datetime) -> dict[str, Any]:
    """Move the booking to another free time of the same service and staff member.

    The new time is checked with the engine like a new booking, then its locks
    are claimed and the old ones released in one transaction: the booking
    never holds both times, nor neither.
    """
    before = _booking(site_id, booking_id)
    tokens.verify(before, token, now)
    _require_movable(before, now)
    staff_id: str | None = before.get("staffId")
    utc_day = start.astimezone(ZoneInfo("UTC")).date()
    catalog, busy = site_store.load_with_busy(site_id, staff_id, *days_window(utc_day, utc_day))
    service = catalog.service(before["serviceId"])
    branch = catalog.branch(before.get("branchId"))
    zone = ZoneInfo(catalog.timezone_of(branch))
    day = start.astimezone(zone).date()
    request = availability_request(catalog, busy, service, branch, staff_id, day, day, now)
    own = (before["start"].timestamp(), before["end"].timestamp(), staff_id)
    busy = tuple(b for b in request.busy if (b.start.timestamp(), b.end.timestamp(), b.staff_id) != own)
    slot = find_slot(dataclasses.replace(request, busy=busy), start)
    if slot is None or (staff_id and staff_id not in slot.staff_ids):
        raise SlotUnavailable()
    new_start, new_end = slot.start.astimezone(ZoneInfo("UTC")), slot.end.astimezone(ZoneInfo("UTC"))
    if new_start == before["start"]:
        raise Conflict("The booking is already at this time")
    buffer = catalog.site.settings.buffer_minutes
    fresh = tokens.issue(new_end)
    ref = site_ref(site_id).collection("bookings").document(booking_id)
    locks = site_ref(site_id).collection("locks")

    @firestore.transactional
    def move(transaction: firestore.Transaction) -> dict[str, Any]:
        snapshot = ref.get(transaction=transaction)
        stored = snapshot.to_dict() if snapshot.exists else None
        if stored is None:
            raise AccessDenied(tokens.INVALID)
        tokens.verify(stored, token, now)
        _require_movable(stored, now)
        if stored["start"] != before["start"] or stored.get("staffId") != staff_id:
            raise Conflict("The booking changed meanwhile; please reload")
        old_ids = set(stored.get("lockIds") or ())
        new_ids = lock_ids(staff_id, new_start, new_end, buffer)
        lock = booking_store.lock_doc(booking_id, staff_id, new_end)
        for lock_id in new_ids:
            if lock_id in old_ids:
                transaction.set(locks.document(lock_id), lock)
            else:
                transaction.create(locks.document(lock_id), lock)
        for lock_id in old_ids - set(new_ids):
            transaction.delete(locks.document(lock_id))
        moved = {**stored, "start": new_start, "end": new_end}
        calendars.remove(transaction, site_id, stored, booking_id)
        calendars.add(transaction, site_id, moved, booking_id)
        status = stored["status"]
        change = {
            "at": now,
            "by": "client",
            "from": status,
            "to": status,
            "action": "reschedule",
            "previousStart": stored["start"],
            "previousEnd": stored["end"],
        }
        update = {
            "start": new_start,
            "end": new_end,
            "date": slot.start.date().isoformat(),
            "lockIds": list(new_ids),
            "bufferMinutes": buffer,
            "statusHistory": firestore.ArrayUnion([change]),
            "rescheduledAt": now,
            "updatedAt": now,
            tokens.used_field(token): now,
            **tokens.moved_expiries(stored, new_end),
            tokens.entry_field(fresh.digest): fresh.entry(now, "page"),
        }
        transaction.update(ref, update)
        history = [*(stored.get("statusHistory") or []), change]
        return {**moved, "date": update["date"], "statusHistory": history}

    try:
        booking: dict[str, Any] = move(db().transaction())
    except (gexc.AlreadyExists, gexc.Conflict, gexc.FailedPrecondition) as error:
        raise SlotUnavailable() from error
    notifications.booking_rescheduled(site_id, booking_id, booking, (before["start"], before["end"]))
    return {
        "bookingId": booking_id,
        "status": booking["status"],
        "start": slot.start.isoformat(),
        "end": slot.end.isoformat(),
        "staffId": staff_id,
        "manageToken": fresh.raw,
    }


def _require_movable(booking: dict[str, Any], now: datetime) -> None:
    if BookingStatus(booking["status"]) not in MOVABLE:
        raise Conflict("This booking can't be moved")
    if booking["start"] <= now:
        raise Conflict("This booking has already started")
