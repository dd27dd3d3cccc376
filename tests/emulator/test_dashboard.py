"""Booking → Dashboard: one aggregate per site from counters and aggregation
queries, written by the hourly job or a rate-limited refresh."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from scheduled.runner import discover, fire
from tests.emulator.email_support import book
from tests.emulator.test_admin_access import NO_ROLE_TOKEN, OTHER_ADMIN_TOKEN, admin_call, admin_error
from tests.emulator.test_admin_customers import seed_people
from tests.support.dates import AMSTERDAM, local, next_workday

JOB = next(job for job in discover() if job.name == "refreshDashboards")


def seed_history(db: Any) -> None:
    """Counters of two past days and this month's payments."""
    today = datetime.now(AMSTERDAM).date()
    for back, slots in ((1, {"tue-10": 2, "tue-14": 1}), (3, {"sat-10": 1})):
        day = (today - timedelta(days=back)).isoformat()
        total = sum(slots.values())
        db.document(f"sites/demo/dailyStats/{day}").set(
            {"date": day, "bookings": total, "minutes": 30 * total, "slots": slots, "services": {"colour": total}}
        )
    now = datetime.now(UTC)
    for doc_id, kind, cents, status in (
        ("deposit-b1", "deposit", 1000, "succeeded"),
        ("no-show-fee-b2", "no_show_fee", 500, "succeeded"),
        ("refund-b1", "refund", 300, "succeeded"),
        ("deposit-b3", "deposit", 9999, "failed"),
    ):
        db.document(f"sites/demo/payments/{doc_id}").set(
            {"kind": kind, "amountCents": cents, "status": status, "currency": "EUR", "createdAt": now}
        )


def test_a_booking_adds_itself_to_its_days_counters(demo: Any) -> None:
    day = next_workday(2)
    book(local(day, 10))
    stats = demo.document(f"sites/demo/dailyStats/{day.isoformat()}").get().to_dict()
    weekday = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")[day.weekday()]
    assert (stats["bookings"], stats["minutes"], stats["slots"], stats["services"]) == (
        1,
        30,
        {f"{weekday}-10": 1},
        {"haircut": 1},
    )


def test_the_dashboard_has_its_14_cards_and_charts_and_refreshing_is_rate_limited(demo: Any) -> None:
    seed_people(demo)
    seed_history(demo)
    board = admin_call("adminGetDashboard", {"siteId": "demo"})
    crm = board["crm"]
    assert set(crm) == {
        "totalCustomers",
        "newCustomers",
        "retentionRate",
        "vipCustomers",
        "repeatNoShows",
        "marketingOptIns",
        "averageVisits",
        "inactiveCustomers",
    }
    assert (crm["totalCustomers"], crm["vipCustomers"], crm["repeatNoShows"]) == (4, 1, 2)
    assert (crm["marketingOptIns"], crm["averageVisits"]) == (2, 5.25)
    assert len(board["bookings"]) == 6
    assert board["bookings"]["revenueThisMonthCents"] == 1000 + 500 - 300
    assert board["bookings"]["popularService"] == "colour"
    assert board["bookings"]["busiestHour"] == "10"
    assert board["bookings"]["bookingsPerDay"] == round(4 / 30, 2)
    # 120 booked minutes over 30 days of the demo staff's open hours, from the engine
    assert 0 < board["bookings"]["occupancyRate"] < 1
    assert len(board["charts"]["bookingsPerDay"]) == 90
    assert board["charts"]["heatmap"] == {"tue-10": 2, "tue-14": 1, "sat-10": 1}
    assert len(board["charts"]["revenuePerMonth"]) == 12
    assert board["charts"]["customersByTier"] == {"new": 1, "returning": 1, "regular": 1, "vip": 1}
    refused = admin_error("adminRefreshDashboard", {"siteId": "demo"})
    assert refused.status == "RESOURCE_EXHAUSTED"
    demo.document("sites/demo/analytics/dashboard").update({"computedAt": datetime.now(UTC) - timedelta(hours=1)})
    again = admin_call("adminRefreshDashboard", {"siteId": "demo"})
    assert again["computedAt"] > board["computedAt"]


def test_the_hourly_job_writes_every_sites_aggregate(demo: Any) -> None:
    seed_people(demo)
    assert not demo.document("sites/demo/analytics/dashboard").get().exists
    assert fire(JOB) == "200"
    assert demo.document("sites/demo/analytics/dashboard").get().get("crm")["totalCustomers"] == 4


@pytest.mark.parametrize("auth", [None, NO_ROLE_TOKEN, OTHER_ADMIN_TOKEN], ids=["signed-out", "no-role", "other"])
def test_only_the_sites_admins_read_or_refresh_the_dashboard(demo: Any, auth: str | None) -> None:
    for name in ("adminGetDashboard", "adminRefreshDashboard"):
        status = admin_error(name, {"siteId": "demo"}, auth=auth).status
        assert status == ("UNAUTHENTICATED" if auth is None else "PERMISSION_DENIED")
    assert not demo.document("sites/demo/analytics/dashboard").get().exists
