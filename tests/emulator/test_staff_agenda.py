"""The desk's day: staff of a branch see their branch; staff without one
start at the first branch of the site and may switch to any other."""

from __future__ import annotations

from typing import Any

from tests.emulator.test_payments_checkout import book_deposit
from tests.emulator.test_staff_login import refusal, session, staff_call
from tests.emulator.test_staff_status import book
from tests.emulator.test_staff_walkin import today
from tests.support.dates import local, next_workday
from tests.support.emulator import change_catalog, started

BRANCHES = [{"id": "centrum", "name": "Centrum"}, {"id": "zuid", "name": "Zuid"}]


def without_branch(db: Any, staff_id: str) -> None:
    change_catalog(db, f"sites/demo/staff/{staff_id}", {"branchId": None})


def agenda(token: str, **fields: Any) -> Any:
    return staff_call("staffAgenda", {"date": next_workday(2).isoformat(), **fields}, token)


def test_staff_without_a_branch_start_at_the_first_and_may_switch_to_any(demo: Any) -> None:
    without_branch(demo, "ben")
    at_centrum, at_zuid = book(10), book(11, staff_id="chloe", branch="zuid")
    ben = session("ben")

    first = agenda(ben)
    assert (first["branch"], first["branches"]) == (BRANCHES[0], BRANCHES)
    assert [booking["id"] for booking in first["bookings"]] == [at_centrum]
    assert [member["id"] for member in first["staff"]] == ["anna", "ben"]

    zuid = agenda(ben, branchId="zuid")
    assert (zuid["branch"], zuid["branches"]) == (BRANCHES[1], BRANCHES)
    assert [booking["id"] for booking in zuid["bookings"]] == [at_zuid]
    assert [member["id"] for member in zuid["staff"]] == ["ben", "chloe"]
    assert refusal("staffAgenda", {"branchId": "nowhere"}, ben)[0] == "NOT_FOUND"

    walk_in = {"serviceId": "haircut", "date": today(), "time": "07:00", "staffId": "chloe", "branchId": "zuid"}
    booked = staff_call("staffCreateWalkIn", walk_in, ben)
    assert demo.document(f"sites/demo/bookings/{booked['id']}").get().get("branchId") == "zuid"


def test_staff_of_a_branch_have_no_branch_to_choose(demo: Any) -> None:
    own = agenda(session("anna"))
    assert (own["branch"], own["branches"]) == (BRANCHES[0], [])


def test_on_a_site_with_one_branch_nobody_chooses(demo: Any) -> None:
    without_branch(demo, "ben")
    change_catalog(demo, "sites/demo/branches/zuid", {"active": False})
    alone = agenda(session("ben"))
    assert (alone["branch"], alone["branches"]) == (BRANCHES[0], [])


def by_id(day: Any, booking_id: str) -> Any:
    (found,) = [booking for booking in day["bookings"] if booking["id"] == booking_id]
    return found


def test_a_no_show_is_not_counted_as_its_own_earlier_no_show(demo: Any) -> None:
    anna = session("anna")
    missed, next_one = book(10), book(12)
    started(demo, missed)
    staff_call("staffChangeStatus", {"bookingId": missed, "action": "no_show"}, anna)
    day = agenda(anna)
    assert by_id(day, missed)["customer"]["noShows"] == 0
    assert by_id(day, next_one)["customer"]["noShows"] == 1


def test_a_booking_shows_its_client_s_e_mail_its_intake_answers_with_questions_and_its_deposit(demo: Any) -> None:
    paid_later = book_deposit(demo, local(next_workday(2), 14), email="dora@example.com")
    plain = book(10)
    day = agenda(session("anna"))
    colour = by_id(day, paid_later["bookingId"])
    assert colour["customer"]["email"] == "dora@example.com"
    assert colour["intake"] == [{"question": "Any allergies to hair dye?", "answer": "none"}]
    assert colour["deposit"] == {"state": "unpaid", "amountCents": 2000, "currency": "EUR"}
    assert by_id(day, plain)["deposit"]["state"] == "none"
    assert (day["site"]["locale"], day["site"]["currency"]) == ("en", "EUR")


def test_check_out_and_no_show_are_not_offered_on_a_later_day(demo: Any) -> None:
    booking_id = book(10)  # two working days ahead
    later = by_id(agenda(session("anna")), booking_id)
    assert later["actions"] == ["cancel"]
    status, message = refusal("staffChangeStatus", {"bookingId": later["id"], "action": "no_show"}, session("anna"))
    assert (status, message) == ("FAILED_PRECONDITION", "A booking can't be marked a no-show before it begins")
