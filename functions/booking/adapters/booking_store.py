"""Writes that claim and release time. A booking and the locks on its time
commit atomically, so two overlapping bookings can never both exist."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from google.api_core import exceptions as gexc
from google.cloud import firestore

from booking.adapters import calendars, email_outbox
from booking.adapters.firestore_client import Writer, db, site_ref
from booking.domain.booking import NewBooking, StatusChange
from booking.domain.errors import NotFound, SlotUnavailable
from booking.domain.model import BookingStatus
from booking.domain.transitions import Action

LOCK_RETENTION = timedelta(days=7)
"""Locks of past time are useless; a TTL policy on `expiresAt` removes them."""
FOLLOW_UP = "followUp"
"""The booking's mark of a status change whose follow-up work (e-mails,
payments, counts) is not done yet: see services/follow_ups.py."""


class SlotTaken(SlotUnavailable):
    """Another booking committed a lock on this time first."""


def booking_doc(booking: NewBooking) -> dict[str, Any]:
    terms = booking.terms
    return {
        "siteId": booking.site_id,
        "branchId": booking.branch_id,
        "serviceId": booking.service_id,
        "service": {
            "name": booking.service_name,
            "durationMinutes": booking.duration_minutes,
            "priceCents": booking.price_cents,
            "depositCents": booking.deposit_cents,
        },
        "staffId": booking.staff_id,
        "staffName": booking.staff_name,
        "start": booking.start,
        "end": booking.end,
        "date": booking.local_date,
        "timezone": booking.timezone,
        "customer": {"name": booking.customer.name, "email": booking.customer.email, "phone": booking.customer.phone},
        "customerId": booking.customer.key,
        "notes": booking.notes,
        "answers": booking.answers,
        "marketingOptIn": booking.marketing_opt_in,
        "terms": (
            {
                "accepted": True,
                "acceptedAt": terms.accepted_at,
                "version": terms.version,
                "text": terms.text,
                "url": terms.url,
            }
            if terms
            else {"accepted": False}
        ),
        "source": booking.source,
        "status": booking.status.value,
        "statusHistory": [StatusChange(booking.created_at, booking.created_by, booking.status).to_dict()],
        "createdBy": booking.created_by,
        "bufferMinutes": booking.buffer_minutes,
        "lockIds": list(booking.lock_ids),
        "manageTokenHash": booking.manage_token_hash,
        "manageTokenExpiresAt": booking.manage_token_expires_at,
        "holdExpiresAt": booking.hold_expires_at,
        "createdAt": booking.created_at,
        "updatedAt": booking.created_at,
    }


def lock_doc(booking_id: str, staff_id: str | None, end: datetime) -> dict[str, Any]:
    return {"bookingId": booking_id, "staffId": staff_id, "expiresAt": end + LOCK_RETENTION}


def claim_time(writer: Writer, site_id: str, booking_id: str, booking: dict[str, Any]) -> None:
    """Create the stored booking's locks and calendar entry in `writer`'s
    commit; the commit fails (SlotTaken for the caller) if any lock exists."""
    locks = site_ref(site_id).collection("locks")
    for lock_id in booking.get("lockIds") or ():
        writer.create(locks.document(lock_id), lock_doc(booking_id, booking.get("staffId"), booking["end"]))
    calendars.add(writer, site_id, booking, booking_id)


def release_time(writer: Writer, site_id: str, booking_id: str, booking: dict[str, Any]) -> None:
    """Delete the stored booking's locks and calendar entry in `writer`'s commit."""
    locks = site_ref(site_id).collection("locks")
    for lock_id in booking.get("lockIds") or ():
        writer.delete(locks.document(lock_id))
    calendars.remove(writer, site_id, booking, booking_id)


def claim(booking: NewBooking, email: email_outbox.Entry | None = None) -> None:
    """Create the locks, the booking, the customer update and the e-mail
    about it in one commit.

    A batch of create-if-absent writes needs no reads, so racing clients never
    wait on each other's locks: the first commit wins, the rest fail at once.
    """
    site = site_ref(booking.site_id)
    batch = db().batch()
    doc = booking_doc(booking)
    claim_time(batch, booking.site_id, booking.id, doc)
    batch.create(site.collection("bookings").document(booking.id), doc)
    if email is not None:
        email_outbox.create_in(batch, booking.site_id, email)
    customer = booking.customer
    batch.set(
        site.collection("customers").document(customer.key),
        {
            "email": customer.email,
            "name": customer.name,
            "phone": customer.phone,
            "marketingOptIn": booking.marketing_opt_in,
            "bookingCount": firestore.Increment(1),
            "lastBookingAt": booking.created_at,
            "updatedAt": booking.created_at,
        },
        merge=True,
    )
    try:
        batch.commit()
    except (gexc.AlreadyExists, gexc.Conflict, gexc.FailedPrecondition) as error:
        raise SlotTaken() from error


def follow_up_mark(action: Action, change: StatusChange) -> dict[str, Any]:
    return {"action": action.value, "at": change.at, "to": change.to.value}


def change_booking(
    site_id: str,
    booking_id: str,
    decide: Callable[[dict[str, Any]], StatusChange],
    release_locks: bool,
    follow_up: Action | None,
    extra: dict[str, Any] | None = None,
    claim_locks: bool = False,
) -> dict[str, Any]:
    """Apply a status change in one transaction; `decide` reads the stored
    booking and returns the change or raises a domain error. Releasing the
    locks in the same transaction frees the time at the moment of the change;
    claiming them again (reopening) fails with SlotTaken if the time is gone.
    With `follow_up`, the change is marked as having work to follow.
    """
    ref = site_ref(site_id).collection("bookings").document(booking_id)
    transaction = db().transaction()

    @firestore.transactional
    def run(transaction: firestore.Transaction) -> dict[str, Any]:
        snapshot = ref.get(transaction=transaction)
        if not snapshot.exists:
            raise NotFound("Booking not found")
        stored = snapshot.to_dict() or {}
        change = decide(stored)
        update = {
            "status": change.to.value,
            "statusHistory": firestore.ArrayUnion([change.to_dict()]),
            "updatedAt": change.at,
            **(extra or {}),
        }
        if follow_up is not None:
            update[FOLLOW_UP] = follow_up_mark(follow_up, change)
        transaction.update(ref, update)
        if release_locks:
            release_time(transaction, site_id, booking_id, stored)
        elif claim_locks:
            claim_time(transaction, site_id, booking_id, stored)
        return {**stored, **update, "status": change.to.value}

    try:
        result: dict[str, Any] = run(transaction)
    except (gexc.AlreadyExists, gexc.Conflict, gexc.FailedPrecondition) as error:
        raise SlotTaken() from error
    return result


def clear_follow_up(site_id: str, booking_id: str, mark: dict[str, Any]) -> bool:
    """Remove the mark once its work is done, unless a later change replaced it."""
    ref = site_ref(site_id).collection("bookings").document(booking_id)

    @firestore.transactional
    def run(transaction: firestore.Transaction) -> bool:
        stored = ref.get(transaction=transaction).to_dict() or {}
        if stored.get(FOLLOW_UP) != mark:
            return False
        transaction.update(ref, {FOLLOW_UP: firestore.DELETE_FIELD})
        return True

    cleared: bool = run(db().transaction())
    return cleared


def sync_no_show_count(site_id: str, booking_id: str) -> int:
    """Make the customer's no-show count match the booking; returns the change.

    The booking records whether it is counted (`noShowCounted`), and the flag
    and the count change in one transaction, so no repetition counts twice.
    """
    site = site_ref(site_id)
    ref = site.collection("bookings").document(booking_id)

    @firestore.transactional
    def run(transaction: firestore.Transaction) -> int:
        stored = ref.get(transaction=transaction).to_dict() or {}
        customer_id = stored.get("customerId")
        counted = bool(stored.get("noShowCounted", False))
        should_count = stored.get("status") == BookingStatus.NO_SHOW.value
        if not customer_id or counted == should_count:
            return 0
        delta = 1 if should_count else -1
        transaction.update(ref, {"noShowCounted": should_count})
        transaction.set(
            site.collection("customers").document(customer_id), {"noShowCount": firestore.Increment(delta)}, merge=True
        )
        return delta

    result: int = run(db().transaction())
    return result
