"""Booking → Dashboard in real Chromium: 14 cards and four charts, each with
its table, from the stored aggregate. Screenshot: test-artifacts/admin-dashboard.png."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import demo_history
from playwright.sync_api import Page, expect

from tests.browser.test_admin_pages import admin, open_page, shot
from tests.emulator.test_admin_customers import seed_people
from tests.emulator.test_dashboard import seed_history
from tests.support.axe import assert_accessible
from tests.support.dates import AMSTERDAM

__all__ = ["admin"]


def test_the_dashboard_shows_14_cards_and_four_charts_with_tables(demo: Any, admin: Page) -> None:
    seed_people(demo)
    seed_history(demo)
    open_page(admin, "dashboard")
    cards = admin.locator("main .stat")
    expect(cards).to_have_count(14)
    expect(cards.filter(has_text="Total customers")).to_contain_text("4")
    expect(cards.filter(has_text="Revenue this month")).to_contain_text("€12.00")
    expect(cards.filter(has_text="Most popular service")).to_contain_text("Colour")
    expect(cards.filter(has_text="Busiest hour")).to_contain_text("10:00")
    figures = admin.locator("main figure")
    expect(figures).to_have_count(4)
    for name in ("Bookings per day", "Bookings by weekday and hour", "Revenue per month", "Customers by tier"):
        expect(admin.get_by_role("figure", name=name)).to_be_visible()
    tiers = admin.get_by_role("figure", name="Customers by tier")
    tiers.get_by_text("Show as a table").click()
    expect(tiers.locator("tbody tr")).to_have_count(4)
    expect(tiers.locator("tbody tr").filter(has_text="VIP")).to_contain_text("1")
    assert_accessible(admin, "admin: dashboard")
    shot(admin, "dashboard")


def test_the_demo_history_draws_every_chart(demo: Any, admin: Page) -> None:
    demo_history.seed_history(demo, datetime.now(AMSTERDAM).date())
    open_page(admin, "dashboard")
    expect(admin.locator("main .stat")).to_have_count(14)
    expect(admin.locator("main .chart-line")).to_have_count(1)
    expect(admin.locator("main .chart-cell").first).to_be_visible()
    assert admin.locator("main .chart-bar").count() == 12 + 4
    occupancy = admin.locator("main .stat").filter(has_text="Occupancy")
    expect(occupancy).to_contain_text("%")
    shot(admin, "dashboard-demo")
