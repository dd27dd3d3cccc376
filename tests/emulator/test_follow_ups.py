"""What follows a status change happens even when the function that made
the change died right after its commit: the scheduled `finishFollowUps`
(fired through the functions emulator) does the work it left undone."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from booking.adapters import booking_mapper, booking_store
from booking.domain.transitions import Action
from booking.services import booking_actions
from scheduled.runner import discover, fire
from tests.emulator.email_support import book, kinds
from tests.emulator.test_payments_checkout import book_deposit, cancel, expiries, session_of
from tests.emulator.test_payments_no_show import charges_for, fee_record, fee_settings, paid_booking
from tests.emulator.test_payments_no_show_refund import charged_no_show, fee_with, refund_requests, refund_with
from tests.emulator.test_staff_login import session
from tests.emulator.test_staff_status import change, no_shows
from tests.support.dates import local, next_workday
from tests.support.emulator import change_catalog, started

JOB = next(job for job in discover() if job.name == "finishFollowUps")


def died_after_commit(booking_id: str, action: Action, minutes_ago: int = 10) -> None:
    """The change's commit and nothing after it: what a function that died leaves."""
    booking_actions.commit("demo", booking_id, action, "Anna", datetime.now(UTC) - timedelta(minutes=minutes_ago))


def mark(db: Any, booking_id: str) -> dict[str, Any] | None:
    stored: dict[str, Any] = db.document(f"sites/demo/bookings/{booking_id}").get().to_dict()
    return stored.get("followUp")


def test_every_status_change_clears_its_mark_once_its_follow_up_is_done(demo: Any) -> None:
    anna = session("anna")
    paid = paid_booking(demo, 9)  # confirmed by Stripe's webhook
    assert change(anna, paid, "no_show")["status"] == "no_show"
    unpaid = book_deposit(demo, local(next_workday(5), 14), ip="203.0.113.60")
    assert cancel(unpaid, ip="203.0.113.61")["status"] == "cancelled"
    for booking_id in (paid, unpaid["bookingId"]):
        assert mark(demo, booking_id) is None
    assert fire(JOB) == "200"  # nothing left to do
    assert no_shows(demo, paid) == 1


def test_a_no_show_left_by_a_dead_function_gets_its_count_fee_and_e_mail_from_the_sweep(demo: Any) -> None:
    fee_settings(demo, enabled=True, kind="fixed", amountCents=1500)
    change_catalog(demo, "sites/demo/branches/centrum", {"settings.noShow.notifyClient": True})
    booking_id = paid_booking(demo, 10)

    died_after_commit(booking_id, Action.NO_SHOW)
    left = mark(demo, booking_id) or {}
    assert (left["action"], left["to"]) == ("no_show", "no_show")
    # The count changes in the status change's own transaction (docs/customers.md); the fee waits for the sweep.
    assert (fee_record(demo, booking_id), no_shows(demo, booking_id)) == (None, 1)
    assert "no_show" not in kinds(demo, booking_id)

    assert fire(JOB) == "200"
    assert mark(demo, booking_id) is None
    assert no_shows(demo, booking_id) == 1
    assert kinds(demo, booking_id).count("no_show") == 1
    fee = fee_with(demo, booking_id, "succeeded")  # charged to the saved card by its trigger
    assert (fee["kind"], fee["amountCents"]) == ("no_show_fee", 1500)

    assert fire(JOB) == "200"  # run again: nothing twice
    assert no_shows(demo, booking_id) == 1
    assert kinds(demo, booking_id).count("no_show") == 1
    assert len(charges_for(booking_id)) == 1


def test_an_overrule_left_by_a_dead_function_still_refunds_the_charged_fee(demo: Any) -> None:
    booking_id, fee = charged_no_show(demo, session("anna"), 11)
    assert no_shows(demo, booking_id) == 1

    died_after_commit(booking_id, Action.OVERRULE_NO_SHOW, minutes_ago=6)
    assert refund_requests(booking_id) == []

    assert fire(JOB) == "200"
    refund = refund_with(demo, booking_id, "succeeded")
    assert refund["amountCents"] == fee["amountCents"]
    assert len(refund_requests(booking_id)) == 1
    assert no_shows(demo, booking_id) == 0
    assert mark(demo, booking_id) is None


def test_a_cancel_left_by_a_dead_function_ends_the_unpaid_checkout_from_the_sweep(demo: Any) -> None:
    booking = book_deposit(demo, local(next_workday(4), 15), ip="203.0.113.62")
    died_after_commit(booking["bookingId"], Action.CANCEL)
    assert expiries(session_of(booking)) == 0

    assert fire(JOB) == "200"
    assert expiries(session_of(booking)) == 1
    assert mark(demo, booking["bookingId"]) is None


def test_the_sweep_leaves_a_change_whose_function_may_still_be_at_work(demo: Any) -> None:
    booking_id = book(local(next_workday(2), 12))["bookingId"]
    died_after_commit(booking_id, Action.CANCEL, minutes_ago=1)

    assert fire(JOB) == "200"
    assert mark(demo, booking_id) is not None
    assert kinds(demo, booking_id) == ["confirmation"]


def test_a_mark_replaced_by_a_later_change_is_not_cleared_by_the_earlier_follow_up(demo: Any) -> None:
    booking_id = book(local(next_workday(2), 13))["bookingId"]
    started(demo, booking_id)
    died_after_commit(booking_id, Action.NO_SHOW, minutes_ago=2)
    earlier = mark(demo, booking_id)
    died_after_commit(booking_id, Action.COMPLETE, minutes_ago=1)
    later = mark(demo, booking_id)

    assert earlier is not None
    booking = booking_store.require("demo", booking_id)
    assert not booking_store.clear_follow_up(booking, booking_mapper.follow_up_from(earlier))
    assert mark(demo, booking_id) == later
    assert booking_store.clear_follow_up(booking, booking_mapper.follow_up_from(later))
    assert mark(demo, booking_id) is None
