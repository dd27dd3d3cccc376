"""The .ics attachment and the Google Calendar link, parsed back with icalendar."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from booking.adapters.ics import CalendarEvent, Method, booking_uid, build_ics, google_calendar_url

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
STAMP = datetime(2026, 3, 27, 9, 0, tzinfo=UTC)  # Friday, still winter time


def event(start: datetime, minutes: int = 30, sequence: int = 0, staff: str | None = "Anna") -> CalendarEvent:
    return CalendarEvent(
        uid=booking_uid("b1", "book.example.com"),
        sequence=sequence,
        start=start,
        end=start + timedelta(minutes=minutes),
        timezone="Europe/Amsterdam",
        summary="Haircut – Demo Hair Studio",
        location="Demo Hair Studio, Damrak 1, Amsterdam",
        description="Haircut – Anna\nDemo Hair Studio: b1",
        organizer_email="bookings@example.com",
        organizer_name="Demo Hair Studio",
        attendee_email="ada@example.com",
        attendee_name="Ada Lovelace",
        staff_name=staff,
    )


def parse(data: bytes) -> tuple[Calendar, object]:
    calendar = Calendar.from_ical(data)
    (entry,) = calendar.events
    return calendar, entry


def test_an_invitation_carries_every_field_of_the_booking() -> None:
    start = datetime(2026, 3, 30, 10, 0, tzinfo=AMSTERDAM)
    calendar, entry = parse(build_ics(event(start, sequence=2), Method.REQUEST, STAMP))
    assert calendar["METHOD"] == "REQUEST"
    assert calendar["VERSION"] == "2.0"
    assert entry["UID"] == "b1@book.example.com"
    assert entry["SEQUENCE"] == 2
    assert entry["STATUS"] == "CONFIRMED"
    assert entry["SUMMARY"] == "Haircut – Demo Hair Studio"
    assert entry["LOCATION"] == "Demo Hair Studio, Damrak 1, Amsterdam"
    assert entry["DESCRIPTION"] == "Haircut – Anna\nDemo Hair Studio: b1"
    assert entry["CONTACT"] == "Anna"
    assert entry.start == start
    assert entry.end == start + timedelta(minutes=30)
    assert entry["DTSTART"].params["TZID"] == "Europe/Amsterdam"
    assert entry["DTSTAMP"].dt == STAMP
    assert str(entry["ORGANIZER"]) == "mailto:bookings@example.com"
    assert entry["ORGANIZER"].params["CN"] == "Demo Hair Studio"
    assert str(entry["ATTENDEE"]) == "mailto:ada@example.com"
    assert entry["ATTENDEE"].params["CN"] == "Ada Lovelace"
    assert [zone["TZID"] for zone in calendar.walk("VTIMEZONE")] == ["Europe/Amsterdam"]


def test_a_cancellation_names_the_same_event_with_method_cancel() -> None:
    start = datetime(2026, 3, 30, 10, 0, tzinfo=AMSTERDAM)
    _, first = parse(build_ics(event(start, sequence=0), Method.REQUEST, STAMP))
    calendar, cancel = parse(build_ics(event(start, sequence=1), Method.CANCEL, STAMP))
    assert calendar["METHOD"] == "CANCEL"
    assert cancel["UID"] == first["UID"]
    assert cancel["SEQUENCE"] > first["SEQUENCE"]
    assert cancel["STATUS"] == "CANCELLED"


def test_without_a_staff_member_no_contact_is_named() -> None:
    _, entry = parse(build_ics(event(datetime(2026, 3, 30, 10, tzinfo=AMSTERDAM), staff=None), Method.REQUEST, STAMP))
    assert "CONTACT" not in entry


@pytest.mark.parametrize(
    ("stamp", "local", "utc_hour"),
    [
        # Booked in winter time for the Monday after the change to summer time.
        (datetime(2026, 3, 27, 9, tzinfo=UTC), datetime(2026, 3, 30, 10, tzinfo=AMSTERDAM), 8),
        # Booked in summer time for the Monday after the change back.
        (datetime(2026, 10, 23, 9, tzinfo=UTC), datetime(2026, 10, 26, 10, tzinfo=AMSTERDAM), 9),
    ],
)
def test_an_event_in_a_week_crossing_daylight_saving_keeps_its_wall_clock_time(
    stamp: datetime, local: datetime, utc_hour: int
) -> None:
    data = build_ics(event(local), Method.REQUEST, stamp)
    calendar, entry = parse(data)
    assert entry.start.replace(tzinfo=None) == local.replace(tzinfo=None)
    assert entry.start.astimezone(UTC).hour == utc_hour
    # A calendar that only trusts the embedded VTIMEZONE lands on the same instant.
    (zone,) = calendar.walk("VTIMEZONE")
    own_rules = zone.to_tz()
    floating = datetime.strptime(str(entry["DTSTART"].to_ical().decode()), "%Y%m%dT%H%M%S")
    assert floating.replace(tzinfo=own_rules).astimezone(UTC) == local.astimezone(UTC)
    before = datetime(local.year, local.month, local.day - 3, 10, tzinfo=own_rules)
    assert before.astimezone(UTC).hour != utc_hour  # the week does cross the change


def test_text_with_commas_semicolons_and_line_breaks_survives_the_round_trip() -> None:
    start = datetime(2026, 5, 4, 10, tzinfo=AMSTERDAM)
    tricky = CalendarEvent(**{**event(start).__dict__, "summary": "Cut; wash, dry", "description": "a\nb; c, d"})
    _, entry = parse(build_ics(tricky, Method.REQUEST, STAMP))
    assert entry["SUMMARY"] == "Cut; wash, dry"
    assert entry["DESCRIPTION"] == "a\nb; c, d"


def test_the_google_calendar_link_has_utc_times_the_zone_and_the_texts() -> None:
    url = google_calendar_url(event(datetime(2026, 3, 30, 10, tzinfo=AMSTERDAM)))
    parts = urlsplit(url)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == "https://calendar.google.com/calendar/render"
    query = {key: values[0] for key, values in parse_qs(parts.query).items()}
    assert query == {
        "action": "TEMPLATE",
        "text": "Haircut – Demo Hair Studio",
        "dates": "20260330T080000Z/20260330T083000Z",
        "ctz": "Europe/Amsterdam",
        "details": "Haircut – Anna\nDemo Hair Studio: b1",
        "location": "Demo Hair Studio, Damrak 1, Amsterdam",
    }
