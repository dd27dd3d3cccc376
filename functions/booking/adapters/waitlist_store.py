"""Waitlist entries and offers in Firestore: `sites/{siteId}/waitlist/{entryId}`
and `sites/{siteId}/waitlistOffers/{offerId}`.

An open offer holds its time the way a booking does: lock documents
(create-if-absent, with the offer's `holdExpiresAt`) and a busy-calendar
entry, written in the transaction that records the offer. A visitor can
neither see nor claim the time meanwhile. Every change of an offer re-reads
it and its entry in one transaction, so the accept, the decline, the expiry
sweep and a client leaving the list can race safely.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from enum import StrEnum
from typing import Any

from google.cloud import firestore

from booking.adapters import booking_store, calendars, customer_store, email_outbox
from booking.adapters import waitlist_mapper as mapper
from booking.adapters.booking_store import LOCK_RETENTION, LOST_RACE
from booking.adapters.firestore_client import Writer, db, due_in_sites, site_ref
from booking.domain.errors import NotFound
from booking.domain.record import BookingRecord
from booking.domain.waitlist import Entry, EntryStatus, Offer, OfferStatus

OPEN_STATUSES = (EntryStatus.WAITING, EntryStatus.OFFERED)


def _entries(site_id: str) -> firestore.CollectionReference:
    collection: firestore.CollectionReference = site_ref(site_id).collection("waitlist")
    return collection


def _offers(site_id: str) -> firestore.CollectionReference:
    collection: firestore.CollectionReference = site_ref(site_id).collection("waitlistOffers")
    return collection


def _lock(site_id: str, lock_id: str) -> firestore.DocumentReference:
    ref: firestore.DocumentReference = site_ref(site_id).collection("locks").document(lock_id)
    return ref


def _holder(offer: Offer) -> str:
    return calendars.OFFER + offer.id


# Reading


def get_entry(site_id: str, entry_id: str) -> Entry | None:
    snapshot = _entries(site_id).document(entry_id).get()
    return mapper.entry_from(snapshot.id, site_id, snapshot.to_dict() or {}) if snapshot.exists else None


def get_offer(site_id: str, offer_id: str) -> Offer | None:
    snapshot = _offers(site_id).document(offer_id).get()
    return mapper.offer_from(snapshot.id, site_id, snapshot.to_dict() or {}) if snapshot.exists else None


def entries(site_id: str, branch_id: str | None, statuses: Iterable[EntryStatus] = OPEN_STATUSES) -> list[Entry]:
    """The branch's entries (a site without branches: those without one) in these statuses."""
    query = _entries(site_id).where(filter=firestore.FieldFilter("branchId", "==", branch_id))
    query = query.where(filter=firestore.FieldFilter("status", "in", [status.value for status in statuses]))
    return [mapper.entry_from(s.id, site_id, s.to_dict() or {}) for s in query.stream()]


def offers(site_id: str, offer_ids: Iterable[str]) -> dict[str, Offer]:
    refs = [_offers(site_id).document(offer_id) for offer_id in offer_ids]
    return {s.id: mapper.offer_from(s.id, site_id, s.to_dict() or {}) for s in db().get_all(refs) if s.exists}


def lapsed_due(now: datetime, limit: int = 200) -> Iterator[tuple[str, str]]:
    """(site id, offer id) of open offers whose hold has run out."""
    return due_in_sites("waitlistOffers", now, limit, field="holdExpiresAt")


# Writing


def add_token(site_id: str, entry_id: str, digest: str) -> None:
    """One more link that lets the client leave (each e-mail has its own)."""
    _entries(site_id).document(entry_id).update({"tokenHashes": firestore.ArrayUnion([digest])})


def add_entry(entry: Entry, email: email_outbox.Entry | None) -> None:
    """The entry and its 'joined' e-mail, in one commit."""
    batch = db().batch()
    batch.create(_entries(entry.site_id).document(entry.id), mapper.entry_doc(entry))
    if email is not None:
        email_outbox.create_in(batch, entry.site_id, email)
    batch.commit()


def make_offer(offer: Offer, email: Callable[[Entry], email_outbox.Entry | None]) -> Entry | None:
    """Record the offer, hold its time and mark its entry offered, in one
    transaction; the entry, or None when the entry no longer waits (or let
    this freed time go before) or a lock of the time exists."""
    entry_ref = _entries(offer.site_id).document(offer.entry_id)

    @firestore.transactional
    def run(transaction: firestore.Transaction) -> Entry | None:
        snapshot = entry_ref.get(transaction=transaction)
        if not snapshot.exists:
            return None
        entry = mapper.entry_from(snapshot.id, offer.site_id, snapshot.to_dict() or {})
        if entry.status is not EntryStatus.WAITING or offer.freed.key in entry.passed:
            return None
        for lock_id in offer.lock_ids:
            transaction.create(_lock(offer.site_id, lock_id), mapper.lock_doc(offer, offer.end + LOCK_RETENTION))
        calendars.hold(transaction, offer.site_id, offer.staff_id, _holder(offer), offer.start, offer.end)
        transaction.create(_offers(offer.site_id).document(offer.id), mapper.offer_doc(offer))
        transaction.update(
            entry_ref, {"status": EntryStatus.OFFERED.value, "offerId": offer.id, "updatedAt": offer.created_at}
        )
        outgoing = email(entry)
        if outgoing is not None:
            email_outbox.create_in(transaction, offer.site_id, outgoing)
        return entry

    try:
        made: Entry | None = run(db().transaction())
    except LOST_RACE:
        return None
    return made


def _release(writer: Writer, offer: Offer, owned: Iterable[str]) -> None:
    for lock_id in owned:
        writer.delete(_lock(offer.site_id, lock_id))
    calendars.unhold(writer, offer.site_id, offer.staff_id, _holder(offer), offer.start, offer.end)


def _read_pair(transaction: firestore.Transaction, site_id: str, offer_id: str) -> tuple[Offer, Entry | None]:
    snapshot = _offers(site_id).document(offer_id).get(transaction=transaction)
    if not snapshot.exists:
        raise NotFound("Offer not found")
    offer = mapper.offer_from(snapshot.id, site_id, snapshot.to_dict() or {})
    entry_snapshot = _entries(site_id).document(offer.entry_id).get(transaction=transaction)
    entry = (
        mapper.entry_from(entry_snapshot.id, site_id, entry_snapshot.to_dict() or {}) if entry_snapshot.exists else None
    )
    return offer, entry


def _close(
    transaction: firestore.Transaction, offer: Offer, to: OfferStatus, now: datetime, fields: dict[str, Any]
) -> None:
    transaction.update(
        _offers(offer.site_id).document(offer.id),
        {"status": to.value, "holdExpiresAt": None, "updatedAt": now, **fields},
    )


def pass_back(
    site_id: str, offer_id: str, to: OfferStatus, now: datetime, check: Callable[[Offer, Entry | None], None]
) -> tuple[Offer, Entry | None]:
    """Close an open offer as declined or lapsed: its hold is released and
    its entry waits again at the end of the line, never offered this freed
    time again. `check` raises a domain error when the caller may not close
    it (not open any more, not yet expired, wrong token)."""

    @firestore.transactional
    def run(transaction: firestore.Transaction) -> tuple[Offer, Entry | None]:
        offer, entry = _read_pair(transaction, site_id, offer_id)
        check(offer, entry)
        _release(transaction, offer, offer.lock_ids)
        _close(transaction, offer, to, now, {})
        if entry is not None and entry.offer_id == offer.id:
            transaction.update(
                _entries(site_id).document(entry.id),
                {
                    "status": EntryStatus.WAITING.value,
                    "offerId": None,
                    "queuedAt": now,
                    "passed": firestore.ArrayUnion([offer.freed.key]),
                    "updatedAt": now,
                },
            )
        return offer, entry

    closed: tuple[Offer, Entry | None] = run(db().transaction())
    return closed


def leave(site_id: str, entry_id: str, now: datetime, check: Callable[[Entry], None]) -> tuple[Entry, Offer | None]:
    """The client leaves the list; an open offer of theirs is declined and its hold released."""
    entry_ref = _entries(site_id).document(entry_id)

    @firestore.transactional
    def run(transaction: firestore.Transaction) -> tuple[Entry, Offer | None]:
        snapshot = entry_ref.get(transaction=transaction)
        if not snapshot.exists:
            raise NotFound("Waitlist entry not found")
        entry = mapper.entry_from(snapshot.id, site_id, snapshot.to_dict() or {})
        check(entry)
        offer = None
        if entry.offer_id:
            offer_snapshot = _offers(site_id).document(entry.offer_id).get(transaction=transaction)
            if offer_snapshot.exists:
                offer = mapper.offer_from(offer_snapshot.id, site_id, offer_snapshot.to_dict() or {})
        if offer is not None and offer.status is OfferStatus.OPEN:
            _release(transaction, offer, offer.lock_ids)
            _close(transaction, offer, OfferStatus.DECLINED, now, {})
        else:
            offer = None
        transaction.update(entry_ref, {"status": EntryStatus.LEFT.value, "offerId": None, "updatedAt": now})
        return entry, offer

    done: tuple[Entry, Offer | None] = run(db().transaction())
    return done


class Accepted(StrEnum):
    BOOKED = "booked"
    TAKEN = "taken"
    """A lock of the time belonged to someone else: the entry waits again in its place."""


def accept(
    site_id: str,
    offer_id: str,
    booking: BookingRecord,
    email: email_outbox.Entry | None,
    now: datetime,
    check: Callable[[Offer, Entry | None], None],
) -> Accepted:
    """Book the offered time in one transaction: the booking (made by
    `new_booking`, committed by `booking_store.claim_in`) takes over the
    offer's locks; any other lock on its time means it was taken."""

    @firestore.transactional
    def run(transaction: firestore.Transaction) -> Accepted:
        offer, entry = _read_pair(transaction, site_id, offer_id)
        check(offer, entry)
        wanted = sorted(set(offer.lock_ids) | set(booking.lock_ids))
        locks = {
            s.id: (s.to_dict() or {}) if s.exists else None
            for s in db().get_all([_lock(site_id, lock_id) for lock_id in wanted], transaction=transaction)
        }
        owned = frozenset(lock_id for lock_id, doc in locks.items() if doc and doc.get("offerId") == offer.id)
        foreign = [lock_id for lock_id in booking.lock_ids if locks.get(lock_id) and lock_id not in owned]
        entry_ref = _entries(site_id).document(offer.entry_id)
        if foreign:
            _release(transaction, offer, owned)
            _close(transaction, offer, OfferStatus.TAKEN, now, {})
            if entry is not None:
                transaction.update(entry_ref, {"status": EntryStatus.WAITING.value, "offerId": None, "updatedAt": now})
            return Accepted.TAKEN
        for lock_id in owned - set(booking.lock_ids):
            transaction.delete(_lock(site_id, lock_id))
        calendars.unhold(transaction, site_id, offer.staff_id, _holder(offer), offer.start, offer.end)
        booking_store.claim_in(transaction, booking, email, held=owned)
        _close(transaction, offer, OfferStatus.ACCEPTED, now, {"bookingId": booking.id})
        transaction.update(entry_ref, {"status": EntryStatus.BOOKED.value, "offerId": None, "updatedAt": now})
        return Accepted.BOOKED

    try:
        result: Accepted = run(db().transaction())
    except LOST_RACE as error:
        raise booking_store.SlotTaken() from error
    if result is Accepted.BOOKED:
        customer_store.introduce(booking)
    return result
