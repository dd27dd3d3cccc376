"""Bookings in Firestore: reading them, making them, and changing them.

Time is claimed with deterministic lock documents that commit atomically
with the booking (one per 5-minute granule), so two overlapping bookings
can never both exist. Every write of a booking's status or time lives here:
`claim` makes one, `change_status` changes its status, `move` reschedules
it, and `claim_time`/`release_time`/`move_time` join any commit.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from google.api_core import exceptions as gexc
from google.cloud import firestore

from booking.adapters import analytics_store, calendars, customer_counts, customer_store, email_outbox
from booking.adapters import booking_mapper as mapper
from booking.adapters.firestore_client import Writer, db, site_ref
from booking.domain import loyalty
from booking.domain.booking import StatusChange, hash_token, lock_ids
from booking.domain.errors import NotFound, SlotUnavailable
from booking.domain.model import BookingStatus
from booking.domain.record import BookingRecord, DepositStatus, FollowUpMark, HistoryEntry, TokenEntry
from booking.domain.transitions import Action

LOCK_RETENTION = timedelta(days=7)
"""Locks of past time are useless; a TTL policy on `expiresAt` removes them."""
LOST_RACE = (gexc.AlreadyExists, gexc.Conflict, gexc.FailedPrecondition)


class SlotTaken(SlotUnavailable):
    """Another booking committed a lock on this time first."""


def _ref(site_id: str, booking_id: str) -> firestore.DocumentReference:
    ref: firestore.DocumentReference = site_ref(site_id).collection("bookings").document(booking_id)
    return ref


def _locks(site_id: str) -> firestore.CollectionReference:
    collection: firestore.CollectionReference = site_ref(site_id).collection("locks")
    return collection


def _read(ref: firestore.DocumentReference, transaction: firestore.Transaction | None = None) -> BookingRecord | None:
    snapshot = ref.get(transaction=transaction)
    return mapper.record_from(snapshot.id, snapshot.to_dict() or {}) if snapshot.exists else None


def get(site_id: str, booking_id: str, transaction: firestore.Transaction | None = None) -> BookingRecord | None:
    """The booking, or None; read inside `transaction` when one is given."""
    return _read(_ref(site_id, booking_id), transaction)


def update_fields(writer: Writer | None, booking: BookingRecord, fields: dict[str, Any]) -> None:
    """Write dotted field paths (`booking_mapper`) of the booking, in `writer`'s
    commit or at once: for changes other than status, time and tokens."""
    ref = _ref(booking.site_id, booking.id)
    if writer is None:
        ref.update(fields)
    else:
        writer.update(ref, fields)


def require(site_id: str, booking_id: str) -> BookingRecord:
    booking = get(site_id, booking_id)
    if booking is None:
        raise NotFound("Booking not found")
    return booking


# Time


def _lock_doc(booking: BookingRecord) -> dict[str, Any]:
    return {"bookingId": booking.id, "staffId": booking.staff_id, "expiresAt": booking.end + LOCK_RETENTION}


def claim_granules(
    writer: Writer, site_id: str, lock_ids: tuple[str, ...], holder: dict[str, Any], held: frozenset[str] = frozenset()
) -> None:
    """Create lock documents in `writer`'s commit; the commit fails if any
    exists. Bookings and blocked time claim their time through this alone.
    Locks in `held` are the caller's own (a waitlist offer's hold, checked by
    the caller in its transaction) and are taken over instead."""
    for lock_id in lock_ids:
        lock = _locks(site_id).document(lock_id)
        (writer.set if lock_id in held else writer.create)(lock, holder)


def release_granules(writer: Writer, site_id: str, lock_ids: tuple[str, ...]) -> None:
    for lock_id in lock_ids:
        writer.delete(_locks(site_id).document(lock_id))


def claim_time(writer: Writer, booking: BookingRecord, held: frozenset[str] = frozenset()) -> None:
    """Create the booking's locks and calendar entry in `writer`'s commit; the
    commit fails (SlotTaken for the caller) if any lock exists that is not in
    `held`."""
    claim_granules(writer, booking.site_id, booking.lock_ids, _lock_doc(booking), held)
    calendars.add(writer, booking)


def release_time(writer: Writer, booking: BookingRecord) -> None:
    """Delete the booking's locks and calendar entry in `writer`'s commit."""
    release_granules(writer, booking.site_id, booking.lock_ids)
    calendars.remove(writer, booking)


def move_time(writer: Writer, before: BookingRecord, after: BookingRecord) -> None:
    """Claim `after`'s time and release what only `before` held, in one commit:
    the booking never holds both times, nor neither. Granules both hold are
    rewritten for the new end (their TTL); new ones fail if taken."""
    kept = set(before.lock_ids)
    for lock_id in after.lock_ids:
        lock = _locks(after.site_id).document(lock_id)
        (writer.set if lock_id in kept else writer.create)(lock, _lock_doc(after))
    for lock_id in kept - set(after.lock_ids):
        writer.delete(_locks(before.site_id).document(lock_id))
    calendars.remove(writer, before)
    calendars.add(writer, after)


# Making a booking


def claim(booking: BookingRecord, email: email_outbox.Entry | None = None) -> None:
    """Create the locks, the booking, the customer update and the e-mail
    about it in one commit.

    A batch of create-if-absent writes needs no reads, so racing clients never
    wait on each other's locks: the first commit wins, the rest fail at once.
    """
    batch = db().batch()
    claim_in(batch, booking, email)
    try:
        batch.commit()
    except LOST_RACE as error:
        raise SlotTaken() from error
    customer_store.introduce(booking)


def claim_in(
    writer: Writer, booking: BookingRecord, email: email_outbox.Entry | None = None, held: frozenset[str] = frozenset()
) -> None:
    """The writes of `claim` in `writer`'s commit, for a caller that makes the
    booking inside its own transaction (accepting a waitlist offer takes over
    the offer's `held` locks). The caller runs `customer_store.introduce`
    after its commit, as `claim` does."""
    claim_time(writer, booking, held)
    writer.create(_ref(booking.site_id, booking.id), mapper.new_doc(booking))
    if email is not None:
        email_outbox.create_in(writer, booking.site_id, email)
    # Name, phone and consent are the profile's own: a booking only proposes
    # them (customer_store.introduce, and an unverified consent entry).
    writer.set(
        site_ref(booking.site_id).collection("customers").document(booking.customer_id),
        {
            "email": booking.customer.email,
            "bookingCount": firestore.Increment(1),
            "lastBookingAt": booking.created_at,
            "updatedAt": booking.created_at,
        },
        merge=True,
    )
    if booking.marketing_opt_in:
        customer_store.log_booking_opt_in(writer, booking)
    analytics_store.count_booking(writer, booking)


# Changing its status


@dataclass(frozen=True)
class StatusUpdate:
    """A status change as decided from the stored booking."""

    change: StatusChange
    action: Action
    """Marks the booking for this action's follow-up (services/follow_ups.py)."""
    releases_time: bool = False
    claims_time: bool = False
    used_token: str | None = None
    """The raw manage token the change uses up."""
    waives_deposit: bool = False
    """The unpaid deposit is marked waived in the same write."""
    frees_from: datetime | None = None
    """A no-show: the locks from here to the end are deleted in the same
    write (docs/waitlist.md), the booking keeps those before."""


def write_status(writer: Writer, booking: BookingRecord, update: StatusUpdate) -> BookingRecord:
    """Write a status change into `writer`'s commit; returns the booking as it
    will be stored. Every status change of every caller is written here."""
    change = update.change
    mark = FollowUpMark(update.action, change.at, change.to)
    entry = HistoryEntry.of(change)
    fields: dict[str, Any] = {
        "status": change.to.value,
        "statusHistory": firestore.ArrayUnion([mapper.history_doc(entry)]),
        "updatedAt": change.at,
        "holdExpiresAt": None,
        mapper.FOLLOW_UP: mapper.follow_up_doc(mark),
    }
    tokens = dict(booking.manage_tokens)
    if update.used_token is not None:
        digest = hash_token(update.used_token)
        fields[mapper.token_path(digest, "usedAt")] = change.at
        tokens[digest] = dataclasses.replace(tokens.get(digest) or TokenEntry(expires_at=None), used_at=change.at)
    counts = loyalty.count_change(loyalty.Counted(booking.visit_counted, booking.no_show_counted), change.to)
    if counts.any and booking.customer_id:
        customer_counts.count_in(writer, booking, counts)  # reads first: before this commit's first write
        fields["visitCounted"] = change.to is BookingStatus.COMPLETED
        fields["noShowCounted"] = change.to is BookingStatus.NO_SHOW
    payment = booking.payment
    if update.waives_deposit and payment is not None:
        fields[mapper.payment_path("deposit_status")] = DepositStatus.WAIVED.value
        payment = dataclasses.replace(payment, deposit_status=DepositStatus.WAIVED.value)
    kept = booking.lock_ids
    if update.releases_time:
        release_time(writer, booking)
    elif update.claims_time:
        claim_time(writer, booking)
    elif update.frees_from is not None:
        kept = _release_rest(writer, booking, update.frees_from)
        fields["lockIds"] = list(kept)
    writer.update(_ref(booking.site_id, booking.id), fields)
    return dataclasses.replace(
        booking,
        lock_ids=kept,
        status=change.to,
        history=(*booking.history, entry),
        updated_at=change.at,
        hold_expires_at=None,
        follow_up=mark,
        manage_tokens=tokens,
        payment=payment,
        visit_counted=bool(fields.get("visitCounted", booking.visit_counted)),
        no_show_counted=bool(fields.get("noShowCounted", booking.no_show_counted)),
    )


def _release_rest(writer: Writer, booking: BookingRecord, frees_from: datetime) -> tuple[str, ...]:
    """Free `[frees_from, end)` of a booking (and its buffer): delete those
    locks and shorten its calendar entry; returns the locks it keeps."""
    before = set(lock_ids(booking.staff_id, booking.start, frees_from, 0))
    kept = tuple(lock_id for lock_id in booking.lock_ids if lock_id in before)
    for lock_id in booking.lock_ids:
        if lock_id not in before:
            writer.delete(_locks(booking.site_id).document(lock_id))
    calendars.remove(writer, booking)
    if frees_from > booking.start:
        calendars.hold(writer, booking.site_id, booking.staff_id, booking.id, booking.start, frees_from)
    return kept


def _transaction(site_id: str, booking_id: str, work: Callable[[Any, BookingRecord], BookingRecord]) -> BookingRecord:
    """Run `work` on the stored booking in one transaction: NotFound when it
    doesn't exist, SlotTaken when a lock `work` creates exists already."""
    ref = _ref(site_id, booking_id)

    @firestore.transactional
    def run(transaction: firestore.Transaction) -> BookingRecord:
        booking = _read(ref, transaction)
        if booking is None:
            raise NotFound("Booking not found")
        return work(transaction, booking)

    try:
        done: BookingRecord = run(db().transaction())
    except LOST_RACE as error:
        raise SlotTaken() from error
    return done


def change_status(site_id: str, booking_id: str, decide: Callable[[BookingRecord], StatusUpdate]) -> BookingRecord:
    """Read the booking, let `decide` choose the change (or raise a domain
    error), and write it, in one transaction; returns the booking as changed.
    Releasing the locks in the same transaction frees the time at the moment
    of the change; claiming them again fails with SlotTaken if it is gone."""
    return _transaction(site_id, booking_id, lambda writer, booking: write_status(writer, booking, decide(booking)))


@dataclass(frozen=True)
class Move:
    """A reschedule as decided from the stored booking."""

    moved: BookingRecord
    """The booking at its new time (start, end, local date, locks, buffer)."""
    entry: HistoryEntry
    used_token: str
    fresh_token: str
    fresh_entry: TokenEntry


def move(site_id: str, booking_id: str, decide: Callable[[BookingRecord], Move]) -> BookingRecord:
    """Move a booking to another time in one transaction; SlotTaken if a
    lock of the new time exists. Every token of the booking then expires at
    the new end, the used one is spent and a fresh one issued."""

    def work(transaction: firestore.Transaction, booking: BookingRecord) -> BookingRecord:
        plan = decide(booking)
        after, at = plan.moved, plan.entry.at
        move_time(transaction, booking, after)
        used, fresh = hash_token(plan.used_token), hash_token(plan.fresh_token)
        fields: dict[str, Any] = {
            "start": after.start,
            "end": after.end,
            "date": after.local_date,
            "lockIds": list(after.lock_ids),
            "bufferMinutes": after.buffer_minutes,
            "statusHistory": firestore.ArrayUnion([mapper.history_doc(plan.entry)]),
            "rescheduledAt": at,
            "updatedAt": at,
            "manageTokenExpiresAt": after.end,
            mapper.token_path(used, "usedAt"): at,
            mapper.token_path(fresh): mapper.token_doc(plan.fresh_entry),
        }
        tokens = {}
        for digest, entry in booking.manage_tokens.items():
            if digest != booking.manage_token_hash:
                fields[mapper.token_path(digest, "expiresAt")] = after.end
            tokens[digest] = dataclasses.replace(entry, expires_at=after.end)
        tokens[used] = dataclasses.replace(tokens.get(used) or TokenEntry(expires_at=after.end), used_at=at)
        tokens[fresh] = plan.fresh_entry
        transaction.update(_ref(site_id, booking_id), fields)
        return dataclasses.replace(
            after,
            history=(*booking.history, plan.entry),
            rescheduled_at=at,
            updated_at=at,
            manage_token_expires_at=after.end,
            manage_tokens=tokens,
        )

    return _transaction(site_id, booking_id, work)


def add_token(booking: BookingRecord, digest: str, entry: TokenEntry) -> None:
    """Store a further manage token (one per e-mail that carries a link)."""
    _ref(booking.site_id, booking.id).update({mapper.token_path(digest): mapper.token_doc(entry)})


# Follow-ups


def clear_follow_up(booking: BookingRecord, mark: FollowUpMark) -> bool:
    """Remove the mark once its work is done, unless a later change replaced it."""
    ref = _ref(booking.site_id, booking.id)

    @firestore.transactional
    def run(transaction: firestore.Transaction) -> bool:
        stored = _read(ref, transaction)
        if stored is None or stored.follow_up != mark:
            return False
        transaction.update(ref, {mapper.FOLLOW_UP: firestore.DELETE_FIELD})
        return True

    cleared: bool = run(db().transaction())
    return cleared


def sync_no_show_count(booking: BookingRecord) -> int:
    """Make the customer's no-show count match the booking; returns the change.

    `write_status` counts in the status change's own transaction now, so this
    follow-up finds the flag in line and changes nothing; it stays for marks
    left by changes made before that.

    The booking records whether it is counted (`noShowCounted`), and the flag
    and the count change in one transaction, so no repetition counts twice.
    """
    site = site_ref(booking.site_id)
    ref = _ref(booking.site_id, booking.id)

    @firestore.transactional
    def run(transaction: firestore.Transaction) -> int:
        stored = _read(ref, transaction)
        if stored is None or not stored.customer_id:
            return 0
        should_count = stored.status is BookingStatus.NO_SHOW
        if stored.no_show_counted == should_count:
            return 0
        delta = 1 if should_count else -1
        transaction.update(ref, {"noShowCounted": should_count})
        transaction.set(
            site.collection("customers").document(stored.customer_id),
            {"noShowCount": firestore.Increment(delta)},
            merge=True,
        )
        return delta

    result: int = run(db().transaction())
    return result
