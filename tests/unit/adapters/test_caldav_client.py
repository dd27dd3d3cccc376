"""The CalDAV provider against a real CalDAV server (Radicale)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from booking.adapters.caldav_client import CalDavProvider
from booking.adapters.calendar_provider import CredentialsRejected, ProviderError, PushedEvent
from booking.domain.calendar_sync import busy_intervals, event_uid
from tests.support.radicale import PASSWORD, USER, RadicaleServer, add_event, delete_event, event_text, radicale

__all__ = ["radicale"]

START = datetime(2026, 3, 2, 9, tzinfo=UTC)
WINDOW = (START - timedelta(days=1), START + timedelta(days=30))


def provider(server: RadicaleServer, password: str = PASSWORD) -> CalDavProvider:
    return CalDavProvider(server.url, USER, password)


def pushed(booking_id: str, start: datetime = START) -> PushedEvent:
    return PushedEvent(event_uid(booking_id), start, start + timedelta(hours=1), "Europe/Amsterdam", "Haircut", "b")


def test_lists_the_users_calendars(radicale: RadicaleServer) -> None:
    names = {calendar.id for calendar in provider(radicale).calendars()}
    assert radicale.calendar_url(USER, "work") in names


def test_a_wrong_password_is_refused_as_credentials(radicale: RadicaleServer) -> None:
    with pytest.raises(CredentialsRejected):
        provider(radicale, "wrong").calendars()


def test_an_unreachable_server_is_a_provider_error() -> None:
    with pytest.raises(ProviderError):
        CalDavProvider("http://127.0.0.1:9/", USER, PASSWORD).calendars()


def test_push_writes_the_event_under_the_bookings_uid_and_twice_is_once(radicale: RadicaleServer) -> None:
    work = radicale.calendar_url(USER, "work")
    client = provider(radicale)
    client.put_event(work, pushed("b1"))
    client.put_event(work, pushed("b1", START + timedelta(hours=2)))
    text = event_text(work, event_uid("b1"))
    assert text is not None
    assert "Haircut" in text
    read = client.read(work, *WINDOW, "Europe/Amsterdam")
    assert read.uids == {event_uid("b1")}
    assert [item.start for item in read.occurrences] == [START + timedelta(hours=2)]


def test_delete_removes_the_event_and_deleting_again_is_fine(radicale: RadicaleServer) -> None:
    work = radicale.calendar_url(USER, "work")
    client = provider(radicale)
    client.put_event(work, pushed("b1"))
    client.delete_event(work, event_uid("b1"))
    client.delete_event(work, event_uid("b1"))
    assert event_text(work, event_uid("b1")) is None


def test_the_version_changes_only_when_the_calendar_changes(radicale: RadicaleServer) -> None:
    work = radicale.calendar_url(USER, "work")
    client = provider(radicale)
    before = client.version(work)
    assert client.version(work) == before
    uid = add_event(work, START, START + timedelta(hours=1))
    after = client.version(work)
    assert after != before
    delete_event(work, uid)
    assert client.version(work) != after  # Radicale hashes the contents: empty again is `before`


def test_recurring_all_day_and_free_events_follow_the_busy_rules(radicale: RadicaleServer) -> None:
    work = radicale.calendar_url(USER, "work")
    add_event(work, START, START + timedelta(hours=1), "RRULE:FREQ=WEEKLY;COUNT=3", uid="weekly")
    add_event(work, START, START + timedelta(hours=1), "TRANSP:TRANSPARENT", uid="free")
    add_event(work, "DTSTART;VALUE=DATE:20260310", "DTEND;VALUE=DATE:20260311", uid="allday")
    read = provider(radicale).read(work, *WINDOW, "Europe/Amsterdam")
    busy = busy_intervals(read.occurrences, *WINDOW)
    weekly = sorted(item.start for item in busy if item.key.startswith("weekly@"))
    assert weekly == [START + timedelta(days=7 * week) for week in range(3)]
    assert not [item for item in busy if item.key.startswith("free@")]
    amsterdam_day = [(item.start, item.end) for item in busy if item.key.startswith("allday@")]
    assert amsterdam_day == [(datetime(2026, 3, 9, 23, tzinfo=UTC), datetime(2026, 3, 10, 23, tzinfo=UTC))]
