"""The Google Calendar provider: the real googleapiclient against a local
stand-in of the Calendar v3 API and its token endpoint."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from booking.adapters.calendar_provider import CredentialsRejected, PushedEvent
from booking.adapters.google_calendar import GoogleProvider, event_id
from booking.domain.calendar_sync import busy_intervals, event_uid
from tests.support.google_calendar_stub import GoogleCalendarStub, google_stub

__all__ = ["google_stub"]

START = datetime(2026, 3, 2, 9, tzinfo=UTC)


def provider(stub: GoogleCalendarStub, refresh_token: str = "refresh-1") -> GoogleProvider:
    return GoogleProvider(refresh_token, "client-1", "secret-1", api_base=stub.api_base, token_uri=stub.token_uri)


def pushed(booking_id: str, start: datetime = START) -> PushedEvent:
    return PushedEvent(event_uid(booking_id), start, start + timedelta(hours=1), "Europe/Amsterdam", "Haircut", "b")


def owners_event(id_: str, start: datetime, **extra: object) -> dict[str, object]:
    return {
        "id": id_,
        "status": "confirmed",
        "start": {"dateTime": start.isoformat()},
        "end": {"dateTime": (start + timedelta(hours=1)).isoformat()},
        **extra,
    }


def test_event_ids_are_base32hex_derived_from_the_booking() -> None:
    assert event_id("b1") == event_id("b1")
    assert set(event_id("AbC-123_x")) <= set("0123456789abcdefghijklmnopqrstuv")
    assert len(event_id("b")) >= 5
    assert event_id("b1") != event_id("b2")


def test_lists_the_accounts_calendars(google_stub: GoogleCalendarStub) -> None:
    assert [calendar.id for calendar in provider(google_stub).calendars()] == ["primary", "team@example.com"]


def test_a_push_inserts_once_then_patches_the_same_event_with_the_booking_id(google_stub: GoogleCalendarStub) -> None:
    client = provider(google_stub)
    client.put_event("primary", pushed("b1"))
    client.put_event("primary", pushed("b1", START + timedelta(hours=2)))
    (stored,) = google_stub.events["primary"].values()
    assert stored["id"] == event_id("b1")
    assert stored["extendedProperties"] == {"private": {"bookingId": "b1"}}
    assert stored["start"]["dateTime"].startswith("2026-03-02T11:00")


def test_delete_cancels_the_event_and_deleting_again_is_fine(google_stub: GoogleCalendarStub) -> None:
    client = provider(google_stub)
    client.put_event("primary", pushed("b1"))
    client.delete_event("primary", event_uid("b1"))
    client.delete_event("primary", event_uid("b1"))
    assert google_stub.events["primary"][event_id("b1")]["status"] == "cancelled"


def test_reads_are_incremental_with_the_sync_token_across_pages(google_stub: GoogleCalendarStub) -> None:
    client = provider(google_stub)
    for hour in range(3):
        google_stub.change("primary", owners_event(f"e{hour}", START + timedelta(hours=hour)))
    first = client.changes("primary", None)
    assert first.full
    assert len(first.occurrences) == 3
    assert client.changes("primary", first.sync_token).occurrences == ()

    google_stub.change("primary", {"id": "e1", "status": "cancelled"})
    google_stub.change("primary", owners_event("e3", START + timedelta(days=1), transparency="transparent"))
    later = client.changes("primary", first.sync_token)
    assert not later.full
    assert later.removed == {"e1"}
    assert busy_intervals(later.occurrences, START, START + timedelta(days=7)) == []


def test_a_pushed_event_reads_back_as_its_booking(google_stub: GoogleCalendarStub) -> None:
    client = provider(google_stub)
    client.put_event("primary", pushed("b1"))
    (occurrence,) = client.changes("primary", None).occurrences
    assert occurrence.uid == event_uid("b1")


def test_an_expired_sync_token_starts_a_full_read_over(google_stub: GoogleCalendarStub) -> None:
    client = provider(google_stub)
    google_stub.change("primary", owners_event("e0", START))
    token = client.changes("primary", None).sync_token
    google_stub.expired_tokens.add(token)
    again = client.changes("primary", token)
    assert again.full
    assert [item.uid for item in again.occurrences] == ["e0"]


def test_a_revoked_refresh_token_is_refused_credentials(google_stub: GoogleCalendarStub) -> None:
    google_stub.revoked.add("refresh-1")
    with pytest.raises(CredentialsRejected):
        provider(google_stub).calendars()
