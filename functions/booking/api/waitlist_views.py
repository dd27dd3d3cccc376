"""The JSON of the waitlist: for the client's page, staff and admins.
Times in the branch's zone, as ISO 8601 with the offset."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from booking.domain.catalog import Catalog
from booking.domain.waitlist import DayPart, Entry, Offer
from booking.services.waitlist_client import OfferView


def _local(instant: datetime | None, zone: ZoneInfo) -> str | None:
    return instant.astimezone(zone).isoformat() if instant else None


def _zone(catalog: Catalog, branch_id: str | None) -> ZoneInfo:
    branch = next((b for b in catalog.branches if b.id == branch_id), None)
    return ZoneInfo(catalog.timezone_of(branch))


def _names(catalog: Catalog) -> tuple[dict[str, str], dict[str, str]]:
    return {s.id: s.name for s in catalog.services}, {m.id: m.name for m in catalog.staff}


def joined(entry: Entry) -> dict[str, Any]:
    return {"entryId": entry.id, "status": entry.status.value}


def offer(view: OfferView, now: datetime) -> dict[str, Any]:
    """What the offer page shows: the time, and whether it can still be accepted."""
    offer, catalog = view.offer, view.catalog
    zone = _zone(catalog, offer.branch_id)
    services, staff = _names(catalog)
    deposit = next((s.deposit_cents for s in catalog.services if s.id == offer.service_id), None)
    answerable = offer.status.value == "open" and offer.hold_expires_at is not None and offer.hold_expires_at > now
    return {
        "offerId": offer.id,
        "status": offer.status.value if offer.status.value != "open" or answerable else "lapsed",
        "start": _local(offer.start, zone),
        "end": _local(offer.end, zone),
        "timezone": str(zone),
        "holdExpiresAt": _local(offer.hold_expires_at, zone),
        "service": {"id": offer.service_id, "name": services.get(offer.service_id, "")},
        "staffName": staff.get(offer.staff_id or ""),
        "depositCents": deposit,
        "currency": catalog.site.currency,
        "siteName": catalog.site.name,
        "locale": view.entry.locale if view.entry else catalog.site.locale,
        "customerName": view.entry.customer.name if view.entry else "",
        "bookingId": offer.booking_id,
    }


def left(entry: Entry) -> dict[str, Any]:
    return {"entryId": entry.id, "status": "left"}


def entries(catalog: Catalog, listed: list[Entry], offers: dict[str, Offer]) -> dict[str, Any]:
    """The list as staff and admins see it, first in line first."""
    services, staff = _names(catalog)
    rows = []
    for position, entry in enumerate(sorted(listed, key=lambda e: e.place), start=1):
        zone = _zone(catalog, entry.branch_id)
        open_offer = offers.get(entry.offer_id or "")
        rows.append(
            {
                "entryId": entry.id,
                "position": position,
                "status": entry.status.value,
                "branchId": entry.branch_id,
                "service": {"id": entry.service_id, "name": services.get(entry.service_id, "")},
                "customer": {"name": entry.customer.name, "email": entry.customer.email, "phone": entry.customer.phone},
                "from": entry.preference.first_day.isoformat(),
                "to": entry.preference.last_day.isoformat(),
                "parts": [part.value for part in DayPart if part in entry.preference.parts],
                "staffId": entry.preference.staff_id,
                "staffName": staff.get(entry.preference.staff_id or ""),
                "joinedAt": _local(entry.joined_at, zone),
                "offer": (
                    {
                        "offerId": open_offer.id,
                        "start": _local(open_offer.start, zone),
                        "end": _local(open_offer.end, zone),
                        "staffName": staff.get(open_offer.staff_id or ""),
                        "holdExpiresAt": _local(open_offer.hold_expires_at, zone),
                    }
                    if open_offer
                    else None
                ),
            }
        )
    return {"entries": rows}


def offered(offer: Offer) -> dict[str, Any]:
    """A manual offer as made: its id, entry and time (UTC)."""
    return {
        "offerId": offer.id,
        "entryId": offer.entry_id,
        "start": offer.start.isoformat(),
        "end": offer.end.isoformat(),
        "holdExpiresAt": offer.hold_expires_at.isoformat() if offer.hold_expires_at else None,
    }
