"""The dashboard's card and chart definitions (docs/analytics.md)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from booking.domain import analytics
from booking.domain.analytics import CustomerCounts, DayStat

TODAY = date(2026, 3, 31)


def test_booking_cards_count_the_30_days_ending_today_only() -> None:
    days = [
        DayStat(date(2026, 3, 31), 3, 90, {"tue-10": 2, "tue-14": 1}, {"cut": 3}),
        DayStat(date(2026, 3, 2), 1, 60, {"mon-09": 1}, {"colour": 1}),
        DayStat(date(2026, 3, 1), 9, 270, {"sun-11": 9}, {"colour": 9}),  # 31 days back: left out
    ]
    cards = analytics.booking_cards(days, TODAY, 1200, 600)
    assert cards == {
        "revenueThisMonthCents": 1200,
        "popularService": "cut",
        "busiestWeekday": "tue",
        "busiestHour": "10",
        "bookingsPerDay": round(4 / 30, 2),
        "occupancyRate": 25.0,
    }


def test_cards_without_data_say_none_rather_than_a_made_up_zero() -> None:
    cards = analytics.booking_cards([], TODAY, 0, None)
    assert (cards["popularService"], cards["busiestWeekday"], cards["occupancyRate"]) == (None, None, None)
    counts = CustomerCounts(0, 0, 0, 0, 0, 0, 0, 0, 0, {})
    crm = analytics.crm_cards(counts)
    assert (crm["retentionRate"], crm["averageVisits"]) == (None, None)


def test_retention_is_the_share_of_last_periods_customers_who_came_back() -> None:
    counts = CustomerCounts(10, 1, 1, 0, 0, 0, 30, returned_90=3, lapsed_90=1, by_tier={})
    assert analytics.crm_cards(counts)["retentionRate"] == 75.0


def test_charts_cover_90_days_oldest_first_and_the_heatmap_sums_them() -> None:
    days = [DayStat(date(2026, 3, 30), 2, 60, {"mon-10": 2}, {}), DayStat(date(2026, 1, 1), 1, 30, {"thu-09": 1}, {})]
    charts = analytics.charts(days, TODAY)
    series = charts["bookingsPerDay"]
    assert (len(series), series[0]["date"], series[-1]["date"]) == (90, "2026-01-01", "2026-03-31")
    assert charts["heatmap"] == {"mon-10": 2, "thu-09": 1}


def test_slots_are_keyed_by_local_weekday_and_hour_across_daylight_saving() -> None:
    assert analytics.slot_key(datetime(2026, 3, 29, 8, 30, tzinfo=UTC), "Europe/Amsterdam") == "sun-10"
    assert analytics.months_back(TODAY, 3) == [date(2026, 1, 1), date(2026, 2, 1), date(2026, 3, 1)]
    assert analytics.next_month(date(2026, 12, 1)) == date(2027, 1, 1)


def test_capacity_counts_every_free_staff_member_per_probe_and_a_single_resource_once() -> None:
    assert analytics.capacity_minutes([[2, 2, 1], [0]]) == (2 + 2 + 1 + 1) * analytics.CAPACITY_STEP
