"""The staff app's JSON: bookings in the desk's local time, with what staff
may do with each."""

from __future__ import annotations

import dataclasses
from datetime import timedelta
from zoneinfo import ZoneInfo

from booking.api import staff_views
from booking.domain.model import BookingStatus
from booking.domain.record import DepositPayment, HistoryEntry, ServiceSnapshot
from tests.support.records import START, booking_record

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def test_a_booking_is_shown_in_local_time_with_its_history_and_actions() -> None:
    booking = booking_record(
        timezone="Europe/Amsterdam",
        notes="Short please",
        answers={"allergies": "none"},
        source="walk-in",
    )
    view = staff_views.booking_view(booking, AMSTERDAM, booking.start, no_shows=2)
    assert (view["start"], view["end"]) == ("2026-03-10T10:00:00+01:00", "2026-03-10T10:30:00+01:00")
    assert (view["time"], view["endTime"]) == ("10:00", "10:30")
    assert view["service"] == {"id": "haircut", "name": "Haircut"}
    assert view["customer"] == {"name": "Dana Client", "email": "dana@example.com", "phone": "", "noShows": 2}
    assert (view["notes"], view["answers"], view["source"]) == ("Short please", {"allergies": "none"}, "walk-in")
    assert view["history"] == [{"at": "2026-03-09T10:00:00+01:00", "by": "client", "from": None, "to": "confirmed"}]
    assert view["actions"] == ["complete", "no_show", "cancel"]


def test_the_desk_is_offered_no_show_only_once_the_booking_has_begun() -> None:
    booking = booking_record()
    before = staff_views.booking_view(booking, AMSTERDAM, booking.start - timedelta(minutes=1))
    assert before["actions"] == ["complete", "cancel"]
    assert "no_show" in staff_views.booking_view(booking, AMSTERDAM, booking.start)["actions"]


def test_a_changed_booking_is_shown_in_its_own_zone() -> None:
    booking = booking_record(timezone="Europe/Amsterdam", status=BookingStatus.NO_SHOW)
    entry = HistoryEntry(
        at=START + timedelta(minutes=20), by="Anna", to=BookingStatus.NO_SHOW, source=BookingStatus.CONFIRMED
    )
    view = staff_views.changed_booking(dataclasses.replace(booking, history=(*booking.history, entry)), entry.at)
    assert view["history"][-1] == {
        "at": "2026-03-10T10:20:00+01:00",
        "by": "Anna",
        "from": "confirmed",
        "to": "no_show",
    }
    assert view["actions"] == ["complete", "overrule_no_show"]


def test_the_deposit_is_shown_as_none_unpaid_paid_or_refunded_with_its_amount() -> None:
    no_deposit = booking_record()
    assert staff_views.booking_view(no_deposit, AMSTERDAM, START)["deposit"] == {
        "state": "none",
        "amountCents": 0,
        "currency": None,
    }
    service = ServiceSnapshot("Colour", 60, 8000, 2000)
    for status, state in (("pending", "unpaid"), ("paid", "paid"), ("refunded", "refunded")):
        payment = DepositPayment(mode="dev", deposit_cents=2000, deposit_status=status)
        booking = booking_record(service=service, payment=payment)
        assert staff_views.booking_view(booking, AMSTERDAM, START)["deposit"] == {
            "state": state,
            "amountCents": 2000,
            "currency": "EUR",
        }


def test_intake_answers_are_shown_with_their_questions() -> None:
    booking = booking_record(answers={"length": "Short"})
    view = staff_views.booking_view(booking, AMSTERDAM, START, intake=(("How short?", "Short"),))
    assert view["intake"] == [{"question": "How short?", "answer": "Short"}]
