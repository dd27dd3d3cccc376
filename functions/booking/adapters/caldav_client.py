"""Apple iCloud (and any CalDAV server) through the `caldav` package: a
CalDAV URL, a user and an app-specific password.

Events are `PUT` as `<uid>.ics` in the write calendar and `DELETE`d by the
same name. A calendar is read again only when its `getctag` changed; the
read lists every event and expands recurring ones over the window.
`caldav`, `icalendar` and `recurring_ical_events` are imported inside the
calls (cold starts).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from urllib.parse import quote
from zoneinfo import ZoneInfo

from booking.adapters.calendar_provider import (
    CalendarRead,
    CredentialsRejected,
    ProviderError,
    PushedEvent,
    RemoteCalendar,
)
from booking.domain.calendar_sync import Occurrence

PRODID = "-//Booking//Calendar sync//EN"
TIMEOUT_S = 20
CTAG = "{http://calendarserver.org/ns/}getctag"
log = logging.getLogger(__name__)


@contextmanager
def _provider_errors() -> Iterator[None]:
    """The provider's failures as ours: refused credentials, or try later."""
    from caldav.lib import error

    try:
        yield
    except error.AuthorizationError as failure:
        raise CredentialsRejected("The CalDAV server refused the user name or password") from failure
    except (error.DAVError, OSError) as failure:  # requests' errors are OSErrors
        raise ProviderError(f"The CalDAV server failed: {failure}") from failure


class CalDavProvider:
    def __init__(self, url: str, username: str, password: str, timeout: int = TIMEOUT_S) -> None:
        self.url, self.username, self.password, self.timeout = url, username, password, timeout
        self._client: Any = None

    def _dav(self) -> Any:
        if self._client is None:
            from caldav.davclient import DAVClient

            self._client = DAVClient(url=self.url, username=self.username, password=self.password, timeout=self.timeout)
        return self._client

    def _calendar(self, calendar_id: str) -> Any:
        from caldav.collection import Calendar

        return Calendar(client=self._dav(), url=calendar_id)

    def calendars(self) -> list[RemoteCalendar]:
        with _provider_errors():
            found = self._dav().principal().calendars()
            return [RemoteCalendar(str(item.url), item.get_display_name() or str(item.url)) for item in found]

    def put_event(self, calendar_id: str, event: PushedEvent) -> None:
        with _provider_errors():
            url = self._calendar(calendar_id).url.join(quote(event.uid, safe="@") + ".ics")
            response = self._dav().put(str(url), _ics(event), {"Content-Type": "text/calendar; charset=utf-8"})
            if response.status not in (200, 201, 204):
                raise ProviderError(f"The CalDAV server answered {response.status} to writing the event")

    def delete_event(self, calendar_id: str, uid: str) -> None:
        with _provider_errors():
            url = self._calendar(calendar_id).url.join(quote(uid, safe="@") + ".ics")
            response = self._dav().delete(str(url))
            if response.status not in (200, 204, 404):
                raise ProviderError(f"The CalDAV server answered {response.status} to deleting the event")

    def version(self, calendar_id: str) -> str:
        from caldav.elements.base import ValuedBaseElement

        class GetCtag(ValuedBaseElement):
            tag = CTAG

        with _provider_errors():
            return str(self._calendar(calendar_id).get_property(GetCtag()) or "")

    def read(self, calendar_id: str, start: datetime, end: datetime, zone: str) -> CalendarRead:
        import recurring_ical_events  # type: ignore[import-untyped]

        with _provider_errors():
            calendar = self._calendar(calendar_id)
            version = self.version(calendar_id)
            occurrences: list[Occurrence] = []
            uids: set[str] = set()
            for item in calendar.events():
                ical = item.icalendar_instance
                uids.update(str(component.get("UID")) for component in ical.walk("VEVENT"))
                for component in recurring_ical_events.of(ical).between(start, end):
                    occurrences.append(_occurrence(component, ZoneInfo(zone)))
        return CalendarRead(version, tuple(occurrences), frozenset(uids))


def _instant(value: date | datetime, zone: ZoneInfo) -> datetime:
    """All-day dates start at local midnight; floating times are local."""
    if not isinstance(value, datetime):
        value = datetime.combine(value, time(), zone)
    elif value.tzinfo is None:
        value = value.replace(tzinfo=zone)
    return value.astimezone(UTC)


def _occurrence(component: Any, zone: ZoneInfo) -> Occurrence:
    start_value = component.get("DTSTART").dt
    start = _instant(start_value, zone)
    if component.get("DTEND") is not None:
        end = _instant(component.get("DTEND").dt, zone)
    elif component.get("DURATION") is not None:
        end = start + component.get("DURATION").dt
    else:  # RFC 5545: a date lasts one day, a date-time no time at all
        end = _instant(start_value + timedelta(days=1), zone) if not isinstance(start_value, datetime) else start
    transparent = str(component.get("TRANSP", "OPAQUE")).upper() == "TRANSPARENT"
    cancelled = str(component.get("STATUS", "")).upper() == "CANCELLED"
    return Occurrence(
        str(component.get("UID")), start, end, transparent or cancelled, str(component.get("SUMMARY", ""))
    )


def _ics(event: PushedEvent) -> str:
    """One VEVENT, no METHOD and no attendees: stored, never sent as an invitation."""
    from icalendar import Calendar, Event

    zone = ZoneInfo(event.timezone)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    entry = Event()
    entry.add("uid", event.uid)
    entry.add("dtstamp", datetime.now(UTC))
    entry.add("dtstart", event.start.astimezone(zone))
    entry.add("dtend", event.end.astimezone(zone))
    entry.add("summary", event.summary)
    entry.add("description", event.description)
    entry.add("transp", "OPAQUE")
    calendar.add_component(entry)
    calendar.add_missing_timezones()
    text: str = calendar.to_ical().decode()
    return text
