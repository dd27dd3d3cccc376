"""The staff calendar's range read: adminGetCalendar for one week of the
busy 10-staff site of `booking_bench.busy_site` (about 10 bookings per
member a day), warm, as the admin's Calendar page polls it."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import demo_data

from bench.booking_bench import busy_site
from bench.booking_calls import ZONE, Visitor, admin_token, percentile


def calendar_week(db: Any, calls: int = 30) -> float:
    """p95 milliseconds of the week's read, 10 staff, warm."""
    busy_site(db)
    query = {
        "siteId": demo_data.SITE_ID,
        "branchId": "centrum",
        "date": datetime.now(ZONE).date().isoformat(),
        "days": 7,
    }
    token = admin_token()
    admin = Visitor()
    for _ in range(3):
        admin.call("adminGetCalendar", query, token)
    latencies = []
    for _ in range(calls):
        ms, body = admin.call("adminGetCalendar", query, token)
        result = body["result"]
        assert (len(result["days"]), len(result["staff"])) == (7, 10), body
        latencies.append(ms)
    return percentile(latencies, 0.95)


def run(db: Any) -> dict[str, float]:
    return {"calendar_week_10staff_ms": round(calendar_week(db), 1)}
