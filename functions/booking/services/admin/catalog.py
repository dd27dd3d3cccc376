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

from booking.adapters import catalog_mapper, catalog_store
from booking.adapters.catalog_store import ItemUse, SiteDocs
from booking.domain.booking_rules import DEFAULT_RULES
from booking.domain.catalog import unoffered_services
from booking.domain.errors import Conflict, InvalidInput, NotFound

DEFAULT_BRANCH_SETTINGS: dict[str, Any] = DEFAULT_RULES
"""What a branch follows when neither it nor its site says otherwise."""
LABELS = {"services": "Service", "staff": "Staff member", "branches": "Branch"}
"""Catalog collection -> the name of its items in messages."""


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


def unoffered_service_ids(docs: SiteDocs) -> frozenset[str]:
    """The active services of the stored catalog that get no times because no
    active staff member offers them (domain.catalog.unoffered_services)."""
    services = [catalog_mapper.service_from(item_id, doc) for item_id, doc in docs.services.items()]
    staff = [catalog_mapper.staff_from(item_id, doc, None) for item_id, doc in docs.staff.items()]
    return frozenset(service.id for service in unoffered_services(services, staff))


def _require_site(site_id: str) -> None:
    if not catalog_store.site_exists(site_id):
        raise NotFound("Site not found")


def _save(write: ItemWrite, collection: str, now: datetime) -> tuple[str, bool]:
    _require_site(write.site_id)
    created = write.item_id is None
    item_id = write.item_id or new_id(str(write.doc.get("name", "")))
    if not created and not catalog_store.item_exists(write.site_id, collection, item_id):
        raise NotFound(f"{LABELS[collection]} not found")
    catalog_store.save_item(write.site_id, collection, item_id, write.doc, now, create=created)
    return item_id, created


def save_service(write: ItemWrite, now: datetime) -> dict[str, Any]:
    item_id, created = _save(write, "services", now)
    return {"id": item_id, "created": created}


def save_staff(write: ItemWrite, now: datetime) -> dict[str, Any]:
    """Linked services and the branch must exist. With branches, a staff
    member belongs to one (the only one when there is one)."""
    _require_site(write.site_id)
    unknown = sorted(set(write.doc["serviceIds"]) - catalog_store.item_ids(write.site_id, "services"))
    if unknown:
        raise InvalidInput("staff.serviceIds", f"unknown service '{unknown[0]}'")
    branches = catalog_store.item_ids(write.site_id, "branches")
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
    _require_site(write.site_id)
    had_branches = bool(catalog_store.item_ids(write.site_id, "branches"))
    item_id, created = _save(write, "branches", now)
    moved = catalog_store.place_unplaced_staff(write.site_id, item_id, now) if created and not had_branches else 0
    return {"id": item_id, "created": created, "staffMoved": moved}


def delete_item(site_id: str, item_id: str, collection: str, now: datetime) -> dict[str, Any]:
    """Delete a service, staff member or branch that no future booking uses.

    With future bookings only deactivating is allowed: the bookings keep
    pointing at it. Decided inside the delete's transaction, so a booking
    made meanwhile makes it retry and then refuse.
    """
    label = LABELS[collection]

    def refuse_if_used(use: ItemUse) -> None:
        if not use.exists:
            raise NotFound(f"{label} not found")
        if use.future_bookings:
            raise Conflict(f"{label} has future bookings: deactivate it instead")
        if use.staff:
            raise Conflict("Branch still has staff: move them to another branch first")

    catalog_store.delete_item(site_id, collection, item_id, now, refuse_if_used)
    return {"id": item_id, "deleted": True}
