"""The dashboard: one aggregate document per site, written by the hourly
job and by a rate-limited refresh; opening the page reads only that."""

from __future__ import annotations

import logging
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from booking.adapters import analytics_store, catalog_store
from booking.domain import analytics
from booking.domain.errors import NotFound, RateLimited
from booking.domain.loyalty import day_number

REFRESH_EVERY = timedelta(minutes=5)
"""How soon an admin may ask for a fresh aggregate again."""
log = logging.getLogger(__name__)


def _zone(site_id: str) -> ZoneInfo:
    timezone = catalog_store.site_timezone(site_id)
    if timezone is None:
        raise NotFound("Site not found")
    return ZoneInfo(timezone or "UTC")


def _day(day: date) -> int:
    return day_number(day.isoformat())


def _revenue(site_id: str, first: date, zone: ZoneInfo) -> int:
    """The month starting on `first`, in the site's zone."""
    start, end = (datetime.combine(day, time(), zone) for day in (first, analytics.next_month(first)))
    return analytics_store.revenue(site_id, start, end)


def available_minutes(site_id: str, first: date, last: date, zone: ZoneInfo) -> int:
    """Open staff minutes over [first, last], from the availability engine
    (its public functions only): a 5-minute probe service every staff member
    offers, on an empty calendar, asked as of the first day's start."""
    import dataclasses

    from booking.adapters import site_store
    from booking.domain.availability import AvailabilityRequest, available_days
    from booking.domain.model import Service

    catalog = site_store.load_catalog(site_id, require_enabled=False)
    probe = Service(id="capacity-probe", name="", duration_minutes=analytics.CAPACITY_STEP)
    staff = tuple(dataclasses.replace(m, service_ids=m.service_ids | {probe.id}) for m in catalog.staff)
    settings = dataclasses.replace(
        catalog.site.settings,
        slot_interval_minutes=analytics.CAPACITY_STEP,
        buffer_minutes=0,
        min_notice_minutes=0,
        horizon_days=(last - first).days + 2,
    )
    total = 0
    for branch in catalog.active_branches or (None,):
        request = AvailabilityRequest(
            timezone=catalog.timezone_of(branch),
            hours=catalog.location_hours(branch),
            service=probe,
            staff=staff,
            busy=(),
            settings=settings,
            now=datetime.combine(first, time(), zone),
            first_day=first,
            last_day=last,
            branch_id=branch.id if branch else None,
        )
        days = available_days(request)
        total += analytics.capacity_minutes([[len(slot.staff_ids) for slot in day.slots] for day in days])
    return total


def compute(site_id: str, now: datetime) -> dict[str, Any]:
    """Compute and store the site's aggregate; returns it."""
    zone = _zone(site_id)
    today = now.astimezone(zone).date()
    counts = analytics_store.customer_counts(
        site_id, _day(today - timedelta(days=29)), _day(today - timedelta(days=89)), _day(today - timedelta(days=179))
    )
    days = analytics_store.day_stats(site_id, today - timedelta(days=89), today)
    revenue = [
        {"month": first.isoformat()[:7], "cents": _revenue(site_id, first, zone)}
        for first in analytics.months_back(today, 12)
    ]
    doc = {
        "computedAt": now,
        "today": today.isoformat(),
        "crm": analytics.crm_cards(counts),
        "bookings": analytics.booking_cards(
            days,
            today,
            _revenue(site_id, analytics.months_back(today, 1)[0], zone),
            available_minutes(site_id, today - timedelta(days=29), today, zone),
        ),
        "charts": {
            **analytics.charts(days, today),
            "revenuePerMonth": revenue,
            "customersByTier": dict(counts.by_tier),
        },
    }
    analytics_store.save(site_id, doc)
    return doc


def dashboard(site_id: str, now: datetime) -> dict[str, Any]:
    """The stored aggregate (one read); computed once if the job hasn't yet."""
    return analytics_store.read(site_id) or compute(site_id, now)


def refresh(site_id: str, now: datetime) -> dict[str, Any]:
    stored = analytics_store.read(site_id)
    if stored and now - stored["computedAt"] < REFRESH_EVERY:
        raise RateLimited("The dashboard was refreshed less than 5 minutes ago; please wait a moment")
    return compute(site_id, now)


def refresh_all(now: datetime) -> int:
    """The hourly job: every site with booking on; one failing site doesn't stop the rest."""
    done = 0
    for site_id in analytics_store.site_ids():
        try:
            compute(site_id, now)
            done += 1
        except Exception:
            log.exception("dashboard of site %s", site_id)
    return done
