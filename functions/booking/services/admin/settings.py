"""The site as its admins see it: creating it, reading everything the admin
pages show in one call, and changing its profile, widget and settings."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from google.api_core import exceptions as gexc
from google.cloud import firestore

from booking.adapters.firestore_client import db, site_ref
from booking.adapters.site_store import POOL
from booking.domain.errors import Conflict, NotFound
from booking.domain.model import Settings
from booking.domain.site import Widget
from booking.services.admin.catalog import DEFAULT_BRANCH_SETTINGS, with_defaults

DEFAULT_WIDGET = {
    "heading": Widget.heading,
    "accentColor": Widget.accent_color,
    "layout": Widget.layout,
    "showStaff": Widget.show_staff,
}
DEFAULT_SETTINGS = {
    "horizonDays": Settings.horizon_days,
    "slotIntervalMinutes": Settings.slot_interval_minutes,
    "bufferMinutes": Settings.buffer_minutes,
    "minNoticeMinutes": Settings.min_notice_minutes,
}
DEFAULT_TERMS = {"required": False, "text": "", "url": "", "version": ""}


@dataclass(frozen=True)
class NewSite:
    site_id: str
    name: str
    timezone: str
    locale: str = "en"
    currency: str = "EUR"


@dataclass(frozen=True)
class SiteUpdate:
    site_id: str
    changes: dict[str, Any]
    """Whole sections of the site document: name, timezone, widget, settings, ..."""
    terms: dict[str, Any] | None = None
    """`required`, `text`, `url`; the version is decided here."""


def create_site(new: NewSite, now: datetime) -> dict[str, Any]:
    """A new site with default settings and the booking widget switched off,
    so nothing is public until its admin activates it."""
    doc = {
        "name": new.name,
        "timezone": new.timezone,
        "locale": new.locale,
        "currency": new.currency,
        "bookingEnabled": False,
        "widget": DEFAULT_WIDGET,
        "settings": DEFAULT_SETTINGS,
        "terms": DEFAULT_TERMS,
        "payments": {"ready": False},
        "createdAt": now,
    }
    try:
        site_ref(new.site_id).create(doc)
    except (gexc.AlreadyExists, gexc.Conflict) as error:
        raise Conflict("A site with this id exists already") from error
    return overview(new.site_id)


def next_terms_version(stored: Mapping[str, Any], terms: Mapping[str, Any]) -> str:
    """A new version whenever the text or the URL changes, so each booking
    records exactly which terms its client accepted."""
    version = str(stored.get("version") or "")
    changed = stored.get("text", "") != terms["text"] or stored.get("url", "") != terms["url"]
    if not changed and (version or not (terms["text"] or terms["url"])):
        return version
    return str(int(version) + 1) if version.isdigit() else "1"


def update_settings(update: SiteUpdate, now: datetime) -> dict[str, Any]:
    ref = site_ref(update.site_id)
    transaction = db().transaction()

    @firestore.transactional
    def run(transaction: firestore.Transaction) -> None:
        snapshot = ref.get(transaction=transaction)
        if not snapshot.exists:
            raise NotFound("Site not found")
        changes = dict(update.changes)
        if update.terms is not None:
            stored = (snapshot.to_dict() or {}).get("terms") or {}
            changes["terms"] = {**update.terms, "version": next_terms_version(stored, update.terms)}
        transaction.update(ref, {**changes, "updatedAt": now})

    run(transaction)
    return overview(update.site_id)


def _collection(ref: firestore.DocumentReference, name: str) -> dict[str, dict[str, Any]]:
    return {snapshot.id: snapshot.to_dict() or {} for snapshot in ref.collection(name).stream()}


def _sorted(items: dict[str, dict[str, Any]], defaults: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
    rows = [{**(defaults or {}), **doc, "id": item_id} for item_id, doc in items.items()]
    return sorted(rows, key=lambda row: (str(row.get("name", "")).lower(), row["id"]))


def overview(site_id: str) -> dict[str, Any]:
    """Site, branches, services, staff and schedules in one answer: a handful
    of reads whatever the page, since catalogs are small."""
    ref = site_ref(site_id)
    reads = {name: POOL.submit(_collection, ref, name) for name in ("branches", "services", "staff", "schedules")}
    snapshot = ref.get()
    if not snapshot.exists:
        for pending in reads.values():
            pending.cancel()
        raise NotFound("Site not found")
    doc = snapshot.to_dict() or {}
    branches = reads["branches"].result()
    for branch in branches.values():
        branch["settings"] = with_defaults(branch.get("settings") or {}, DEFAULT_BRANCH_SETTINGS)
    return plain(
        {
            "site": {
                "id": site_id,
                "name": doc.get("name", site_id),
                "timezone": doc.get("timezone", "UTC"),
                "locale": doc.get("locale", "en"),
                "currency": doc.get("currency", "EUR"),
                "bookingEnabled": bool(doc.get("bookingEnabled", False)),
                "widget": {**DEFAULT_WIDGET, **(doc.get("widget") or {})},
                "settings": {**DEFAULT_SETTINGS, **(doc.get("settings") or {})},
                "terms": {**DEFAULT_TERMS, **(doc.get("terms") or {})},
                "paymentsReady": bool((doc.get("payments") or {}).get("ready", False)),
            },
            "branches": _sorted(branches, {"address": "", "city": "", "phone": "", "active": True}),
            "services": _sorted(reads["services"].result(), {"active": True, "intakeQuestions": []}),
            "staff": _sorted(reads["staff"].result(), {"serviceIds": [], "branchId": None, "active": True}),
            "schedules": {
                schedule_id: {key: schedule.get(key) or {} for key in ("weekly", "breaks", "overrides")}
                for schedule_id, schedule in reads["schedules"].result().items()
            },
        }
    )


def plain(value: Mapping[str, Any]) -> dict[str, Any]:
    """JSON-ready: instants become ISO-8601 strings in UTC."""
    result: dict[str, Any] = _plain(value)
    return result


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value
