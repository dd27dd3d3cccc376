"""The site document and its catalog (branches, services, staff, schedules)
as admins write them (docs/data-model.md).

Every write of a catalog document bumps the site's catalog version in the
same commit (`site_store.mark_catalog_changed`), so every instance reads the
catalog afresh on its next request. Writes merge into what is stored, so
fields other features keep on the same documents survive an edit.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from google.api_core import exceptions as gexc
from google.cloud import firestore
from google.cloud.firestore_v1.base_query import FieldFilter

from booking.adapters import booking_queries, catalog_mapper
from booking.adapters.firestore_client import db, site_ref
from booking.adapters.site_store import POOL, mark_catalog_changed
from booking.domain.errors import NotFound
from booking.domain.model import Hours

Doc = dict[str, Any]
BOOKING_FIELD = {"services": "service_id", "staff": "staff_id", "branches": "branch_id"}
"""Catalog collection -> the booking attribute that refers to its items."""
SCHEDULE_OWNER_FIELD = {"branch": "branchId", "staff": "staffId"}


# The site document


def site_exists(site_id: str) -> bool:
    return bool(site_ref(site_id).get(field_paths=["name"]).exists)


def site_name_and_locale(site_id: str) -> tuple[str, str] | None:
    """The site's name (its id when unnamed) and locale ("en" when unset);
    None when there is no such site."""
    snapshot = site_ref(site_id).get(field_paths=["name", "locale"])
    if not snapshot.exists:
        return None
    doc = snapshot.to_dict() or {}
    return str(doc.get("name", site_id)), str(doc.get("locale") or "en")


def site_timezone(site_id: str) -> str | None:
    """The site's zone name ("" when unset); None when there is no such site."""
    snapshot = site_ref(site_id).get(field_paths=["timezone"])
    if not snapshot.exists:
        return None
    return str((snapshot.to_dict() or {}).get("timezone") or "")


def create_site(site_id: str, doc: Mapping[str, Any]) -> bool:
    """Create the site document; False when a site with this id exists."""
    try:
        site_ref(site_id).create(dict(doc))
    except (gexc.AlreadyExists, gexc.Conflict):
        return False
    return True


def update_site(site_id: str, changes_for: Callable[[Mapping[str, Any]], Mapping[str, Any]]) -> None:
    """Read the site and write the changes `changes_for` makes of it (the
    stored document) in one transaction; NotFound when there is no site."""
    ref = site_ref(site_id)

    @firestore.transactional
    def run(transaction: firestore.Transaction) -> None:
        snapshot = ref.get(transaction=transaction)
        if not snapshot.exists:
            raise NotFound("Site not found")
        transaction.update(ref, dict(changes_for(snapshot.to_dict() or {})))

    run(db().transaction())


@dataclass(frozen=True)
class SiteDocs:
    """The site and its catalog as stored: what the admin pages edit."""

    site_id: str
    site: Doc
    branches: dict[str, Doc]
    services: dict[str, Doc]
    staff: dict[str, Doc]
    schedules: dict[str, Doc]


def _collection(ref: firestore.DocumentReference, name: str) -> dict[str, Doc]:
    return {snapshot.id: snapshot.to_dict() or {} for snapshot in ref.collection(name).stream()}


def site_docs(site_id: str) -> SiteDocs | None:
    """The site with every catalog document, read at once (catalogs are
    small); None when there is no such site."""
    ref = site_ref(site_id)
    reads = {name: POOL.submit(_collection, ref, name) for name in ("branches", "services", "staff", "schedules")}
    snapshot = ref.get()
    if not snapshot.exists:
        for pending in reads.values():
            pending.cancel()
        return None
    return SiteDocs(
        site_id=site_id,
        site=snapshot.to_dict() or {},
        branches=reads["branches"].result(),
        services=reads["services"].result(),
        staff=reads["staff"].result(),
        schedules=reads["schedules"].result(),
    )


# Branches, services and staff


def item_exists(site_id: str, collection: str, item_id: str) -> bool:
    return bool(site_ref(site_id).collection(collection).document(item_id).get(field_paths=["name"]).exists)


def item_ids(site_id: str, collection: str) -> set[str]:
    return {snapshot.id for snapshot in site_ref(site_id).collection(collection).select([]).stream()}


def save_item(site_id: str, collection: str, item_id: str, doc: Mapping[str, Any], now: datetime, create: bool) -> None:
    """Create the item, or merge `doc` into the stored one, where None clears
    a stored optional field (a removed price, a branch's zone)."""
    ref = site_ref(site_id).collection(collection).document(item_id)
    batch = db().batch()
    if create:
        batch.create(ref, {key: value for key, value in doc.items() if value is not None} | {"updatedAt": now})
    else:
        merged = {key: firestore.DELETE_FIELD if value is None else value for key, value in doc.items()}
        batch.set(ref, merged | {"updatedAt": now}, merge=True)
    mark_catalog_changed(batch, site_id)
    batch.commit()


def place_unplaced_staff(site_id: str, branch_id: str, now: datetime) -> int:
    """Put every staff member without a branch into `branch_id`; returns how many."""
    batch = db().batch()
    moved = 0
    for snapshot in site_ref(site_id).collection("staff").select(["branchId"]).stream():
        if not (snapshot.to_dict() or {}).get("branchId"):
            batch.update(snapshot.reference, {"branchId": branch_id, "updatedAt": now})
            moved += 1
    if moved:
        mark_catalog_changed(batch, site_id)
        batch.commit()
    return moved


@dataclass(frozen=True)
class ItemUse:
    """What still refers to a catalog item, as read in its delete's transaction."""

    exists: bool
    future_bookings: bool
    """A booking holding time from now on uses it."""
    staff: bool
    """Branches: a staff member belongs to it."""


def delete_item(site_id: str, collection: str, item_id: str, now: datetime, check: Callable[[ItemUse], None]) -> None:
    """Delete a service, staff member or branch in one transaction, once
    `check` (which raises to refuse) has seen what still uses it: a booking
    made meanwhile makes the transaction retry and `check` refuse.

    With the item go the links to it and its own records: a service leaves
    its staff members' services, a branch or staff member loses its
    schedule, a staff member their private record (the PIN).
    """
    site = site_ref(site_id)
    ref = site.collection(collection).document(item_id)
    future = booking_queries.upcoming_query(site_id, now, **{BOOKING_FIELD[collection]: item_id}).limit(1)
    staff = site.collection("staff")

    @firestore.transactional
    def run(transaction: firestore.Transaction) -> None:
        exists = bool(ref.get(transaction=transaction).exists)
        future_bookings = bool(list(transaction.get(future)))
        members = staff.where(filter=FieldFilter("branchId", "==", item_id)).limit(1)
        has_staff = collection == "branches" and bool(list(transaction.get(members)))
        check(ItemUse(exists=exists, future_bookings=future_bookings, staff=has_staff))
        if collection == "services":
            linked = staff.where(filter=FieldFilter("serviceIds", "array_contains", item_id))
            for member in transaction.get(linked):
                transaction.update(member.reference, {"serviceIds": firestore.ArrayRemove([item_id])})
        else:
            prefix = "branch" if collection == "branches" else "staff"
            transaction.delete(site.collection("schedules").document(f"{prefix}-{item_id}"))
        if collection == "staff":
            transaction.delete(site.collection("staffPrivate").document(item_id))
        transaction.delete(ref)
        mark_catalog_changed(transaction, site_id)

    run(db().transaction())


# Opening hours


def save_schedule(
    site_id: str, schedule_id: str, scope: str, owner_id: str | None, hours: Hours | None, now: datetime
) -> None:
    """Store the hours of the site, a branch or a staff member; None removes
    the schedule (the location's hours apply again)."""
    ref = site_ref(site_id).collection("schedules").document(schedule_id)
    batch = db().batch()
    if hours is None:
        batch.delete(ref)
    else:
        owner = {SCHEDULE_OWNER_FIELD[scope]: owner_id} if scope in SCHEDULE_OWNER_FIELD else {}
        batch.set(ref, {"scope": scope, **owner, **catalog_mapper.hours_to_doc(hours), "updatedAt": now})
    mark_catalog_changed(batch, site_id)
    batch.commit()
