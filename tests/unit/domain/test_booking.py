"""Pure booking rules: time locks, initial status, holds, intake answers."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from booking.domain.booking import Customer, desk_customer, hold_expiry, initial_status, lock_ids, validate_answers
from booking.domain.errors import InvalidInput
from booking.domain.model import BookingStatus, IntakeQuestion, QuestionKind

DAY = datetime(2026, 3, 29, 0, 0, tzinfo=UTC)
five_minute_steps = st.integers(min_value=0, max_value=24 * 12)
durations = st.integers(min_value=1, max_value=36).map(lambda n: n * 5)
buffers = st.sampled_from([0, 5, 10, 15, 30])


def test_locks_cover_the_booking_plus_its_buffer_in_five_minute_granules() -> None:
    start = DAY + timedelta(hours=9)
    ids = lock_ids("anna", start, start + timedelta(minutes=30), buffer_minutes=10)
    assert ids[0] == "anna_20260329T0900Z"
    assert ids[-1] == "anna_20260329T0935Z"
    assert len(ids) == 8


def test_sites_without_staff_lock_the_site_itself() -> None:
    start = DAY + timedelta(hours=9)
    assert lock_ids(None, start, start + timedelta(minutes=5), 0) == ("site_20260329T0900Z",)


@settings(max_examples=500, deadline=None)
@given(five_minute_steps, durations, five_minute_steps, durations, buffers)
def test_two_bookings_share_a_lock_exactly_when_they_are_closer_than_the_buffer(
    first_step: int, first_minutes: int, second_step: int, second_minutes: int, buffer: int
) -> None:
    """The guarantee behind 'no double booking': conflicting bookings can't both commit."""
    first_start = DAY + timedelta(minutes=5 * first_step)
    second_start = DAY + timedelta(minutes=5 * second_step)
    first_end = first_start + timedelta(minutes=first_minutes)
    second_end = second_start + timedelta(minutes=second_minutes)
    pad = timedelta(minutes=buffer)
    too_close = first_start < second_end + pad and second_start < first_end + pad
    shared = set(lock_ids("x", first_start, first_end, buffer)) & set(lock_ids("x", second_start, second_end, buffer))
    assert bool(shared) == too_close


@pytest.mark.parametrize(
    ("confirmation", "deposit", "status"),
    [
        (False, False, BookingStatus.CONFIRMED),
        (True, False, BookingStatus.PENDING),
        (False, True, BookingStatus.PENDING_PAYMENT),
        (True, True, BookingStatus.PENDING_PAYMENT),
    ],
)
def test_a_deposit_comes_before_client_confirmation(confirmation: bool, deposit: bool, status: BookingStatus) -> None:
    assert initial_status(confirmation, deposit) is status


def test_unpaid_bookings_hold_30_minutes_and_unconfirmed_ones_the_branch_expiry() -> None:
    assert hold_expiry(BookingStatus.PENDING_PAYMENT, DAY, 4) == DAY + timedelta(minutes=30)
    assert hold_expiry(BookingStatus.PENDING, DAY, 4) == DAY + timedelta(hours=4)
    assert hold_expiry(BookingStatus.CONFIRMED, DAY, 4) is None


QUESTIONS = (
    IntakeQuestion("allergies", "Allergies?", required=True),
    IntakeQuestion("style", "Style", QuestionKind.CHOICE, ("Short", "Full")),
)


def test_answers_are_trimmed_and_optional_ones_may_be_left_out() -> None:
    assert validate_answers(QUESTIONS, {"allergies": "  none "}) == {"allergies": "none"}


@pytest.mark.parametrize(
    ("answers", "field"),
    [
        ({}, "answers.allergies"),
        ({"allergies": "   "}, "answers.allergies"),
        ({"allergies": "no", "style": "Mohawk"}, "answers.style"),
        ({"allergies": "no", "colour": "red"}, "answers.colour"),
    ],
)
def test_bad_answers_name_the_question(answers: dict[str, str], field: str) -> None:
    with pytest.raises(InvalidInput) as error:
        validate_answers(QUESTIONS, answers)
    assert error.value.field == field


def test_a_desk_client_with_an_e_mail_address_shares_the_profile_of_that_address() -> None:
    client = desk_customer("Ada", "Ada@Example.com", "", "b1")
    assert client.key == Customer(name="someone", email="ada@example.com").key


def test_a_desk_client_without_an_e_mail_address_gets_a_profile_of_their_own() -> None:
    first, second = desk_customer("Walk-in", "", "", "b1"), desk_customer("Walk-in", "", "", "b2")
    assert (first.key, second.key) == ("walk-in-b1", "walk-in-b2")
