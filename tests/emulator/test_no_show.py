"""The automatic no-show job, fired through the functions emulator as the
local scheduler fires it."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import Any

from scheduled.runner import discover, fire
from tests.emulator.test_staff_login import session
from tests.emulator.test_staff_status import book, change, history, no_shows
from tests.support.emulator import change_catalog, started

JOB = next(job for job in discover() if job.name == "markNoShows")


def automatic(db: Any, branch: str = "centrum", minutes: int = 15) -> None:
    change_catalog(
        db,
        f"sites/demo/branches/{branch}",
        {"settings.noShow.automatic": True, "settings.noShow.timerMinutes": minutes},
    )


def status(db: Any, booking_id: str) -> str:
    value: str = db.document(f"sites/demo/bookings/{booking_id}").get().get("status")
    return value


def test_two_simultaneous_runs_mark_a_due_booking_once_and_count_it_once(demo: Any) -> None:
    automatic(demo)
    booking_id = book(10)
    started(demo, booking_id, 20)
    with ThreadPoolExecutor(2) as pool:
        outcomes = list(pool.map(lambda _: fire(JOB), range(2)))
    assert outcomes == ["200", "200"]
    assert status(demo, booking_id) == "no_show"
    assert history(demo, booking_id) == [("client", None, "confirmed"), ("system", "confirmed", "no_show")]
    assert no_shows(demo, booking_id) == 1
    assert fire(JOB) == "200"
    assert no_shows(demo, booking_id) == 1
    assert len(history(demo, booking_id)) == 2


def test_bookings_within_the_timer_are_left_alone(demo: Any) -> None:
    automatic(demo, minutes=30)
    booking_id = book(10)
    started(demo, booking_id, 20)
    assert fire(JOB) == "200"
    assert status(demo, booking_id) == "confirmed"


def test_branches_without_the_automatic_rule_are_left_alone(demo: Any) -> None:
    automatic(demo, branch="centrum")
    booking_id = book(10, staff_id="chloe", branch="zuid")
    started(demo, booking_id, 60)
    assert fire(JOB) == "200"
    assert status(demo, booking_id) == "confirmed"


def test_completed_and_overruled_bookings_are_never_marked(demo: Any) -> None:
    automatic(demo)
    anna = session("anna")
    completed, overruled = book(10), book(11)
    for booking_id in (completed, overruled):
        started(demo, booking_id, 20)
    change(anna, completed, "complete")
    change(anna, overruled, "no_show")
    change(anna, overruled, "overrule_no_show")
    assert fire(JOB) == "200"
    assert status(demo, completed) == "completed"
    assert status(demo, overruled) == "confirmed"
    assert no_shows(demo, overruled) == 0


def test_bookings_that_started_long_ago_are_not_looked_at(demo: Any) -> None:
    automatic(demo)
    booking_id = book(10)
    started(demo, booking_id, 60 * 26)
    assert fire(JOB) == "200"
    assert status(demo, booking_id) == "confirmed"
