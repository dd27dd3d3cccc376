"""Booking → Customers in real Chromium: an admin finds a client, sees their
tier and history, tags them and books for them. Screenshots:
test-artifacts/admin-customers-*.png."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from playwright.sync_api import Page, expect

from tests.browser.test_admin_pages import admin, open_page, saved, shot
from tests.emulator.email_support import book
from tests.emulator.test_admin_customers import seed_people
from tests.support.axe import assert_accessible
from tests.support.dates import local, next_workday

__all__ = ["admin"]


def test_an_admin_finds_a_client_sees_the_tier_and_history_tags_them_and_books_for_them(demo: Any, admin: Page) -> None:
    seed_people(demo)
    day = next_workday(2)
    first, second = book(local(day, 10)), book(local(day, 12))
    open_page(admin, "customers")
    table = admin.locator("main table")
    expect(table.locator("tbody tr")).to_have_count(5)
    expect(table.locator("tbody tr").first).to_contain_text("Alan Turing")
    shot(admin, "customers-list")

    admin.get_by_label("Tier").select_option(label="VIP")
    admin.get_by_role("button", name="Show customers").click()
    expect(table.locator("tbody tr")).to_have_count(1)
    expect(table).to_contain_text("Ada Lovelace")
    expect(table).to_contain_text("VIP")
    assert "tier=vip" in admin.url

    open_page(admin, "customers")
    admin.get_by_label("Name or e-mail").fill("ada@")
    admin.get_by_role("button", name="Show customers").click()
    expect(table.locator("tbody tr")).to_have_count(2)  # the seeded VIP and the one who just booked
    admin.get_by_role("link", name="Ada Lovelace").filter(has_text="Ada Lovelace").last.click()
    expect(admin.get_by_role("heading", name="Ada Lovelace", level=1)).to_be_visible()
    history = admin.locator("main table")
    expect(history.locator("tbody tr")).to_have_count(2)
    expect(history.locator("tbody tr").first).to_contain_text("12:00")  # newest first
    expect(admin.locator("main dl").first).to_contain_text("New")
    assert_accessible(admin, "admin: customer profile")

    admin.get_by_label("Tags").fill("vip, Colour ")
    admin.get_by_label("Notes").fill("Prefers mornings")
    admin.get_by_role("button", name="Save tags and notes").click()
    saved(admin, "Tags and notes saved")
    expect(admin.get_by_label("Tags")).to_have_value("vip, colour")
    shot(admin, "customers-profile")
    customer_id = demo.document(f"sites/demo/bookings/{first['bookingId']}").get().get("customerId")
    stored = demo.document(f"sites/demo/customers/{customer_id}").get().to_dict()
    assert (stored["tags"], stored["notes"]) == (["vip", "colour"], "Prefers mornings")
    assert second["bookingId"] != first["bookingId"]

    admin.get_by_role("link", name="Book for this client").click()
    expect(admin.get_by_role("heading", name="New booking", level=1)).to_be_visible()
    expect(admin.get_by_label("Client's name")).to_have_value("Ada Lovelace")
    expect(admin.get_by_label("E-mail (optional)")).to_have_value("ada@example.com")


def test_an_admin_exports_the_vip_segment_as_a_csv_file(demo: Any, admin: Page) -> None:
    seed_people(demo)
    open_page(admin, "customers")
    admin.get_by_label("Segment").select_option(label="VIP customers")
    with admin.expect_download() as download:
        admin.get_by_role("button", name="Download CSV").click()
    saved(admin, "CSV downloaded")
    assert download.value.suggested_filename == "customers-vip.csv"
    content = Path(download.value.path()).read_bytes()
    assert content.startswith("\ufeff".encode())
    table = list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline="")))
    assert [row[:2] for row in table] == [["Name", "E-mail"], ["Ada Lovelace", "ada@example.com"]]
    shot(admin, "customers-export")
