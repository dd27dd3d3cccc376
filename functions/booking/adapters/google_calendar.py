"""Google Calendar through `google-api-python-client` (docs/calendar-sync.md).

Not wired into the sync yet: the OAuth consent flow and the incremental
merge in services/calendar_sync/pull.py come next. What is here: the
calendars of an account, a booking's event written (`events.patch`, else
`events.insert`) and deleted under an id derived from the booking, with the
booking id in its private extended properties, and incremental reads with a
`syncToken`, starting over when Google answers 410 Gone.

Access tokens are refreshed from the stored refresh token by `google-auth`;
a refused refresh is `CredentialsRejected`. `GOOGLE_CALENDAR_API_BASE` and
the token URI point the real client at a local stand-in in tests. The client
library is imported inside the calls (cold starts).
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from booking.adapters.calendar_provider import CredentialsRejected, ProviderError, PushedEvent, RemoteCalendar
from booking.domain.calendar_sync import Occurrence, booking_of, event_uid

TOKEN_URI = "https://oauth2.googleapis.com/token"
SCOPES = ["https://www.googleapis.com/auth/calendar"]


@dataclass(frozen=True)
class GoogleChanges:
    occurrences: tuple[Occurrence, ...]
    """Changed occurrences that still take place (recurring ones one by one)."""
    removed: frozenset[str]
    """Ids of occurrences cancelled or deleted since the token."""
    sync_token: str
    full: bool
    """A full read (no token, or Google refused it with 410): everything else is gone."""


def event_id(booking_id: str) -> str:
    """Google's event id for a booking: base32hex (a-v, 0-9), 5 to 1024
    characters, as Google requires; `book` keeps even a one-letter id long enough."""
    return "book" + base64.b32hexencode(booking_id.encode()).decode().rstrip("=").lower()


class GoogleProvider:
    def __init__(
        self,
        refresh_token: str,
        client_id: str,
        client_secret: str,
        api_base: str | None = None,
        token_uri: str = TOKEN_URI,
    ) -> None:
        self._credentials_args = (refresh_token, client_id, client_secret, token_uri)
        self.api_base = api_base
        self._service: Any = None

    def _events(self) -> Any:
        if self._service is None:
            from google.oauth2.credentials import Credentials
            from googleapiclient.discovery import build  # type: ignore[import-untyped]

            refresh_token, client_id, client_secret, token_uri = self._credentials_args
            credentials = Credentials(  # type: ignore[no-untyped-call]
                None,
                refresh_token=refresh_token,
                client_id=client_id,
                client_secret=client_secret,
                token_uri=token_uri,
                scopes=SCOPES,
            )
            options = {"api_endpoint": self.api_base} if self.api_base else None
            self._service = build(
                "calendar", "v3", credentials=credentials, cache_discovery=False, client_options=options
            )
        return self._service

    def _run(self, request: Any) -> Any:
        from google.auth.exceptions import RefreshError
        from googleapiclient.errors import HttpError  # type: ignore[import-untyped]

        try:
            return request.execute(num_retries=1)
        except RefreshError as error:
            raise CredentialsRejected(f"Google refused the stored access: {error}") from error
        except HttpError as error:
            if error.resp.status in (401, 403):
                raise CredentialsRejected(f"Google refused the access: {error.resp.status}") from error
            raise
        except OSError as error:
            raise ProviderError(f"Google Calendar can't be reached: {error}") from error

    def calendars(self) -> list[RemoteCalendar]:
        found = self._run(self._events().calendarList().list())
        return [RemoteCalendar(item["id"], item.get("summary", item["id"])) for item in found.get("items", [])]

    def put_event(self, calendar_id: str, event: PushedEvent) -> None:
        from googleapiclient.errors import HttpError

        booking_id = booking_of(event.uid) or event.uid
        body = {
            "summary": event.summary,
            "description": event.description,
            "start": {"dateTime": event.start.isoformat(), "timeZone": event.timezone},
            "end": {"dateTime": event.end.isoformat(), "timeZone": event.timezone},
            "transparency": "opaque",
            "extendedProperties": {"private": {"bookingId": booking_id}},
        }
        events, id_ = self._events().events(), event_id(booking_id)
        try:
            self._run(events.patch(calendarId=calendar_id, eventId=id_, body=body))
        except HttpError as error:
            if error.resp.status != 404:
                raise ProviderError(f"Google Calendar failed: {error.resp.status}") from error
            self._run(events.insert(calendarId=calendar_id, body={**body, "id": id_}))

    def delete_event(self, calendar_id: str, uid: str) -> None:
        from googleapiclient.errors import HttpError

        try:
            self._run(self._events().events().delete(calendarId=calendar_id, eventId=event_id(booking_of(uid) or uid)))
        except HttpError as error:
            if error.resp.status not in (404, 410):
                raise ProviderError(f"Google Calendar failed: {error.resp.status}") from error

    def changes(self, calendar_id: str, sync_token: str | None) -> GoogleChanges:
        """What changed since `sync_token` (everything without one)."""
        from googleapiclient.errors import HttpError

        try:
            return self._list(calendar_id, sync_token)
        except HttpError as error:
            if error.resp.status == 410 and sync_token:  # the token expired: start over
                return self._list(calendar_id, None)
            raise ProviderError(f"Google Calendar failed: {error.resp.status}") from error

    def _list(self, calendar_id: str, sync_token: str | None) -> GoogleChanges:
        events = self._events().events()
        occurrences: list[Occurrence] = []
        removed: set[str] = set()
        page: str | None = None
        while True:
            arguments: dict[str, Any] = {"calendarId": calendar_id, "singleEvents": True, "showDeleted": True}
            if sync_token:
                arguments["syncToken"] = sync_token
            if page:
                arguments["pageToken"] = page
            found = self._run(events.list(**arguments))
            for item in found.get("items", []):
                if item.get("status") == "cancelled" or "start" not in item:
                    removed.add(item["id"])
                else:
                    occurrences.append(_occurrence(item))
            page = found.get("nextPageToken")
            if not page:
                return GoogleChanges(tuple(occurrences), frozenset(removed), found["nextSyncToken"], not sync_token)


def _instant(moment: dict[str, str]) -> datetime:
    if "dateTime" in moment:
        return datetime.fromisoformat(moment["dateTime"]).astimezone(UTC)
    return datetime.fromisoformat(moment["date"]).replace(tzinfo=UTC)


def _occurrence(item: dict[str, Any]) -> Occurrence:
    """All-day dates are taken as UTC days here; the merge will place them in the site's zone."""
    private = (item.get("extendedProperties") or {}).get("private") or {}
    uid = event_uid(private["bookingId"]) if "bookingId" in private else item["id"]
    return Occurrence(
        uid=uid,
        start=_instant(item["start"]),
        end=_instant(item["end"]),
        transparent=item.get("transparency") == "transparent",
        summary=item.get("summary", ""),
    )
