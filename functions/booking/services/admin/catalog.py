"""Services, staff and branches as admins edit them.

Writes keep the documents exactly as the booking engine reads them
(docs/data-model.md) and merge into what is stored, so fields other features
keep on the same documents survive an edit.
"""

from __future__ import annotations

import re
import secrets
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from google.cloud import firestore
from google.cloud.firestore_v1.base_query import FieldFilter

from booking.adapters.firestore_client import db, site_ref
from booking.adapters.site_store import HOLDING_STATUSES, mark_catalog_changed
from booking.domain.errors import Conflict, InvalidInput, NotFound

DEFAULT_BRANCH_SETTINGS: dict[str, Any] = {
    "noShow": {"automatic": False, "timerMinutes": 15},
    "waitlist": {"enabled": False, "mode": "manual", "offerExpiryHours": 2},
    "clientConfirmation": {"required": False, "expiryHours": 2},
    "reminders": {"enabled": True, "leadHours": 24, "oneHour": False},
}
KINDS = {
    "services": ("serviceId", "Service"),
    "staff": ("staffId", "Staff member"),
    "branches": ("branchId", "Branch"),
}
"""Collection → (the booking field that refers to it, its name in messages)."""


@dataclass(frozen=True)
class ItemWrite:
    """A validated catalog document; `item_id` None creates a new item."""

    site_id: str
    item_id: str | None
    doc: dict[str, Any]


def with_defaults(stored: Mapping[str, Any], defaults: Mapping[str, Any]) -> dict[str, Any]:
    """`stored` with missing keys filled from `defaults`, one level of nesting deep."""
    merged = dict(stored)
    for key, default in defaults.items():
        value = stored.get(key)
        if isinstance(default, Mapping) and isinstance(value, Mapping):
            merged[key] = {**default, **value}
        elif value is None:
            merged[key] = default
    return merged


def new_id(name: str) -> str:
    """Readable and unique enough: `beard-trim-3f9a`."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:40].strip("-")
    suffix = secrets.token_hex(2)
    return f"{slug}-{suffix}" if slug else f"item-{secrets.token_hex(6)}"


def _site(site_id: str) -> firestore.DocumentReference:
    ref = site_ref(site_id)
    if not ref.get(field_paths=["name"]).exists:
        raise NotFound("Site not found")
    return ref


def _ids(collection: firestore.CollectionReference) -> set[str]:
    return {snapshot.id for snapshot in collection.select([]).stream()}


def _merge_doc(doc: Mapping[str, Any], now: datetime) -> dict[str, Any]:
    """None clears a stored optional field (a removed price, a branch's zone)."""
    return {key: firestore.DELETE_FIELD if value is None else value for key, value in doc.items()} | {"updatedAt": now}


def _save(write: ItemWrite, collection: str, now: datetime) -> tuple[str, bool]:
    ref = _site(write.site_id).collection(collection)
    created = write.item_id is None
    item_id = write.item_id or new_id(str(write.doc.get("name", "")))
    if not created and not ref.document(item_id).get(field_paths=["name"]).exists:
        raise NotFound(f"{KINDS[collection][1]} not found")
    doc = _merge_doc(write.doc, now)
    batch = db().batch()
    if created:
        batch.create(
            ref.document(item_id), {key: value for key, value in doc.items() if value is not firestore.DELETE_FIELD}
        )
    else:
        batch.set(ref.document(item_id), doc, merge=True)
    mark_catalog_changed(batch, write.site_id)
    batch.commit()
    return item_id, created


def save_service(write: ItemWrite, now: datetime) -> dict[str, Any]:
    item_id, created = _save(write, "services", now)
    return {"id": item_id, "created": created}


def save_staff(write: ItemWrite, now: datetime) -> dict[str, Any]:
    """Linked services and the branch must exist. With branches, a staff
    member belongs to one (the only one when there is one)."""
    site = _site(write.site_id)
    unknown = sorted(set(write.doc["serviceIds"]) - _ids(site.collection("services")))
    if unknown:
        raise InvalidInput("staff.serviceIds", f"unknown service '{unknown[0]}'")
    branches = _ids(site.collection("branches"))
    doc = dict(write.doc)
    if doc["branchId"] is None and len(branches) == 1:
        doc["branchId"] = next(iter(branches))
    elif doc["branchId"] is None and branches:
        raise InvalidInput("staff.branchId", "is required: this site has several branches")
    elif doc["branchId"] is not None and doc["branchId"] not in branches:
        raise InvalidInput("staff.branchId", f"unknown branch '{doc['branchId']}'")
    item_id, created = _save(ItemWrite(write.site_id, write.item_id, doc), "staff", now)
    return {"id": item_id, "created": created, "branchId": doc["branchId"]}


def save_branch(write: ItemWrite, now: datetime) -> dict[str, Any]:
    """The first branch of a site takes over its staff: with one branch,
    everything happens there, as it did site-wide before."""
    site = _site(write.site_id)
    had_branches = bool(_ids(site.collection("branches")))
    item_id, created = _save(write, "branches", now)
    moved = 0
    if created and not had_branches:
        batch = db().batch()
        for snapshot in site.collection("staff").select(["branchId"]).stream():
            if not (snapshot.to_dict() or {}).get("branchId"):
                batch.update(snapshot.reference, {"branchId": item_id, "updatedAt": now})
                moved += 1
        if moved:
            mark_catalog_changed(batch, write.site_id)
            batch.commit()
    return {"id": item_id, "created": created, "staffMoved": moved}


def delete_item(site_id: str, item_id: str, collection: str, now: datetime) -> dict[str, Any]:
    """Delete a service, staff member or branch that no future booking uses.

    With future bookings only deactivating is allowed: the bookings keep
    pointing at it. Runs in a transaction, so a booking made meanwhile makes
    it retry and then refuse.
    """
    field, label = KINDS[collection]
    site = site_ref(site_id)
    ref = site.collection(collection).document(item_id)
    future = (
        site.collection("bookings")
        .where(filter=FieldFilter("status", "in", HOLDING_STATUSES))
        .where(filter=FieldFilter(field, "==", item_id))
        .where(filter=FieldFilter("start", ">=", now))
        .limit(1)
    )
    transaction = db().transaction()

    @firestore.transactional
    def run(transaction: firestore.Transaction) -> None:
        if not ref.get(transaction=transaction).exists:
            raise NotFound(f"{label} not found")
        if list(transaction.get(future)):
            raise Conflict(f"{label} has future bookings: deactivate it instead")
        if collection == "branches":
            staff = site.collection("staff").where(filter=FieldFilter("branchId", "==", item_id)).limit(1)
            if list(transaction.get(staff)):
                raise Conflict("Branch still has staff: move them to another branch first")
        if collection == "services":
            linked = site.collection("staff").where(filter=FieldFilter("serviceIds", "array_contains", item_id))
            for member in transaction.get(linked):
                transaction.update(member.reference, {"serviceIds": firestore.ArrayRemove([item_id])})
        else:
            prefix = "branch" if collection == "branches" else "staff"
            transaction.delete(site.collection("schedules").document(f"{prefix}-{item_id}"))
        if collection == "staff":
            transaction.delete(site.collection("staffPrivate").document(item_id))
        transaction.delete(ref)
        mark_catalog_changed(transaction, site_id)

    run(transaction)
    return {"id": item_id, "deleted": True}
