"""The JSON of the Customers pages."""

from __future__ import annotations

from typing import Any

from booking.api.admin.views import booking_summary
from booking.domain.customer import CustomerProfile
from booking.services.admin.customers import CustomerDetail, CustomerPage


def _day(number: int | None) -> str | None:
    """20261103 -> "2026-11-03"."""
    return f"{number // 10000:04d}-{number // 100 % 100:02d}-{number % 100:02d}" if number else None


def customer_summary(profile: CustomerProfile) -> dict[str, Any]:
    return {
        "id": profile.id,
        "name": profile.name,
        "email": profile.email,
        "phone": profile.phone,
        "visits": profile.counts.visits,
        "noShows": profile.counts.no_shows,
        "tier": profile.tier.value,
        "firstVisit": _day(profile.counts.first_visit_day),
        "lastVisit": _day(profile.counts.last_visit_day),
        "bookings": profile.booking_count,
        "tags": list(profile.tags),
        "marketingOptIn": profile.marketing_opt_in,
    }


def customer_page(page: CustomerPage) -> dict[str, Any]:
    return {"customers": [customer_summary(p) for p in page.customers], "nextCursor": page.next_cursor}


def customer_detail(detail: CustomerDetail) -> dict[str, Any]:
    profile = detail.profile
    return {
        **customer_summary(profile),
        "notes": profile.notes,
        "aliases": list(profile.aliases),
        "consentAt": profile.consent_at.isoformat() if profile.consent_at else None,
        "consentLog": [
            {"value": e.value, "at": e.at.isoformat(), "source": e.source, "text": e.text, "verified": e.verified}
            for e in detail.consent_log
        ],
        "history": [booking_summary(booking) for booking in detail.history],
        "nextCursor": detail.next_cursor,
    }
