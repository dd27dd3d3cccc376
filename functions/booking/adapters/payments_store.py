"""Firestore side of payments: per-booking payment records, the private
payment configuration of a site, and the exactly-once processing of Stripe
events (the event's record commits with the change it causes)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from google.api_core import exceptions as gexc
from google.cloud import firestore

from booking.adapters.booking_store import SlotTaken, claim_time
from booking.adapters.firestore_client import db, due_in_sites, site_ref
from booking.domain.booking import StatusChange

EVENT_RETENTION = timedelta(days=30)
"""Stripe retries an event for three days; a TTL policy removes records later."""
TRANSACTION_ATTEMPTS = 10
"""Duplicate deliveries race on purpose; each retry re-reads and settles."""


@dataclass(frozen=True)
class Plan:
    """What one event does, decided from the stored booking and payments."""

    outcome: str
    change: StatusChange | None = None
    booking_fields: Mapping[str, Any] = field(default_factory=dict)
    """Dotted field paths (`payment.customerId`) merge into nested maps."""
    claim_locks: bool = False
    payments: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    """Payment records to create or merge into, by id."""


@dataclass(frozen=True)
class Applied:
    plan: Plan
    booking: dict[str, Any]
    """The booking as committed."""


Decide = Callable[[dict[str, Any] | None, dict[str, dict[str, Any]]], Plan]
Writes = Mapping[str, Mapping[str, Any]]
"""Fields to merge into payment records, by id (a missing record is created)."""


def payments(site_id: str) -> firestore.CollectionReference:
    collection: firestore.CollectionReference = site_ref(site_id).collection("payments")
    return collection


def private_ref(site_id: str) -> firestore.DocumentReference:
    """Server-only: the connected account and the fee override."""
    ref: firestore.DocumentReference = site_ref(site_id).collection("private").document("payments")
    return ref


def apply_event(
    event_id: str,
    event_type: str,
    site_id: str,
    booking_id: str,
    payment_ids: Sequence[str],
    decide: Decide,
    now: datetime,
) -> Applied | None:
    """Run `decide` on the booking and its payment records and write its
    plan with `stripeEvents/{event_id}` in one transaction; None when the
    event was processed before. Raises SlotTaken when the plan claims time
    that another booking holds (nothing is written then)."""
    event_ref = db().collection("stripeEvents").document(event_id)
    booking_ref = site_ref(site_id).collection("bookings").document(booking_id)
    payment_refs = {pid: payments(site_id).document(pid) for pid in payment_ids}

    @firestore.transactional
    def run(transaction: firestore.Transaction) -> Applied | None:
        if event_ref.get(transaction=transaction).exists:
            return None
        snapshot = booking_ref.get(transaction=transaction)
        stored = snapshot.to_dict() if snapshot.exists else None
        records = {}
        for pid, ref in payment_refs.items():
            record = ref.get(transaction=transaction)
            if record.exists:
                records[pid] = record.to_dict() or {}
        plan = decide(stored, records)
        update: dict[str, Any] = dict(plan.booking_fields)
        if plan.change is not None:
            update.update(
                status=plan.change.to.value,
                statusHistory=firestore.ArrayUnion([plan.change.to_dict()]),
                updatedAt=plan.change.at,
            )
        if stored is not None and update:
            transaction.update(booking_ref, update)
        if stored is not None and plan.claim_locks:
            claim_time(transaction, site_id, booking_id, stored)
        for pid, fields in plan.payments.items():
            transaction.set(payments(site_id).document(pid), dict(fields), merge=True)
        transaction.set(
            event_ref,
            {
                "type": event_type,
                "siteId": site_id,
                "bookingId": booking_id,
                "outcome": plan.outcome,
                "processedAt": now,
                "expiresAt": now + EVENT_RETENTION,
            },
        )
        after = _merged(stored or {}, update)
        if plan.change is not None:
            after["statusHistory"] = [*(stored or {}).get("statusHistory", []), plan.change.to_dict()]
        return Applied(plan, after)

    try:
        result: Applied | None = run(db().transaction(max_attempts=TRANSACTION_ATTEMPTS))
    except (gexc.AlreadyExists, gexc.Conflict, gexc.FailedPrecondition) as error:
        raise SlotTaken() from error
    return result


def record_event(event_id: str, event_type: str, outcome: str, now: datetime) -> bool:
    """Note an event that changes nothing; False if it was seen before."""
    try:
        db().collection("stripeEvents").document(event_id).create(
            {"type": event_type, "outcome": outcome, "processedAt": now, "expiresAt": now + EVENT_RETENTION}
        )
    except gexc.AlreadyExists:
        return False
    return True


def transition_payment(
    site_id: str, payment_id: str, allowed: Sequence[str], fields: Mapping[str, Any], kind: str | None = None
) -> dict[str, Any] | None:
    """Merge `fields` into a payment record whose status is one of `allowed`
    (and whose kind is `kind`, if given); returns the record as it was, or
    None. Whoever gets the record back is the one caller that moved it on."""
    ref = payments(site_id).document(payment_id)

    @firestore.transactional
    def run(transaction: firestore.Transaction) -> dict[str, Any] | None:
        snapshot = ref.get(transaction=transaction)
        record = snapshot.to_dict() if snapshot.exists else None
        if record is None or record.get("status") not in allowed or kind not in (None, record.get("kind")):
            return None
        transaction.set(ref, dict(fields), merge=True)
        return record

    result: dict[str, Any] | None = run(db().transaction(max_attempts=TRANSACTION_ATTEMPTS))
    return result


def update_payments(
    site_id: str, payment_ids: Sequence[str], decide: Callable[[dict[str, dict[str, Any]]], Writes]
) -> tuple[dict[str, dict[str, Any]], Writes]:
    """Read payment records (missing ones left out), merge in what `decide`
    returns, in one transaction; returns the records as read and the writes.
    `decide` may run more than once, so it only computes."""
    refs = {pid: payments(site_id).document(pid) for pid in payment_ids}

    @firestore.transactional
    def run(transaction: firestore.Transaction) -> tuple[dict[str, dict[str, Any]], Writes]:
        records = {}
        for pid, ref in refs.items():
            snapshot = ref.get(transaction=transaction)
            if snapshot.exists:
                records[pid] = snapshot.to_dict() or {}
        writes = decide(records)
        for pid, fields in writes.items():
            transaction.set(refs.get(pid) or payments(site_id).document(pid), dict(fields), merge=True)
        return records, writes

    result: tuple[dict[str, dict[str, Any]], Writes] = run(db().transaction(max_attempts=TRANSACTION_ATTEMPTS))
    return result


def due_payments(now: datetime, limit: int = 100) -> Iterator[tuple[str, str]]:
    """(site id, record id) of payment records whose `nextAttemptAt` has come."""
    return due_in_sites("payments", now, limit)


def create_payment(site_id: str, payment_id: str, fields: Mapping[str, Any]) -> bool:
    """Create a record once; False if it exists (a repeated signal)."""
    try:
        payments(site_id).document(payment_id).create(dict(fields))
    except gexc.AlreadyExists:
        return False
    return True


def payment(site_id: str, payment_id: str) -> dict[str, Any] | None:
    snapshot = payments(site_id).document(payment_id).get()
    return snapshot.to_dict() if snapshot.exists else None


def recent_payments(site_id: str, limit: int = 50) -> list[dict[str, Any]]:
    query = payments(site_id).order_by("createdAt", direction=firestore.Query.DESCENDING).limit(limit)
    return [{"id": snapshot.id, **(snapshot.to_dict() or {})} for snapshot in query.stream()]


def update_booking(site_id: str, booking_id: str, fields: Mapping[str, Any]) -> None:
    site_ref(site_id).collection("bookings").document(booking_id).update(dict(fields))


def booking(site_id: str, booking_id: str) -> dict[str, Any] | None:
    snapshot = site_ref(site_id).collection("bookings").document(booking_id).get()
    return snapshot.to_dict() if snapshot.exists else None


def site(site_id: str) -> dict[str, Any] | None:
    snapshot = site_ref(site_id).get()
    return snapshot.to_dict() if snapshot.exists else None


def private_config(site_id: str) -> dict[str, Any]:
    snapshot = private_ref(site_id).get()
    return (snapshot.to_dict() or {}) if snapshot.exists else {}


def save_private_config(site_id: str, fields: Mapping[str, Any]) -> None:
    private_ref(site_id).set(dict(fields), merge=True)


def update_site(site_id: str, fields: Mapping[str, Any]) -> None:
    site_ref(site_id).update(dict(fields))


def _merged(stored: Mapping[str, Any], update: Mapping[str, Any]) -> dict[str, Any]:
    """The stored document with an update's dotted paths applied (transforms skipped)."""
    result: dict[str, Any] = {
        key: dict(value) if isinstance(value, Mapping) else value for key, value in stored.items()
    }
    for path, value in update.items():
        if path == "statusHistory":
            continue
        *parents, leaf = path.split(".")
        target = result
        for name in parents:
            child = target.get(name)
            target[name] = child = dict(child) if isinstance(child, Mapping) else {}
            target = child
        target[leaf] = value
    return result
