"""The demo's three months of history: written like the running system
leaves it, recounted by the migration (a second run changes nothing), and
the dashboard has something to show."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import demo_history

from tests.emulator.test_admin_access import admin_call
from tests.support.dates import AMSTERDAM


def test_the_demo_history_fills_customers_and_the_dashboard_and_recounts_idempotently(demo: Any) -> None:
    from booking.adapters import customer_counts

    today = datetime.now(AMSTERDAM).date()
    assert demo_history.seed_history(demo, today) == demo_history.BOOKINGS
    assert customer_counts.recount_site("demo") == 0  # the migration, run again on the demo data
    board = admin_call("adminGetDashboard", {"siteId": "demo"})
    assert sum(day["bookings"] for day in board["charts"]["bookingsPerDay"]) == demo_history.BOOKINGS
    assert board["crm"]["totalCustomers"] > 30
    assert sum(board["charts"]["customersByTier"].values()) == board["crm"]["totalCustomers"]
    assert board["charts"]["customersByTier"]["vip"] >= 1
    assert board["bookings"]["revenueThisMonthCents"] >= 0
    assert board["bookings"]["busiestHour"] is not None
    vip = admin_call("adminListCustomers", {"siteId": "demo", "tier": "vip"})["customers"][0]
    detail = admin_call("adminGetCustomer", {"siteId": "demo", "customerId": vip["id"]})
    assert vip["visits"] >= 10
    assert [b["start"] for b in detail["history"]] == sorted((b["start"] for b in detail["history"]), reverse=True)
    assert all(datetime.fromisoformat(b["start"]) < datetime.now(UTC) for b in detail["history"])
