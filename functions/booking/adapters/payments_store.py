"""Firestore side of payments: per-booking payment records, a booking's
deposit fields, the private payment configuration of a site, and the
exactly-once processing of Stripe events (the event's record commits with
the change it causes)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from google.api_core import exceptions as gexc
from google.cloud import firestore

from booking.adapters import booking_mapper, booking_store
from booking.adapters import payments_mapper as mapper
from booking.adapters.booking_store import SlotTaken, StatusUpdate
from booking.adapters.firestore_client import Writer, db, due_in_sites, site_ref
from booking.domain.payment_record import PaymentRecord
from booking.domain.payments import NoShowFee, PaymentConfig, PaymentKind, PaymentStatus, SitePayments
from booking.domain.record import BookingRecord, DepositPayment

EVENT_RETENTION = timedelta(days=30)
"""Stripe retries an event for three days; a TTL policy removes records later."""
TRANSACTION_ATTEMPTS = 10
"""Duplicate deliveries race on purpose; each retry re-reads and settles."""

Records = Mapping[str, PaymentRecord]
"""Payment records by id."""


@dataclass(frozen=True)
class Plan:
    """What one event does, decided from the stored booking and payments."""

    outcome: str
    status: StatusUpdate | None = None
    """The booking's status change (booking_store.write_status)."""
    payment: DepositPayment | None = None
    """The booking's deposit as the event leaves it; only changes are written."""
    records: Records = field(default_factory=dict)
    """Payment records as the event leaves them; new ones are created."""


@dataclass(frozen=True)
class Applied:
    plan: Plan
    booking: BookingRecord | None
    """The booking as committed."""


Decide = Callable[[BookingRecord | None, Records], Plan]


def _payments(site_id: str) -> firestore.CollectionReference:
    collection: firestore.CollectionReference = site_ref(site_id).collection("payments")
    return collection


def _private_ref(site_id: str) -> firestore.DocumentReference:
    """Server-only: the connected account and the fee override."""
    ref: firestore.DocumentReference = site_ref(site_id).collection("private").document("payments")
    return ref


def _read_records(
    site_id: str, payment_ids: Sequence[str], transaction: firestore.Transaction
) -> dict[str, PaymentRecord]:
    records = {}
    for pid in payment_ids:
        snapshot = _payments(site_id).document(pid).get(transaction=transaction)
        record = mapper.record_from(pid, snapshot.to_dict() or {}) if snapshot.exists else None
        if record is not None:
            records[pid] = record
    return records


def _write_records(writer: Writer, site_id: str, before: Records, after: Records) -> None:
    """Create the new records, and write what changed in the others."""
    for pid, record in after.items():
        ref = _payments(site_id).document(pid)
        stored = before.get(pid)
        if stored is None:
            writer.set(ref, mapper.record_doc(record))
        elif changes := mapper.record_changes(stored, record):
            writer.update(ref, changes)


def _deposit_changes(before: DepositPayment | None, after: DepositPayment) -> dict[str, Any]:
    """Dotted paths of the deposit fields `after` changes; a booking without
    a deposit map is compared with an empty one."""
    base = before or DepositPayment()
    return {
        booking_mapper.payment_path(attr.name): getattr(after, attr.name)
        for attr in dataclasses.fields(after)
        if getattr(after, attr.name) != getattr(base, attr.name)
    }


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

    @firestore.transactional
    def run(transaction: firestore.Transaction) -> Applied | None:
        if event_ref.get(transaction=transaction).exists:
            return None
        booking = booking_store.get(site_id, booking_id, transaction)
        records = _read_records(site_id, payment_ids, transaction)
        plan = decide(booking, records)
        if booking is not None and plan.status is not None:
            booking = booking_store.write_status(transaction, booking, plan.status)
        if booking is not None and plan.payment is not None:
            if changes := _deposit_changes(booking.payment, plan.payment):
                booking_store.update_fields(transaction, booking, changes)
            booking = dataclasses.replace(booking, payment=plan.payment)
        _write_records(transaction, site_id, records, plan.records)
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
        return Applied(plan, booking)

    try:
        result: Applied | None = run(db().transaction(max_attempts=TRANSACTION_ATTEMPTS))
    except booking_store.LOST_RACE as error:
        raise SlotTaken() from error
    return result


def add_records(writer: Writer, site_id: str, records: Sequence[PaymentRecord]) -> None:
    """Create new records within another store's commit (a POS sale's)."""
    for record in records:
        writer.create(_payments(site_id).document(record.id), mapper.record_doc(record))


def record_event(event_id: str, event_type: str, outcome: str, now: datetime) -> bool:
    """Note an event that changes nothing; False if it was seen before."""
    try:
        db().collection("stripeEvents").document(event_id).create(
            {"type": event_type, "outcome": outcome, "processedAt": now, "expiresAt": now + EVENT_RETENTION}
        )
    except gexc.AlreadyExists:
        return False
    return True


def update_payments(
    site_id: str, payment_ids: Sequence[str], decide: Callable[[Records], Records]
) -> tuple[Records, Records]:
    """Read payment records (missing ones left out) and write the records
    `decide` returns, in one transaction; returns the records as read and as
    `decide` left them. `decide` may run more than once, so it only computes."""

    @firestore.transactional
    def run(transaction: firestore.Transaction) -> tuple[Records, Records]:
        records = _read_records(site_id, payment_ids, transaction)
        writes = decide(records)
        _write_records(transaction, site_id, records, writes)
        return records, writes

    result: tuple[Records, Records] = run(db().transaction(max_attempts=TRANSACTION_ATTEMPTS))
    return result


def transition_payment(
    site_id: str,
    payment_id: str,
    allowed: Collection[PaymentStatus],
    change: Callable[[PaymentRecord], PaymentRecord],
    kind: PaymentKind | None = None,
) -> PaymentRecord | None:
    """Apply `change` to a payment record whose status is one of `allowed`
    (and whose kind is `kind`, if given); returns the record as it was, or
    None. Whoever gets the record back is the one caller that moved it on."""

    def decide(records: Records) -> Records:
        record = records.get(payment_id)
        if record is None or record.status not in allowed or kind not in (None, record.kind):
            return {}
        return {payment_id: change(record)}

    records, writes = update_payments(site_id, (payment_id,), decide)
    return records[payment_id] if writes else None


def due_payments(now: datetime, limit: int = 100) -> Iterator[tuple[str, str]]:
    """(site id, record id) of payment records whose `nextAttemptAt` has come."""
    return due_in_sites("payments", now, limit)


def create_payment(site_id: str, record: PaymentRecord) -> bool:
    """Create a record once; False if it exists (a repeated signal)."""
    try:
        _payments(site_id).document(record.id).create(mapper.record_doc(record))
    except gexc.AlreadyExists:
        return False
    return True


def payment(site_id: str, payment_id: str) -> PaymentRecord | None:
    snapshot = _payments(site_id).document(payment_id).get()
    return mapper.record_from(payment_id, snapshot.to_dict() or {}) if snapshot.exists else None


def recent_payments(site_id: str, limit: int = 50) -> list[PaymentRecord]:
    query = _payments(site_id).order_by("createdAt", direction=firestore.Query.DESCENDING).limit(limit)
    records = (mapper.record_from(snapshot.id, snapshot.to_dict() or {}) for snapshot in query.stream())
    return [record for record in records if record is not None]


# A booking's deposit


def open_deposit(booking: BookingRecord, deposit: DepositPayment) -> BookingRecord:
    """Store the deposit of a booking whose Checkout Session was just opened."""
    booking_store.update_fields(None, booking, {"payment": booking_mapper.payment_doc(deposit)})
    return dataclasses.replace(booking, payment=deposit)


def update_deposit(booking: BookingRecord, deposit: DepositPayment) -> BookingRecord:
    """Write what `deposit` changes in the booking's stored one."""
    if changes := _deposit_changes(booking.payment, deposit):
        booking_store.update_fields(None, booking, changes)
    return dataclasses.replace(booking, payment=deposit)


# The site's payment settings


def site_payments(site_id: str) -> SitePayments | None:
    snapshot = site_ref(site_id).get()
    return mapper.site_payments_from(site_id, snapshot.to_dict() or {}) if snapshot.exists else None


def set_ready(site_id: str, ready: bool) -> None:
    """`payments.ready`: whether deposit services can be booked."""
    site_ref(site_id).update({"payments.ready": ready})


def save_no_show_fee(site_id: str, fee: NoShowFee) -> None:
    site_ref(site_id).update({"settings.noShowFee": fee.to_doc()})


def private_config(site_id: str) -> PaymentConfig:
    snapshot = _private_ref(site_id).get()
    return mapper.config_from(snapshot.to_dict() if snapshot.exists else None)


def save_account(site_id: str, account_id: str, now: datetime) -> None:
    """A connected account just made: not able to take charges yet."""
    _private_ref(site_id).set(
        {"connectedAccountId": account_id, "chargesEnabled": False, "detailsSubmitted": False, "updatedAt": now},
        merge=True,
    )


def save_account_status(site_id: str, charges_enabled: bool, details_submitted: bool, now: datetime) -> None:
    """How the connected account stands, as Stripe just said."""
    _private_ref(site_id).set(
        {"chargesEnabled": charges_enabled, "detailsSubmitted": details_submitted, "checkedAt": now}, merge=True
    )


def forget_account(site_id: str, now: datetime) -> None:
    """Disconnect the site's connected account (the fee override stays)."""
    gone = firestore.DELETE_FIELD
    _private_ref(site_id).set(
        {"connectedAccountId": gone, "chargesEnabled": gone, "detailsSubmitted": gone, "updatedAt": now}, merge=True
    )
