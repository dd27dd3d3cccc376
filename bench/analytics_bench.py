"""The dashboard aggregate over 10,000 bookings, and reading it."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

import demo_data
import demo_history

from bench.booking_calls import percentile, reset


def analytics_step(db: Any) -> dict[str, float]:
    """10,000 past bookings of 2,000 clients written as the system leaves them
    (counters and recounted profiles), then the aggregate computed and read."""
    from booking.adapters import analytics_store
    from booking.services import analytics

    reset(db)
    today = datetime.now(ZoneInfo(demo_data.SITE["timezone"])).date()
    demo_history.seed_history(db, today, count=10_000, clients=2_000, dashboard=False)
    started = time.perf_counter()
    analytics.compute(demo_data.SITE_ID, datetime.now(UTC))
    aggregate_s = time.perf_counter() - started
    reads = []
    for _ in range(30):
        started = time.perf_counter()
        assert analytics_store.read(demo_data.SITE_ID) is not None
        reads.append((time.perf_counter() - started) * 1000)
    return {"analytics_aggregate_10k_s": round(aggregate_s, 2), "dashboard_read_ms": round(percentile(reads, 0.95), 2)}
