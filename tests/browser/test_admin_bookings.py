"""Booking → Bookings in real Chromium: the admin's own booking form, the
source column and filter (kept in the address), the notes marker, the
status changes staff make, and the deposit as it stands, with the dialog
that says an unpaid deposit is waived. Screenshots: test-artifacts/admin-desk-*.png."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import Any

from playwright.sync_api import Page, expect

from tests.browser.test_admin_pages import admin, open_page, saved, shot
from tests.emulator.test_admin_bookings import seed_bookings
from tests.emulator.test_payments_checkout import book_deposit, session_of
from tests.support.dates import local, next_workday
from tests.support.emulator import call, started
from tests.support.stripe_stub import STUB

__all__ = ["admin"]
DAY = next_workday(2)


def book(hour: int, **extra: Any) -> str:
    data = {
        "siteId": "demo",
        "serviceId": "haircut",
        "branchId": "centrum",
        "staffId": "anna",
        "start": local(DAY, hour),
        "customer": {"name": "Ada Lovelace", "email": "ada@example.com"},
        **extra,
    }
    return str(call("createBooking", data, ip=f"198.51.100.{hour + 100}")["bookingId"])


def deposit_row(page: Page) -> Any:
    return page.locator("dd").filter(has=page.locator("[data-deposit]"))


def test_an_admin_books_a_caller_and_a_taken_time_is_refused_with_a_clear_message(demo: Any, admin: Page) -> None:
    open_page(admin, "bookings")
    admin.get_by_role("link", name="New booking").click()
    expect(admin.get_by_role("heading", name="New booking", level=1)).to_be_visible()
    admin.get_by_label("Service").select_option(label="Haircut")
    admin.get_by_label("Staff").select_option(label="Anna")
    admin.get_by_label("Date").fill(DAY.isoformat())
    admin.get_by_label("Time").fill("10:00")
    admin.get_by_label("Client's name").fill("Grace Hopper")
    admin.get_by_label("E-mail (optional)").fill("grace@")
    admin.get_by_role("button", name="Book", exact=True).click()
    expect(admin.locator("main .field-error")).to_have_text(
        "Enter an e-mail address such as ada@example.com, or leave it empty."
    )
    assert list(demo.collection("sites/demo/bookings").stream()) == []
    admin.get_by_label("E-mail (optional)").fill("grace@example.com")
    admin.get_by_label("Notes (optional)").fill("Called at nine")
    shot(admin, "desk-new-booking")
    admin.get_by_role("button", name="Book", exact=True).click()
    saved(admin, "Booking made for Grace Hopper")
    main = admin.locator("main")
    expect(main.get_by_role("heading", level=1)).to_contain_text("Grace Hopper")
    expect(main).to_contain_text("Booked by")
    expect(main).to_contain_text("admin@demo.test")
    [stored] = [doc.to_dict() for doc in demo.collection("sites/demo/bookings").stream()]
    assert (stored["source"], stored["status"], stored["staffId"]) == ("admin", "confirmed", "anna")

    admin.get_by_role("link", name="← All bookings").click()
    admin.get_by_role("link", name="New booking").click()
    admin.get_by_label("Service").select_option(label="Haircut")
    admin.get_by_label("Staff").select_option(label="Anna")
    admin.get_by_label("Date").fill(DAY.isoformat())
    admin.get_by_label("Time").fill("10:15")
    admin.get_by_label("Client's name").fill("Ada Lovelace")
    admin.get_by_role("button", name="Book", exact=True).click()
    expect(admin.locator("main .form-error")).to_have_text("Anna already has a booking at that time")
    expect(admin.get_by_label("Client's name")).to_have_value("Ada Lovelace")  # nothing typed is lost
    shot(admin, "desk-taken")
    assert len(list(demo.collection("sites/demo/bookings").stream())) == 1


def test_the_list_shows_the_source_marks_notes_and_keeps_its_filters_in_the_address(demo: Any, admin: Page) -> None:
    start = datetime.combine(DAY, datetime.min.time(), UTC) + timedelta(hours=8)
    seed_bookings(demo, 2, start, notes="Window seat")
    seed_bookings(demo, 1, start + timedelta(minutes=5), prefix="walkin", source="walk-in")
    seed_bookings(demo, 2, start + timedelta(minutes=10), prefix="desk", source="admin")
    open_page(admin, f"bookings?from={DAY.isoformat()}")  # a new address: the list loads again
    table = admin.get_by_role("table", name="Bookings")
    expect(table.locator("tbody tr")).to_have_count(5)
    for source in ("Online", "Walk-in", "Admin"):
        expect(table.get_by_role("cell", name=source, exact=True).first).to_be_visible()
    expect(table.locator(".badge.mark", has_text="Notes")).to_have_count(2)  # the two seeded with notes
    shot(admin, "desk-list-sources")

    admin.get_by_label("Source").select_option("walk-in")
    admin.get_by_role("button", name="Show bookings").click()
    expect(admin.get_by_text("Page 1: 1 booking,")).to_be_visible()  # one booking, not "1 bookings"
    expect(admin).to_have_url(re.compile(r"#/bookings\?.*source=walk-in"))
    expect(table.locator("tbody tr")).to_have_count(1)

    admin.reload()
    expect(admin.get_by_label("Source")).to_have_value("walk-in")
    expect(admin.get_by_text("Page 1: 1 booking,")).to_be_visible()
    admin.go_back()
    expect(admin.get_by_label("Source")).to_have_value("")
    expect(table.locator("tbody tr")).to_have_count(5)
    admin.go_forward()
    expect(admin.get_by_label("Source")).to_have_value("walk-in")
    expect(table.locator("tbody tr")).to_have_count(1)


def test_admins_mark_no_show_overrule_it_complete_and_reopen(demo: Any, admin: Page) -> None:
    upcoming = book(14)
    open_page(admin, f"bookings/{upcoming}")
    expect(admin.get_by_role("button", name="Mark no-show")).to_have_count(0)
    expect(admin.locator("main")).to_contain_text("A no-show can be marked once the booking has begun.")
    admin.get_by_role("button", name="Cancel booking").click()
    admin.get_by_role("button", name="Yes, cancel booking").click()
    saved(admin, "Booking cancelled")
    admin.get_by_role("button", name="Reopen booking").click()
    admin.get_by_role("button", name="Yes, reopen").click()
    saved(admin, "Booking reopened")
    expect(admin.locator("main .status").first).to_have_text("Confirmed")

    begun = book(10)
    started(demo, begun)
    open_page(admin, f"bookings/{begun}")
    admin.get_by_role("button", name="Mark no-show").click()
    admin.get_by_role("button", name="Yes, mark no-show").click()
    saved(admin, "Booking marked no-show")
    expect(admin.locator("main .status").first).to_have_text("No-show")
    shot(admin, "desk-no-show")
    admin.get_by_role("button", name="Overrule no-show").click()
    admin.get_by_role("button", name="Yes, overrule the no-show").click()
    saved(admin, "No-show overruled")
    admin.get_by_role("button", name="Mark completed").click()
    admin.get_by_role("button", name="Yes, mark completed").click()
    saved(admin, "Booking marked completed")
    expect(admin.locator("main .status").first).to_have_text("Completed")
    history = [entry["to"] for entry in demo.document(f"sites/demo/bookings/{begun}").get().to_dict()["statusHistory"]]
    assert history == ["confirmed", "no_show", "confirmed", "completed"]


def test_confirming_an_unpaid_deposit_booking_asks_first_and_says_the_deposit_is_waived(demo: Any, admin: Page) -> None:
    booking = book_deposit(demo, local(next_workday(3), 10))
    session_id = session_of(booking)
    open_page(admin, f"bookings/{booking['bookingId']}")
    expect(deposit_row(admin)).to_have_text(re.compile(r"20\.00, unpaid$"))
    admin.get_by_role("button", name="Confirm without the deposit").click()
    question = admin.locator("main .confirm:visible")
    expect(question).to_contain_text("is unpaid. Confirming waives it")
    expect(question).to_contain_text("the client can no longer pay the deposit online")
    shot(admin, "desk-waive-dialog")
    admin.get_by_role("button", name="Yes, confirm and waive the deposit").click()
    saved(admin, "Booking confirmed, deposit waived")
    expect(deposit_row(admin)).to_have_text(re.compile(r"20\.00, waived"))
    stored = demo.document(f"sites/demo/bookings/{booking['bookingId']}").get().to_dict()
    assert (stored["status"], stored["payment"]["depositStatus"]) == ("confirmed", "waived")
    assert STUB.sessions[session_id]["status"] == "expired"
    shot(admin, "desk-waived")


def test_the_detail_shows_whether_the_deposit_was_paid_or_refunded(demo: Any, admin: Page) -> None:
    booking = book_deposit(demo, local(next_workday(3), 11))
    for event in STUB.pay(session_of(booking)):
        assert STUB.deliver(event).status_code == 200
    open_page(admin, f"bookings/{booking['bookingId']}")
    expect(deposit_row(admin)).to_have_text(re.compile(r"20\.00, paid on "))
    expect(admin.get_by_role("button", name="Confirm without the deposit")).to_have_count(0)
    shot(admin, "desk-deposit-paid")
    demo.document(f"sites/demo/bookings/{booking['bookingId']}").update(
        {"payment.depositStatus": "refunded", "payment.refundedAt": datetime.now(UTC)}
    )
    admin.reload()
    expect(deposit_row(admin)).to_have_text(re.compile(r"20\.00, refunded on "))
