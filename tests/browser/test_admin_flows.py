"""What admins do every day, in real Chromium against the emulator stack:
set up a service with hours and see the public API offer it, manage
bookings (paging, detail, confirm, cancel), and get told about bookings
that new hours leave outside."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from playwright.sync_api import Page, Route, expect

from tests.browser.test_admin_pages import admin, nav, open_page, saved, shot
from tests.emulator.test_admin_bookings import seed_bookings
from tests.support.dates import local, next_workday
from tests.support.emulator import call, change_catalog

__all__ = ["admin"]
DAY = next_workday(2)
WEEKDAY = DAY.strftime("%A")
CUSTOMER = {"name": "Grace Hopper", "email": "grace@example.com", "phone": "+31 6 5555 0000"}


def slot_starts(service_id: str, staff_id: str | None = None) -> list[str]:
    query = {
        "siteId": "demo",
        "serviceId": service_id,
        "branchId": "centrum",
        "from": DAY.isoformat(),
        "to": DAY.isoformat(),
    }
    if staff_id:
        query["staffId"] = staff_id
    (day,) = call("getAvailableSlots", query)["days"]
    return [slot["start"] for slot in day["slots"]]


def book(hour: int, staff: str = "anna", **extra: Any) -> str:
    data = {
        "siteId": "demo",
        "serviceId": "haircut",
        "branchId": "centrum",
        "staffId": staff,
        "start": local(DAY, hour),
        "customer": CUSTOMER,
        **extra,
    }
    return str(call("createBooking", data, ip=f"198.51.100.{hour}")["bookingId"])


def set_range(page: Page, day: str, kind: str, index: int, start: str, end: str) -> None:
    page.get_by_label(f"{day} {kind} {index} from").fill(start)
    page.get_by_label(f"{day} {kind} {index} until").fill(end)


def test_a_new_service_with_staff_and_hours_is_offered_by_the_public_api(demo: Any, admin: Page) -> None:
    nav(admin, "Services")
    admin.get_by_role("link", name="New service").click()
    admin.get_by_label("Name").fill("Head massage")
    admin.get_by_label("Duration (minutes)").fill("45")
    admin.get_by_label("Price (EUR)").fill("27.50")
    admin.get_by_role("button", name="Add question").click()
    expect(admin.get_by_label("Question", exact=True)).to_be_focused()
    admin.get_by_label("Question", exact=True).fill("Pressure")
    admin.get_by_label("Answer type").select_option("choice")
    admin.get_by_label("Choices, one per line").fill("Soft\nFirm")
    shot(admin, "service-new")
    admin.get_by_role("button", name="Save service").click()
    saved(admin, 'Service "Head massage" saved. Not bookable: no staff member offers it')
    expect(admin.get_by_role("table", name="Services")).to_contain_text("€27.50")
    (service_id,) = [s.id for s in demo.collection("sites/demo/services").stream() if s.get("name") == "Head massage"]

    nav(admin, "Staff")
    admin.get_by_role("link", name="Ben").click()
    admin.get_by_label("Head massage").check()
    admin.get_by_role("button", name="Save staff member").click()
    saved(admin, "Ben saved")
    nav(admin, "Services")
    expect(admin.locator("main")).not_to_contain_text("Not bookable: no staff member offers it")
    nav(admin, "Staff")

    admin.get_by_role("link", name="Ben").click()
    admin.get_by_role("link", name="Personal hours").click()
    expect(admin.get_by_role("heading", name="Availability", level=1)).to_be_visible()
    admin.get_by_label("Ben has own hours").check()
    set_range(admin, WEEKDAY, "hours", 1, "13:00", "15:00")
    shot(admin, "availability-staff")
    admin.get_by_role("button", name="Save hours").click()
    expect(admin.locator(".report")).to_contain_text("The new hours apply now")

    assert slot_starts(service_id) == [local(DAY, 13), local(DAY, 13, 30), local(DAY, 14)]
    config = call("getBookingConfig", {"siteId": "demo"})
    massage = next(s for s in config["services"] if s["id"] == service_id)
    assert (massage["durationMinutes"], massage["price"]) == (45, 2750)
    assert massage["intakeQuestions"][0]["options"] == ["Soft", "Firm"]


def test_a_holiday_closes_the_day_for_visitors(demo: Any, admin: Page) -> None:
    open_page(admin, "availability/branch/centrum")
    admin.get_by_role("button", name="Add date").click()
    admin.get_by_label("Date 1", exact=True).fill(DAY.isoformat())
    expect(admin.get_by_label("Closed all day")).to_be_checked()
    admin.get_by_role("button", name="Save hours").click()
    expect(admin.locator(".report")).to_contain_text("The new hours apply now")
    assert slot_starts("haircut") == []
    stored = demo.document("sites/demo/schedules/branch-centrum").get().to_dict()
    assert stored["overrides"] == {DAY.isoformat(): []}


def test_new_hours_warn_about_bookings_left_outside(demo: Any, admin: Page) -> None:
    book(9)
    open_page(admin, "availability/branch/centrum")
    set_range(admin, WEEKDAY, "hours", 1, "12:00", "17:00")
    admin.get_by_role("button", name=f"Remove {WEEKDAY} break 1").click()
    admin.get_by_role("button", name="Save hours").click()
    warning = admin.locator(".notice.warn")
    expect(warning).to_contain_text("1 existing booking falls outside the new hours")
    expect(warning).to_contain_text("Grace Hopper, Haircut with Anna")
    shot(admin, "availability-warning")
    warning.get_by_role("link").click()
    expect(admin.get_by_role("heading", level=1)).to_contain_text("Grace Hopper")
    expect(admin.locator("main")).to_contain_text("Confirmed")


def test_cancelling_a_booking_frees_its_slot_at_once(demo: Any, admin: Page) -> None:
    booking_id = book(10, notes="Window seat", marketingOptIn=True)
    assert local(DAY, 10) not in slot_starts("haircut", "anna")
    nav(admin, "Bookings")
    table = admin.get_by_role("table", name="Bookings")
    expect(table).to_contain_text("Grace Hopper")
    table.get_by_role("link").first.click()
    main = admin.locator("main")
    expect(main).to_contain_text("Window seat")
    expect(main).to_contain_text("Yes, opted in")
    expect(main).to_contain_text("grace@example.com")
    expect(admin.get_by_role("table", name="Status history")).to_contain_text("client")
    shot(admin, "booking-detail")
    admin.get_by_role("button", name="Cancel booking").click()
    admin.get_by_role("button", name="Yes, cancel booking").click()
    saved(admin, "Booking cancelled")
    expect(main.locator(".status").first).to_have_text("Cancelled")
    expect(admin.get_by_role("table", name="Status history")).to_contain_text("admin@demo.test")
    shot(admin, "booking-cancelled")
    assert local(DAY, 10) in slot_starts("haircut", "anna")
    stored = demo.document(f"sites/demo/bookings/{booking_id}").get().to_dict()
    assert stored["statusHistory"][-1]["by"] == "admin@demo.test"


def test_confirming_a_booking_that_waits_for_the_client(demo: Any, admin: Page) -> None:
    branch = demo.document("sites/demo/branches/centrum")
    settings = branch.get().to_dict()["settings"]
    settings["clientConfirmation"]["required"] = True
    change_catalog(demo, "sites/demo/branches/centrum", {"settings": settings})
    booking_id = book(11)
    open_page(admin, f"bookings/{booking_id}")
    expect(admin.locator("main .status").first).to_have_text("Awaiting client confirmation")
    admin.get_by_role("button", name="Confirm booking").click()
    admin.get_by_role("button", name="Yes, confirm").click()
    saved(admin, "Booking confirmed")
    expect(admin.locator("main .status").first).to_have_text("Confirmed")
    assert demo.document(f"sites/demo/bookings/{booking_id}").get().to_dict()["status"] == "confirmed"


def test_bookings_are_filtered_and_paged_by_the_server(demo: Any, admin: Page) -> None:
    start = datetime.now(UTC).replace(minute=0, second=0, microsecond=0) + timedelta(days=3)
    seed_bookings(demo, 60, start)
    nav(admin, "Bookings")
    table = admin.get_by_role("table", name="Bookings")
    shown_page(admin, 1)
    expect(table.locator("tbody tr")).to_have_count(25)
    admin.get_by_role("button", name="Next page").click()
    shown_page(admin, 2)
    expect(admin.get_by_text("Page 2: 25 bookings")).to_be_visible()
    admin.get_by_role("button", name="Next page").click()
    shown_page(admin, 3)
    expect(table.locator("tbody tr")).to_have_count(10)
    expect(admin.get_by_role("button", name="Next page")).to_be_disabled()
    admin.get_by_role("button", name="Previous page").click()
    shown_page(admin, 2)
    expect(admin.get_by_text("Page 2: 25 bookings")).to_be_visible()

    admin.get_by_label("Status").select_option("pending")
    admin.get_by_label("Staff").select_option("ben")
    admin.get_by_role("button", name="Show bookings").click()
    expect(admin.get_by_text("Page 1: 5 bookings")).to_be_visible()
    statuses = table.locator("tbody .status").all_inner_texts()
    assert set(statuses) == {"Awaiting client confirmation"}
    shot(admin, "bookings-filtered")


def shown_page(page: Page, number: int) -> None:
    """Wait for the page change a click caused: the list marks the page it
    shows once its rows are in (`data-page`), and is not busy any more."""
    results = page.locator("main .results")
    expect(results).to_have_attribute("data-page", str(number))
    expect(results).not_to_have_attribute("aria-busy", "true")


def test_a_late_answer_for_a_list_left_behind_does_not_move_the_paging(demo: Any, admin: Page) -> None:
    """The CI flake: the list was opened twice (sign-in, then the nav link),
    and the first list's answer, arriving after "Next page", overwrote the
    cursor of page 3, which then showed page 2 again."""
    start = datetime.now(UTC).replace(minute=0, second=0, microsecond=0) + timedelta(days=3)
    seed_bookings(demo, 60, start)
    held: list[Route] = []

    def hold_first(route: Route) -> None:
        if held:
            route.continue_()
        else:
            held.append(route)

    admin.route("**/api/adminListBookings", hold_first)
    nav(admin, "Bookings")  # this list's answer is held
    for _ in range(600):
        if held:
            break
        admin.wait_for_timeout(50)  # lets Playwright hand the request to `hold_first`
    nav(admin, "Bookings")  # opened again: its answer comes at once
    shown_page(admin, 1)
    admin.get_by_role("button", name="Next page").click()
    shown_page(admin, 2)
    with admin.expect_response("**/api/adminListBookings"):
        held[0].continue_()  # the first list's answer, late
    admin.get_by_role("button", name="Next page").click()
    shown_page(admin, 3)
    expect(admin.get_by_text("Page 3: 10 bookings")).to_be_visible()
    expect(admin.get_by_role("table", name="Bookings").locator("tbody tr")).to_have_count(10)


def test_an_invalid_service_is_refused_beside_the_field_and_nothing_is_saved(demo: Any, admin: Page) -> None:
    open_page(admin, "services/new")
    admin.get_by_label("Name").fill("Odd length")
    admin.get_by_label("Duration (minutes)").fill("22")
    admin.get_by_role("button", name="Save service").click()
    duration = admin.get_by_label("Duration (minutes)")
    expect(duration).to_have_attribute("aria-invalid", "true")
    expect(duration).to_be_focused()
    expect(admin.get_by_role("alert").first).to_contain_text("Please correct the marked field.")
    expect(duration.locator("xpath=..")).to_contain_text(
        "Enter the duration in whole minutes: a multiple of 5, from 5 to 720 (12 hours)."
    )
    expect(admin.locator("main")).not_to_contain_text("service.durationMinutes")
    shot(admin, "service-error")
    assert "Odd length" not in [s.get("name") for s in demo.collection("sites/demo/services").stream()]
