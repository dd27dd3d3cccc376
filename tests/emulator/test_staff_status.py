"""Status changes from the desk, each in the booking's history with the
staff member's name; the customer's no-show count follows."""

from __future__ import annotations

from typing import Any

from tests.emulator.test_staff_login import login, refusal, session, sign_in, staff_call
from tests.support.dates import local, next_workday
from tests.support.emulator import call, change_catalog, started


def book(hour: int, staff_id: str = "anna", branch: str = "centrum", email: str = "grace@example.com") -> str:
    booking = call(
        "createBooking",
        {
            "siteId": "demo",
            "serviceId": "haircut",
            "branchId": branch,
            "staffId": staff_id,
            "start": local(next_workday(2), hour),
            "customer": {"name": "Grace", "email": email},
        },
    )
    booking_id: str = booking["bookingId"]
    return booking_id


def change(token: str, booking_id: str, action: str) -> Any:
    return staff_call("staffChangeStatus", {"bookingId": booking_id, "action": action}, token)


def history(db: Any, booking_id: str) -> list[tuple[str, str | None, str]]:
    stored = db.document(f"sites/demo/bookings/{booking_id}").get().to_dict()
    return [(entry["by"], entry["from"], entry["to"]) for entry in stored["statusHistory"]]


def no_shows(db: Any, booking_id: str) -> int:
    customer_id = db.document(f"sites/demo/bookings/{booking_id}").get().get("customerId")
    return int((db.document(f"sites/demo/customers/{customer_id}").get().to_dict() or {}).get("noShowCount", 0))


def test_no_show_overrule_and_complete_are_recorded_with_the_staff_name(demo: Any) -> None:
    anna, ben = session("anna"), session("ben")
    booking_id = book(10)
    started(demo, booking_id)
    assert change(anna, booking_id, "no_show")["status"] == "no_show"
    assert no_shows(demo, booking_id) == 1
    overruled = change(ben, booking_id, "overrule_no_show")
    assert overruled["status"] == "confirmed"
    assert no_shows(demo, booking_id) == 0
    completed = change(anna, booking_id, "complete")
    assert completed["actions"] == []
    assert history(demo, booking_id) == [
        ("client", None, "confirmed"),
        ("Anna", "confirmed", "no_show"),
        ("Ben", "no_show", "confirmed"),
        ("Anna", "confirmed", "completed"),
    ]
    assert [entry["by"] for entry in completed["history"]] == ["client", "Anna", "Ben", "Anna"]


def test_a_no_show_the_client_turns_up_for_after_all_is_completed_and_uncounted(demo: Any) -> None:
    anna = session("anna")
    booking_id = book(10)
    started(demo, booking_id)
    change(anna, booking_id, "no_show")
    change(anna, booking_id, "complete")
    assert no_shows(demo, booking_id) == 0
    assert history(demo, booking_id)[-1] == ("Anna", "no_show", "completed")


def test_a_booking_that_has_not_begun_cannot_be_marked_a_no_show(demo: Any) -> None:
    anna = session("anna")
    booking_id = book(10)  # two working days ahead
    status, message = refusal("staffChangeStatus", {"bookingId": booking_id, "action": "no_show"}, anna)
    assert (status, message) == ("FAILED_PRECONDITION", "A booking can't be marked a no-show before it begins")
    assert history(demo, booking_id) == [("client", None, "confirmed")]
    assert no_shows(demo, booking_id) == 0
    assert not demo.document(f"sites/demo/payments/no-show-fee-{booking_id}").get().exists

    started(demo, booking_id, minutes_ago=1)
    assert change(anna, booking_id, "no_show")["status"] == "no_show"


def test_confirming_a_pending_booking(demo: Any) -> None:
    change_catalog(demo, "sites/demo/branches/centrum", {"settings.clientConfirmation.required": True})
    booking_id = book(11)
    assert demo.document(f"sites/demo/bookings/{booking_id}").get().get("status") == "pending"
    confirmed = change(session("anna"), booking_id, "confirm")
    assert confirmed["status"] == "confirmed"
    assert history(demo, booking_id)[-1] == ("Anna", "pending", "confirmed")
    assert demo.document(f"sites/demo/bookings/{booking_id}").get().get("holdExpiresAt") is None


def test_cancel_and_reopen_while_the_time_is_still_free(demo: Any) -> None:
    anna = session("anna")
    booking_id = book(12)
    assert change(anna, booking_id, "cancel")["actions"] == ["reopen"]
    assert not list(demo.collection("sites/demo/locks").stream())
    assert change(anna, booking_id, "reopen")["status"] == "confirmed"
    assert len(list(demo.collection("sites/demo/locks").stream())) == 6
    assert history(demo, booking_id)[-2:] == [("Anna", "confirmed", "cancelled"), ("Anna", "cancelled", "confirmed")]


def test_reopening_is_refused_once_the_time_was_taken(demo: Any) -> None:
    anna = session("anna")
    booking_id = book(12)
    change(anna, booking_id, "cancel")
    book(12, email="other@example.com")
    assert refusal("staffChangeStatus", {"bookingId": booking_id, "action": "reopen"}, anna)[0] == "ALREADY_EXISTS"
    assert demo.document(f"sites/demo/bookings/{booking_id}").get().get("status") == "cancelled"


def test_a_change_the_status_does_not_allow_is_a_failed_precondition(demo: Any) -> None:
    anna = session("anna")
    booking_id = book(10)
    status, message = refusal("staffChangeStatus", {"bookingId": booking_id, "action": "overrule_no_show"}, anna)
    assert (status, message) == ("FAILED_PRECONDITION", "A confirmed booking can't be changed with 'overrule_no_show'")
    assert refusal("staffChangeStatus", {"bookingId": booking_id, "action": "delete"}, anna)[0] == "INVALID_ARGUMENT"


def test_another_branch_and_another_site_are_out_of_reach(demo: Any) -> None:
    zuid_booking = book(10, staff_id="chloe", branch="zuid")
    anna = session("anna")
    assert refusal("staffChangeStatus", {"bookingId": zuid_booking, "action": "no_show"}, anna)[0] == "NOT_FOUND"
    assert refusal("staffAgenda", {"branchId": "zuid"}, anna)[0] == "PERMISSION_DENIED"

    # A second site with the same ids: its staff can't reach the demo site's bookings.
    other = demo.collection("sites").document("other")
    for collection in ("branches", "services", "staff", "schedules", "staffPrivate", "private"):
        for snapshot in demo.collection(f"sites/demo/{collection}").stream():
            other.collection(collection).document(snapshot.id).set(snapshot.to_dict())
    other.set(demo.document("sites/demo").get().to_dict())
    demo_booking = book(11)
    other_anna = sign_in(login("anna", site="other", ip="203.0.113.77")["token"])
    assert refusal("staffChangeStatus", {"bookingId": demo_booking, "action": "no_show"}, other_anna)[0] == "NOT_FOUND"
    assert staff_call("staffAgenda", {"date": next_workday(2).isoformat()}, other_anna)["bookings"] == []
    assert demo.document(f"sites/demo/bookings/{demo_booking}").get().get("status") == "confirmed"
    assert staff_call("staffAgenda", {"date": next_workday(2).isoformat()}, anna)["bookings"][0]["id"] == demo_booking
