"""The CSV export of a segment of customers, streamed page by page so that
100,000 customers fit the function's memory (docs/customers.md#csv-export)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from booking.adapters import catalog_store, customer_queries
from booking.domain import customer_list, segments
from booking.domain.customer import CustomerProfile
from booking.domain.customer_list import CustomerFilter
from booking.domain.errors import NotFound
from booking.domain.segments import Segment

BOM = "\ufeff"
"""So Excel reads the file as UTF-8."""
PAGE = 500


def _row(profile: CustomerProfile) -> list[str]:
    last = profile.counts.last_visit_day
    cells = [
        profile.name,
        profile.email,
        profile.phone,
        profile.tier.value,
        str(profile.counts.visits),
        date(last // 10000, last // 100 % 100, last % 100).isoformat() if last else "",
        str(profile.counts.no_shows),
        ", ".join(profile.tags),
        "yes" if profile.marketing_opt_in else "no",
    ]
    return [segments.safe_cell(cell) for cell in cells]


def plans(site_id: str, segment: Segment, custom: CustomerFilter, now: datetime) -> list[customer_list.Plan]:
    """The queries, checked before the first byte is sent (bad filters get a clear error)."""
    timezone = catalog_store.site_timezone(site_id)
    if timezone is None:
        raise NotFound("Site not found")
    today = now.astimezone(ZoneInfo(timezone or "UTC")).date()
    return [customer_list.plan(each) for each in segments.filters(segment, custom, today - timedelta(days=89))]


def lines(site_id: str, queries: list[customer_list.Plan]) -> Iterator[str]:
    """The CSV, a chunk per page of customers: the BOM and header first."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(segments.HEADERS)
    yield BOM + buffer.getvalue()
    for plan in queries:
        cursor = None
        while True:
            found, more = customer_queries.page(site_id, plan, PAGE, cursor)
            buffer.seek(0)
            buffer.truncate()
            writer.writerows(_row(profile) for profile in found)
            yield buffer.getvalue()
            if not more:
                break
            cursor = found[-1].id
