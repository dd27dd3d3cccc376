"""The desk's view of a day: what staff may do with each booking, the client's
other no-shows, and intake answers with their questions."""

from __future__ import annotations

from datetime import timedelta

from booking.domain.model import BookingStatus, IntakeQuestion, Service
from booking.services.staff.agenda import allowed_actions, earlier_no_shows, intake
from tests.support.records import START, booking_record


def test_check_out_is_offered_from_the_booking_s_day_on_but_not_for_a_later_day() -> None:
    booking = booking_record()
    assert "complete" in allowed_actions(booking, START - timedelta(hours=8))  # same day, before the start
    assert allowed_actions(booking, START - timedelta(days=1)) == ["cancel"]


def test_no_show_is_offered_only_once_the_booking_has_begun() -> None:
    booking = booking_record()
    assert "no_show" not in allowed_actions(booking, START - timedelta(minutes=1))
    assert "no_show" in allowed_actions(booking, START)


def test_a_no_show_booking_is_not_one_of_the_client_s_earlier_no_shows() -> None:
    counted = booking_record(status=BookingStatus.NO_SHOW, no_show_counted=True)
    assert earlier_no_shows(1, counted) == 0
    assert earlier_no_shows(3, counted) == 2
    assert earlier_no_shows(1, booking_record()) == 1
    assert earlier_no_shows(0, counted) == 0


def test_intake_answers_come_with_their_questions_in_the_service_s_order() -> None:
    questions = (IntakeQuestion("length", "How short?"), IntakeQuestion("allergies", "Any allergies?"))
    services = (Service("haircut", "Haircut", 30, intake_questions=questions),)
    booking = booking_record(answers={"allergies": "Nuts", "length": "Short", "gone": "Old answer"})
    assert intake(booking, services) == (
        ("How short?", "Short"),
        ("Any allergies?", "Nuts"),
        ("gone", "Old answer"),
    )
