"""The site as its admins see it: creating it, reading everything the admin
pages show in one call, and changing its profile, widget and settings."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from booking.adapters import catalog_store
from booking.adapters.catalog_store import SiteDocs
from booking.domain.errors import Conflict, NotFound
from booking.domain.model import Settings
from booking.domain.site import Widget
from booking.services.admin.catalog import with_defaults

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
    "changeCutoffHours": Settings.change_cutoff_hours,
}
DEFAULT_TERMS = {"required": False, "text": "", "url": "", "version": ""}
DEFAULT_EMAIL = {"logoUrl": "", "footer": "", "replyTo": ""}


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


def create_site(new: NewSite, now: datetime) -> SiteDocs:
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
    if not catalog_store.create_site(new.site_id, doc):
        raise Conflict("A site with this id exists already")
    return overview(new.site_id)


def next_terms_version(stored: Mapping[str, Any], terms: Mapping[str, Any]) -> str:
    """A new version whenever the text or the URL changes, so each booking
    records exactly which terms its client accepted."""
    version = str(stored.get("version") or "")
    changed = stored.get("text", "") != terms["text"] or stored.get("url", "") != terms["url"]
    if not changed and (version or not (terms["text"] or terms["url"])):
        return version
    return str(int(version) + 1) if version.isdigit() else "1"


def update_settings(update: SiteUpdate, now: datetime) -> SiteDocs:
    def changes(stored: Mapping[str, Any]) -> dict[str, Any]:
        changes = dict(update.changes)
        if "settings" in changes:  # settings the update leaves out keep their stored values, rule fields too
            changes["settings"] = with_defaults(changes["settings"], stored.get("settings") or {})
        if update.terms is not None:
            terms = stored.get("terms") or {}
            changes["terms"] = {**update.terms, "version": next_terms_version(terms, update.terms)}
        return {**changes, "updatedAt": now}

    catalog_store.update_site(update.site_id, changes)
    return overview(update.site_id)


def overview(site_id: str) -> SiteDocs:
    """Site, branches, services, staff and schedules in one answer."""
    docs = catalog_store.site_docs(site_id)
    if docs is None:
        raise NotFound("Site not found")
    return docs
