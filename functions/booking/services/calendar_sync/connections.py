"""The admin's side of calendar sync: connect a calendar for a staff member
or the site, choose its calendars, see its state, sync now, disconnect."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from booking.adapters import calendar_clients, calendar_connections, google_oauth, secret_box, site_store
from booking.adapters.calendar_provider import ConnectionRefused, CredentialsRejected, ProviderError
from booking.domain import oauth_state
from booking.domain.calendar_sync import Connection
from booking.domain.errors import AccessDenied, InvalidInput, NotFound
from booking.services.calendar_sync import pull


@dataclass(frozen=True)
class CalDavLogin:
    site_id: str
    staff_id: str | None
    url: str
    username: str
    password: str


@dataclass(frozen=True)
class Listing:
    connections: list[Connection]
    pending: dict[str, dict[str, dict[str, Any]]]
    """Connection id -> booking id -> the failed push waiting for its retry."""
    staff: list[tuple[str, str]]
    """`(id, name)` of the site's staff, for the "connect for" choice."""


def listing(site_id: str) -> Listing:
    connections = sorted(calendar_connections.for_site(site_id), key=lambda item: (item.staff_id or "", item.id))
    catalog = site_store.load_catalog(site_id, require_enabled=False)
    return Listing(
        connections,
        {connection.id: calendar_connections.pending_pushes(connection) for connection in connections},
        [(member.id, member.name) for member in catalog.staff],
    )


def connect_caldav(login: CalDavLogin, now: datetime) -> Connection:
    """Checks the login by listing the account's calendars, then stores it
    sealed; the first calendar is written to and counts as busy until the
    admin chooses otherwise."""
    catalog = site_store.load_catalog(login.site_id, require_enabled=False)
    if login.staff_id is not None and login.staff_id not in {member.id for member in catalog.staff}:
        raise NotFound("No such staff member")
    try:
        found = calendar_clients.caldav(login.url, login.username, login.password).calendars()
    except CredentialsRejected as error:
        raise ConnectionRefused("The calendar server refused this user name or app password") from error
    except ProviderError as error:
        raise ConnectionRefused(f"The calendar server can't be reached at this address: {error}") from error
    if not found:
        raise ConnectionRefused("This account has no calendars to write to")
    first = found[0].id
    connection = Connection(
        id=calendar_connections.new_id(login.site_id),
        site_id=login.site_id,
        provider=calendar_clients.CALDAV,
        staff_id=login.staff_id,
        account=f"{login.username} @ {login.url}",
        sealed_credentials=calendar_clients.seal_caldav(login.url, login.username, login.password),
        calendars=tuple((item.id, item.name) for item in found),
        write_calendar=first,
        busy_calendars=(first,),
    )
    calendar_connections.create(connection, now)
    return replace(connection, next_sync_at=now)


def _check_staff(site_id: str, staff_id: str | None) -> None:
    catalog = site_store.load_catalog(site_id, require_enabled=False)
    if staff_id is not None and staff_id not in {member.id for member in catalog.staff}:
        raise NotFound("No such staff member")


def start_google(site_id: str, staff_id: str | None, redirect_uri: str, now: datetime) -> str:
    """Google's consent address, with a signed single-use state naming the
    site and staff member; the admin's browser goes there."""
    _check_staff(site_id, staff_id)
    state = oauth_state.ConsentState(site_id, staff_id, secrets.token_urlsafe(16), now + oauth_state.LIFETIME)
    calendar_connections.remember_consent(site_id, state.nonce, state.expires_at)
    return google_oauth.consent_url(redirect_uri, oauth_state.sign(state, secret_box.state_key()))


def finish_google(state_token: str, code: str, redirect_uri: str, now: datetime) -> Connection:
    """The callback: a valid, unused state and its code make the connection."""
    state = oauth_state.verify(state_token, secret_box.state_key(), now.astimezone(UTC))
    if not calendar_connections.use_consent(state.site_id, state.nonce):
        raise AccessDenied(oauth_state.REFUSED)
    refresh_token = google_oauth.exchange(code, redirect_uri)
    provider = calendar_clients.google(refresh_token)
    try:
        found = provider.calendars()
    except ProviderError as error:
        raise ConnectionRefused(f"Google Calendar can't be read: {error}") from error
    first = found[0].id if found else None
    connection = Connection(
        id=calendar_connections.new_id(state.site_id),
        site_id=state.site_id,
        provider=calendar_clients.GOOGLE,
        staff_id=state.staff_id,
        account="Google Calendar",
        sealed_credentials=calendar_clients.seal_google(refresh_token),
        calendars=tuple((item.id, item.name) for item in found),
        write_calendar=first,
        busy_calendars=(first,) if first else (),
    )
    calendar_connections.create(connection, now)
    return connection


def _require(site_id: str, connection_id: str) -> Connection:
    connection = calendar_connections.get(site_id, connection_id)
    if connection is None:
        raise NotFound("No such calendar connection")
    return connection


def configure(
    site_id: str, connection_id: str, write: str | None, busy: list[str], deletes_cancel: bool, now: datetime
) -> Connection:
    connection = _require(site_id, connection_id)
    known = {calendar_id for calendar_id, _ in connection.calendars}
    if write is not None and write not in known:
        raise InvalidInput("writeCalendar", "must be one of the account's calendars")
    if unknown := [calendar_id for calendar_id in busy if calendar_id not in known]:
        raise InvalidInput("busyCalendars", f"unknown calendar {unknown[0]}")
    calendar_connections.configure(connection, write, busy, deletes_cancel, now)
    return _require(site_id, connection_id)


def sync_now(site_id: str, connection_id: str, now: datetime) -> Connection:
    _require(site_id, connection_id)
    pull.sync(site_id, connection_id, now, force=True)
    return _require(site_id, connection_id)


def disconnect(site_id: str, connection_id: str) -> None:
    """The connection and the busy time it wrote; events already pushed stay."""
    calendar_connections.remove(_require(site_id, connection_id))
