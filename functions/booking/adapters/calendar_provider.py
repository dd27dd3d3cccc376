"""External calendars behind one small interface, so the sync use cases
never see a provider's SDK (docs/calendar-sync.md).

A provider lists its calendars, writes and deletes the event of a booking
under a name derived from the booking, and reads a calendar when it changed.
Apple (CalDAV) is `caldav_client.CalDavProvider`; Google and Microsoft
follow the same Protocol.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from booking.domain.calendar_sync import Occurrence
from booking.domain.errors import Conflict


class ProviderError(Exception):
    """The provider failed or could not be reached: try again later."""


class CredentialsRejected(ProviderError):
    """The provider refused the credentials: the owner must connect again,
    and retrying changes nothing until then."""


class ConnectionRefused(Conflict):
    """Connecting failed; the message says why, for the admin."""


@dataclass(frozen=True)
class RemoteCalendar:
    id: str
    """The provider's id (for CalDAV, the calendar's URL)."""
    name: str


@dataclass(frozen=True)
class PushedEvent:
    """What the calendar should show for a booking."""

    uid: str
    start: datetime
    end: datetime
    timezone: str
    summary: str
    description: str


@dataclass(frozen=True)
class CalendarRead:
    """A calendar read after it changed: every occurrence in the window and
    the UIDs of every event in it (recurring or not, ours included)."""

    version: str
    """The provider's change marker (CalDAV ctag, a sync token)."""
    occurrences: tuple[Occurrence, ...]
    uids: frozenset[str]


class Provider(Protocol):
    def calendars(self) -> list[RemoteCalendar]: ...
    def put_event(self, calendar_id: str, event: PushedEvent) -> None: ...
    def delete_event(self, calendar_id: str, uid: str) -> None:
        """Deleting an event that is not there is no error."""

    def version(self, calendar_id: str) -> str:
        """The change marker alone: when it equals the stored one, nothing changed."""

    def read(self, calendar_id: str, start: datetime, end: datetime, zone: str) -> CalendarRead:
        """Everything in `[start, end)`; all-day events in `zone`."""
