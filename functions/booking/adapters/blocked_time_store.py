"""Blocked time in Firestore: `sites/{site}/blockedTime/{id}`, its locks and
its entries in the busy calendars, always written together.

Claiming is one batch of create-if-absent locks, like `booking_store.claim`:
it fails at once when a booking (or other blocked time) holds any granule.
Removing is one transaction that deletes the document, the locks and the
calendar entries, so the time is free the moment it commits.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from google.cloud import firestore

from booking.adapters import booking_store, calendars
from booking.adapters.firestore_client import db, site_ref
from booking.domain.blocked_time import BlockedTime
from booking.domain.errors import NotFound


def _collection(site_id: str) -> firestore.CollectionReference:
    collection: firestore.CollectionReference = site_ref(site_id).collection("blockedTime")
    return collection


def to_doc(blocked: BlockedTime) -> dict[str, Any]:
    return {
        "staffId": blocked.staff_id,
        "branchId": blocked.branch_id,
        "start": blocked.start,
        "end": blocked.end,
        "reason": blocked.reason,
        "createdBy": blocked.created_by,
        "createdAt": blocked.created_at,
        "lockIds": list(blocked.lock_ids),
    }


def from_doc(site_id: str, blocked_id: str, doc: dict[str, Any]) -> BlockedTime:
    return BlockedTime(
        id=blocked_id,
        site_id=site_id,
        staff_id=str(doc["staffId"]),
        branch_id=doc.get("branchId"),
        start=doc["start"],
        end=doc["end"],
        reason=str(doc.get("reason") or ""),
        created_by=str(doc.get("createdBy") or ""),
        created_at=doc["createdAt"],
        lock_ids=tuple(doc.get("lockIds") or ()),
    )


def _holder(blocked: BlockedTime) -> dict[str, Any]:
    return {
        "blockedTimeId": blocked.id,
        "staffId": blocked.staff_id,
        "expiresAt": blocked.end + booking_store.LOCK_RETENTION,
    }


def claim(blocked: BlockedTime) -> None:
    """Store blocked time with its locks and calendar entries in one commit;
    `booking_store.SlotTaken` when anything holds part of its time."""
    batch = db().batch()
    booking_store.claim_granules(batch, blocked.site_id, blocked.lock_ids, _holder(blocked))
    calendars.add_blocked(batch, blocked.site_id, blocked.staff_id, blocked.start, blocked.end, blocked.id)
    batch.create(_collection(blocked.site_id).document(blocked.id), to_doc(blocked))
    try:
        batch.commit()
    except booking_store.LOST_RACE as error:
        raise booking_store.SlotTaken() from error


def release(site_id: str, blocked_id: str) -> BlockedTime:
    """Delete blocked time, its locks and its calendar entries in one
    transaction; returns what was removed. NotFound when it is gone."""
    ref = _collection(site_id).document(blocked_id)

    @firestore.transactional
    def run(transaction: firestore.Transaction) -> BlockedTime:
        snapshot = ref.get(transaction=transaction)
        if not snapshot.exists:
            raise NotFound("This blocked time no longer exists")
        blocked = from_doc(site_id, blocked_id, snapshot.to_dict() or {})
        booking_store.release_granules(transaction, site_id, blocked.lock_ids)
        calendars.remove_blocked(transaction, site_id, blocked.staff_id, blocked.start, blocked.end, blocked.id)
        transaction.delete(ref)
        return blocked

    removed: BlockedTime = run(db().transaction())
    return removed


def get_many(site_id: str, blocked_ids: Iterable[str]) -> list[BlockedTime]:
    """The stored blocked time of these ids, in one batched read."""
    refs = [_collection(site_id).document(blocked_id) for blocked_id in sorted(blocked_ids)]
    if not refs:
        return []
    return [
        from_doc(site_id, snapshot.id, snapshot.to_dict() or {}) for snapshot in db().get_all(refs) if snapshot.exists
    ]
