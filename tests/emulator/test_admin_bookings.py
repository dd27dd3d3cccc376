"""The admin's bookings list (filters, cursor paging), the full record, and
confirming and cancelling."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from tests.emulator.test_admin_access import admin_call, admin_error
from tests.support.dates import AMSTERDAM, local, next_workday
from tests.support.emulator import call, change_catalog, started

DAY = next_workday(2)
CUSTOMER = {"name": "Ada Lovelace", "email": "ada@example.com", "phone": "+31 6 1234 5678"}


def book(hour: int, staff: str = "anna", branch: str = "centrum", **extra: Any) -> str:
    data = {
        "siteId": "demo",
        "serviceId": "haircut",
        "branchId": branch,
        "staffId": staff,
        "start": local(DAY, hour),
        "customer": CUSTOMER,
        **extra,
    }
    return str(call("createBooking", data, ip=f"198.51.100.{hour}")["bookingId"])


def listing(**filters: Any) -> dict[str, Any]:
    return admin_call("adminListBookings", {"siteId": "demo", **filters})


def free_starts() -> list[str]:
    query = {"siteId": "demo", "serviceId": "haircut", "branchId": "centrum", "staffId": "anna"}
    (day,) = call("getAvailableSlots", {**query, "from": DAY.isoformat(), "to": DAY.isoformat()})["days"]
    return [slot["start"] for slot in day["slots"]]


def seed_bookings(db: Any, count: int, start: datetime, prefix: str = "seed", **fields: Any) -> list[str]:
    """Bookings written straight into Firestore, one every 30 minutes."""
    ids = []
    bookings = db.collection("sites").document("demo").collection("bookings")
    batch, pending = db.batch(), 0
    for index in range(count):
        begin = start + timedelta(minutes=30 * index)
        booking_id = f"{prefix}{index:05d}"
        doc = {
            "siteId": "demo",
            "branchId": "centrum" if index % 2 else "zuid",
            "serviceId": "haircut",
            "service": {"name": "Haircut", "durationMinutes": 30, "priceCents": 3500, "depositCents": None},
            "staffId": ("anna", "ben", "chloe")[index % 3],
            "staffName": ("Anna", "Ben", "Chloé")[index % 3],
            "start": begin,
            "end": begin + timedelta(minutes=30),
            "date": begin.astimezone(AMSTERDAM).date().isoformat(),
            "timezone": "Europe/Amsterdam",
            "customer": {"name": f"Client {index}", "email": f"c{index}@example.com", "phone": ""},
            "status": ("confirmed", "cancelled", "pending", "completed")[index % 4],
            "source": "online",
            **fields,
        }
        batch.set(bookings.document(booking_id), doc)
        ids.append(booking_id)
        pending += 1
        if pending == 500:
            batch.commit()
            batch, pending = db.batch(), 0
    if pending:
        batch.commit()
    return ids


def test_the_list_is_sorted_by_start_and_shows_who_and_what(demo: Any) -> None:
    late, early = book(15), book(10, staff="ben")
    result = listing()
    assert [b["id"] for b in result["bookings"]] == [early, late]
    first = result["bookings"][0]
    assert first["start"] == datetime.fromisoformat(local(DAY, 10)).astimezone(UTC).isoformat()
    assert (first["serviceName"], first["staffName"], first["status"]) == ("Haircut", "Ben", "confirmed")
    assert first["customer"]["email"] == CUSTOMER["email"]
    assert result["nextCursor"] is None


def test_filters_by_status_branch_staff_and_local_dates(demo: Any) -> None:
    start = datetime(2030, 3, 4, 8, tzinfo=UTC)
    seed_bookings(demo, 40, start)
    by_status = listing(status="pending", pageSize=100)["bookings"]
    assert {b["status"] for b in by_status} == {"pending"}
    assert len(by_status) == 10
    combined = listing(status="confirmed", branchId="zuid", staffId="anna", pageSize=100)["bookings"]
    assert combined
    assert all((b["status"], b["branchId"], b["staffId"]) == ("confirmed", "zuid", "anna") for b in combined)
    one_day = listing(**{"from": "2030-03-04", "to": "2030-03-04"}, pageSize=100)["bookings"]
    # 08:00 UTC = 09:00 local; local midnight ends at 23:00 UTC: 15 half hours.
    assert len(one_day) == 30
    assert {b["date"] for b in one_day} == {"2030-03-04"}


def test_pages_follow_a_cursor_without_gaps_or_repeats(demo: Any) -> None:
    ids = seed_bookings(demo, 55, datetime(2030, 5, 1, 6, tzinfo=UTC))
    seen: list[str] = []
    cursor = None
    pages = 0
    while True:
        page = listing(pageSize=20, **({"cursor": cursor} if cursor else {}))
        seen += [b["id"] for b in page["bookings"]]
        pages += 1
        cursor = page["nextCursor"]
        if cursor is None:
            break
    assert seen == ids
    assert pages == 3


def test_ten_thousand_bookings_are_paged_by_the_server(demo: Any) -> None:
    seed_bookings(demo, 10_000, datetime(2030, 1, 1, tzinfo=UTC))
    first = listing(pageSize=50, status="confirmed", branchId="zuid")
    assert len(first["bookings"]) == 50
    assert first["nextCursor"] == first["bookings"][-1]["id"]
    second = listing(pageSize=50, status="confirmed", branchId="zuid", cursor=first["nextCursor"])
    assert second["bookings"][0]["start"] > first["bookings"][-1]["start"]
    last_day = listing(**{"from": "2030-07-27", "to": "2030-07-28"}, pageSize=100)
    assert last_day["bookings"]
    assert all(b["date"] in ("2030-07-27", "2030-07-28") for b in last_day["bookings"])


def test_the_detail_has_everything_stored_but_the_secrets(demo: Any) -> None:
    booking_id = book(11, notes="Short please", marketingOptIn=True)
    detail = admin_call("adminGetBooking", {"siteId": "demo", "bookingId": booking_id})
    assert detail["customer"] == CUSTOMER
    assert (detail["notes"], detail["marketingOptIn"], detail["source"]) == ("Short please", True, "online")
    assert detail["terms"] == {"accepted": False}
    assert detail["statusHistory"][0]["to"] == "confirmed"
    assert not {"manageTokenHash", "manageTokens", "lockIds", "followUp"} & set(detail)


def test_the_detail_hides_the_digests_of_the_links_later_e_mails_carry(demo: Any) -> None:
    booking_id = book(12)
    admin_call("adminChangeBookingStatus", {"siteId": "demo", "bookingId": booking_id, "action": "cancel"})
    stored = demo.document(f"sites/demo/bookings/{booking_id}").get().to_dict()
    assert stored["manageTokens"]  # the cancellation e-mail's own link
    detail = admin_call("adminGetBooking", {"siteId": "demo", "bookingId": booking_id})
    assert detail["status"] == "cancelled"
    assert "manageTokens" not in detail


def test_an_unknown_booking_is_not_found(demo: Any) -> None:
    assert admin_error("adminGetBooking", {"siteId": "demo", "bookingId": "nope"}).status == "NOT_FOUND"


def test_cancelling_frees_the_slot_at_once_and_records_the_admin(demo: Any) -> None:
    booking_id = book(10)
    assert local(DAY, 10) not in free_starts()
    result = admin_call("adminChangeBookingStatus", {"siteId": "demo", "bookingId": booking_id, "action": "cancel"})
    assert result["status"] == "cancelled"
    assert result["statusHistory"][-1]["by"] == "admin@demo.test"
    assert result["statusHistory"][-1]["from"] == "confirmed"
    assert local(DAY, 10) in free_starts()
    assert list(demo.collection("sites/demo/locks").stream()) == []


def test_confirming_a_pending_booking(demo: Any) -> None:
    settings = demo.document("sites/demo/branches/centrum").get().to_dict()["settings"]
    settings["clientConfirmation"]["required"] = True
    change_catalog(demo, "sites/demo/branches/centrum", {"settings": settings})
    booking_id = book(12, staff="ben")
    assert admin_call("adminGetBooking", {"siteId": "demo", "bookingId": booking_id})["status"] == "pending"
    result = admin_call("adminChangeBookingStatus", {"siteId": "demo", "bookingId": booking_id, "action": "confirm"})
    assert result["status"] == "confirmed"
    assert result["holdExpiresAt"] is None


@pytest.mark.parametrize("action", ["confirm", "cancel"])
def test_a_cancelled_booking_cannot_be_confirmed_or_cancelled_again(demo: Any, action: str) -> None:
    booking_id = book(10)
    admin_call("adminChangeBookingStatus", {"siteId": "demo", "bookingId": booking_id, "action": "cancel"})
    error = admin_error("adminChangeBookingStatus", {"siteId": "demo", "bookingId": booking_id, "action": action})
    assert error.status == "FAILED_PRECONDITION"


def test_the_list_shows_and_filters_by_source_on_the_server(demo: Any) -> None:
    start = datetime(2030, 3, 4, 8, tzinfo=UTC)
    seed_bookings(demo, 6, start)
    seed_bookings(demo, 6, start + timedelta(minutes=5), prefix="walkin", source="walk-in")
    seed_bookings(demo, 3, start + timedelta(minutes=10), prefix="desk", source="admin")
    walk_ins = listing(source="walk-in", pageSize=100)["bookings"]
    assert len(walk_ins) == 6
    assert {b["source"] for b in walk_ins} == {"walk-in"}
    confirmed_at_the_desk = listing(source="admin", status="confirmed", pageSize=100)["bookings"]
    assert {(b["source"], b["status"]) for b in confirmed_at_the_desk} == {("admin", "confirmed")}
    assert {b["source"] for b in listing(pageSize=100)["bookings"]} == {"online", "walk-in", "admin"}
    assert admin_error("adminListBookings", {"siteId": "demo", "source": "phone"}).message.startswith("source:")


def test_the_list_marks_bookings_with_notes_or_intake_answers(demo: Any) -> None:
    plain = book(10)
    noted = book(11, notes="Allergic to lavender")
    answered = call(
        "createBooking",
        {
            "siteId": "demo",
            "serviceId": "colour",
            "branchId": "centrum",
            "staffId": "anna",
            "start": local(DAY, 14),
            "customer": CUSTOMER,
            "answers": {"allergies": "none"},
        },
        ip="198.51.100.77",
    )["bookingId"]
    marks = {b["id"]: (b["hasNotes"], b["hasAnswers"]) for b in listing()["bookings"]}
    assert marks[plain] == (False, False)
    assert marks[noted] == (True, False)
    assert marks[answered] == (False, True)


def test_admins_mark_complete_and_no_show_overrule_and_reopen_through_the_status_path(demo: Any) -> None:
    booking_id = book(10)

    request = {"siteId": "demo", "bookingId": booking_id}

    def change(action: str) -> dict[str, Any]:
        return dict(admin_call("adminChangeBookingStatus", {**request, "action": action}))

    early = admin_error("adminChangeBookingStatus", {**request, "action": "no_show"})
    assert early.status == "FAILED_PRECONDITION"
    assert early.message == "A booking can't be marked a no-show before it begins"
    started(demo, booking_id)
    assert change("no_show")["status"] == "no_show"
    customer_id = demo.document(f"sites/demo/bookings/{booking_id}").get().get("customerId")
    customer = demo.document(f"sites/demo/customers/{customer_id}")
    assert customer.get().get("noShowCount") == 1
    assert change("overrule_no_show")["status"] == "confirmed"
    assert customer.get().get("noShowCount") == 0
    done = change("complete")
    assert done["status"] == "completed"
    assert [(entry["from"], entry["to"]) for entry in done["statusHistory"][1:]] == [
        ("confirmed", "no_show"),
        ("no_show", "confirmed"),
        ("confirmed", "completed"),
    ]
    assert {entry["by"] for entry in done["statusHistory"][1:]} == {"admin@demo.test"}


def test_an_admin_reopens_a_cancelled_booking_while_its_time_is_still_free(demo: Any) -> None:
    booking_id = book(10)
    admin_call("adminChangeBookingStatus", {"siteId": "demo", "bookingId": booking_id, "action": "cancel"})
    reopened = admin_call("adminChangeBookingStatus", {"siteId": "demo", "bookingId": booking_id, "action": "reopen"})
    assert reopened["status"] == "confirmed"
    assert local(DAY, 10) not in free_starts()
    admin_call("adminChangeBookingStatus", {"siteId": "demo", "bookingId": booking_id, "action": "cancel"})
    book(10)  # the time is taken again
    taken = admin_error("adminChangeBookingStatus", {"siteId": "demo", "bookingId": booking_id, "action": "reopen"})
    assert taken.status == "ALREADY_EXISTS"


def test_admins_cannot_expire_a_hold(demo: Any) -> None:
    booking_id = book(10)
    error = admin_error("adminChangeBookingStatus", {"siteId": "demo", "bookingId": booking_id, "action": "expire"})
    assert error.message.startswith("action:")
