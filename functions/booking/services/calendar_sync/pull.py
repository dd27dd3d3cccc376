"""Pull: read each connection's busy calendars when they changed, and write
their busy time into the busy calendars availability reads; cancel bookings
whose pushed event was deleted out there. Run by the 5-minute sweep (and by
"Sync now"); two syncs at the same moment sync a connection once.
"""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from booking.adapters import calendar_clients, calendar_connections, calendars, site_store
from booking.adapters.calendar_provider import CredentialsRejected, Provider, ProviderError
from booking.adapters.google_calendar import GoogleProvider, event_id
from booking.domain import calendar_sync
from booking.domain.calendar_sync import BusyInterval, Connection
from booking.domain.errors import Conflict, NotFound
from booking.domain.transitions import Action
from booking.services import booking_actions
from booking.services.calendar_sync import push

LEASE = timedelta(minutes=2)
"""Longer than a sync takes; a sync that died frees its connection after it."""
BATCH = 500
PARALLEL = 8
MARGIN = timedelta(days=1)
WINDOW_KEY = "window"
"""In `versions`: the window's last day, so a new day reads the calendars
again and expands recurring events over the new horizon."""
SYNCED_BY = "calendar sync"
log = logging.getLogger(__name__)


def sync_due(now: datetime) -> int:
    """The sweep: failed pushes whose retry is due, then every due
    connection, several at a time (each mostly waits for its provider);
    returns how many connections were synced."""
    push.retry_due(now)
    due = list(calendar_connections.connections_due(now, BATCH))
    with ThreadPoolExecutor(PARALLEL) as pool:
        return sum(pool.map(lambda found: _sync_logged(found[0], found[1], now), due))


def _sync_logged(site_id: str, connection_id: str, now: datetime) -> bool:
    try:
        return sync(site_id, connection_id, now)
    except Exception:  # one broken connection must not hold up the others
        log.exception("Calendar sync of %s/%s failed", site_id, connection_id)
        return False


def sync(site_id: str, connection_id: str, now: datetime, force: bool = False) -> bool:
    """One connection, when due (or `force`d) and not being synced already."""
    connection = calendar_connections.claim_sync(site_id, connection_id, now, LEASE, force)
    if connection is None:
        return False
    next_sync = now + calendar_sync.SYNC_EVERY
    try:
        provider = calendar_clients.provider_for(connection)
        if isinstance(provider, GoogleProvider):
            _sync_changes(connection, provider, now, next_sync)
        else:
            _sync(connection, provider, now, next_sync)
    except CredentialsRejected as error:
        calendar_connections.sync_failed(connection, str(error), now, None)
    except ProviderError as error:
        calendar_connections.sync_failed(connection, str(error), now, next_sync)
    return True


def _sync(connection: Connection, provider: Provider, now: datetime, next_sync: datetime) -> None:
    site = site_store.load_catalog(connection.site_id, require_enabled=False).site
    start, end = now - MARGIN, now + timedelta(days=site.settings.horizon_days) + MARGIN
    wanted = dict.fromkeys([*connection.busy_calendars, *filter(None, [connection.write_calendar])])
    versions = {calendar_id: provider.version(calendar_id) for calendar_id in wanted}
    versions[WINDOW_KEY] = f"{end:%Y-%m-%d}"
    if versions == dict(connection.versions):
        calendar_connections.finish_sync(
            connection, list(connection.busy), versions, list(connection.conflicts), now, next_sync
        )
        return
    reads = {calendar_id: provider.read(calendar_id, start, end, site.timezone) for calendar_id in wanted}
    busy: list[BusyInterval] = []
    summaries: dict[str, str] = {}
    for calendar_id in connection.busy_calendars:
        busy += calendar_sync.busy_intervals(reads[calendar_id].occurrences, start, end)
        summaries.update(
            {f"{item.uid}@{int(item.start.timestamp())}": item.summary for item in reads[calendar_id].occurrences}
        )
    _finish(connection, busy, summaries, versions, start, end, now, next_sync)
    if connection.write_calendar:
        _deleted_out_there(connection, reads[connection.write_calendar].uids, now)


def _sync_changes(connection: Connection, provider: GoogleProvider, now: datetime, next_sync: datetime) -> None:
    """Google: only what changed since each calendar's sync token, merged
    into the stored busy entries (a full read replaces a calendar's)."""
    site = site_store.load_catalog(connection.site_id, require_enabled=False).site
    start, end = now - MARGIN, now + timedelta(days=site.settings.horizon_days) + MARGIN
    window = f"{end:%Y-%m-%d}"
    fresh = connection.versions.get(WINDOW_KEY) != window  # a new day: read everything again
    kept = {_key_of(value): value for value in connection.busy}
    busy: list[BusyInterval] = []
    summaries: dict[str, str] = {}
    versions = {WINDOW_KEY: window}
    for calendar_id in dict.fromkeys([*connection.busy_calendars, *filter(None, [connection.write_calendar])]):
        changes = provider.changes(calendar_id, None if fresh else connection.versions.get(calendar_id))
        versions[calendar_id] = changes.sync_token
        if calendar_id == connection.write_calendar:
            gone = {booking for booking in connection.pushed if event_id(booking) in changes.removed}
            if changes.full:
                present = {item.uid for item in changes.occurrences}
                gone |= set(calendar_sync.deleted_pushes(connection.pushed, present))
            _deleted_out_there(connection, {calendar_sync.event_uid(b) for b in connection.pushed - gone}, now)
        if calendar_id not in connection.busy_calendars:
            continue
        prefix = f"{calendar_id}|"
        touched = {f"{prefix}{item.uid}" for item in changes.occurrences} | {f"{prefix}{i}" for i in changes.removed}
        kept = {
            key: value
            for key, value in kept.items()
            if not key.startswith(prefix) or (not changes.full and key.rsplit("@", 1)[0] not in touched)
        }
        occurrences = [replace(item, uid=f"{prefix}{item.uid}") for item in changes.occurrences]
        busy += calendar_sync.busy_intervals(
            [item for item in occurrences if calendar_sync.booking_of(item.uid.split("|", 1)[1]) is None], start, end
        )
        summaries.update({f"{item.uid}@{int(item.start.timestamp())}": item.summary for item in occurrences})
    busy += [_interval_of(value) for key, value in kept.items()]
    _finish(connection, busy, summaries, versions, start, end, now, next_sync)


def _key_of(entry: str) -> str:
    return entry.split("/", 2)[2].split("~", 2)[2]


def _interval_of(entry: str) -> BusyInterval:
    begin, finish, _ = entry.split("/", 2)
    return BusyInterval(
        _key_of(entry), datetime.fromtimestamp(int(begin), UTC), datetime.fromtimestamp(int(finish), UTC)
    )


def _finish(
    connection: Connection,
    busy: list[BusyInterval],
    summaries: dict[str, str],
    versions: dict[str, str],
    start: datetime,
    end: datetime,
    now: datetime,
    next_sync: datetime,
) -> None:
    entries = [calendars.external_entry(connection.id, item.key, item.start, item.end) for item in busy]
    held = [
        (holder, begin, finish)
        for holder, begin, finish in calendar_connections.resource_busy(
            connection.site_id, connection.staff_id, start, end
        )
        if not holder.startswith(calendars.SYNC_KIND)
    ]
    conflicts = calendar_sync.conflicts(busy, held, summaries)
    calendar_connections.finish_sync(connection, entries, versions, conflicts, now, next_sync)


def _deleted_out_there(connection: Connection, present: set[str] | frozenset[str], now: datetime) -> None:
    """Bookings whose pushed event is gone: cancelled as an admin would
    (once, however many syncs see it), or just forgotten when the connection
    says external deletes don't cancel."""
    for booking_id in calendar_sync.deleted_pushes(connection.pushed, present):
        if connection.external_deletes_cancel:
            try:
                booking_actions.apply(connection.site_id, booking_id, Action.CANCEL, SYNCED_BY, now)
                log.info("Booking %s/%s cancelled: its event was deleted", connection.site_id, booking_id)
            except (Conflict, NotFound):
                pass  # cancelled (or gone) already: by the other sync, or before
        calendar_connections.mark_pushed(connection, booking_id, False)
