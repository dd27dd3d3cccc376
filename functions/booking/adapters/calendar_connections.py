"""Calendar connections and their pending pushes, server-only documents
(firestore.rules denies them to every client):

    sites/{site}/calendarConnections/{id}   the connection, its sealed credentials
                                            and what the last sync wrote
    sites/{site}/calendarPushes/{id}_{booking}   a push that failed, until it succeeds

A sync writes its busy entries into the busy calendars (adapters/calendars.py)
in the same batch that records them on the connection.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any

from google.cloud import firestore

from booking.adapters import calendars
from booking.adapters.firestore_client import db, due_in_sites, site_ref
from booking.domain.calendar_sync import Conflict, Connection, ConnectionStatus

CONNECTIONS, PUSHES, CONSENTS = "calendarConnections", "calendarPushes", "calendarConsents"


def _connections(site_id: str) -> firestore.CollectionReference:
    collection: firestore.CollectionReference = site_ref(site_id).collection(CONNECTIONS)
    return collection


def _push_ref(site_id: str, connection_id: str, booking_id: str) -> firestore.DocumentReference:
    ref: firestore.DocumentReference = site_ref(site_id).collection(PUSHES).document(f"{connection_id}_{booking_id}")
    return ref


def _from(site_id: str, id_: str, data: dict[str, Any]) -> Connection:
    return Connection(
        id=id_,
        site_id=site_id,
        provider=data.get("provider", "caldav"),
        staff_id=data.get("staffId"),
        account=data.get("account", ""),
        sealed_credentials=data.get("credentials", ""),
        status=ConnectionStatus(data.get("status", ConnectionStatus.ACTIVE)),
        calendars=tuple((item["id"], item.get("name", "")) for item in data.get("calendars") or ()),
        write_calendar=data.get("writeCalendar"),
        busy_calendars=tuple(data.get("busyCalendars") or ()),
        external_deletes_cancel=bool(data.get("externalDeletesCancel", True)),
        versions=dict(data.get("versions") or {}),
        busy=tuple(data.get("busy") or ()),
        pushed=frozenset(data.get("pushed") or ()),
        conflicts=tuple(
            Conflict(item["bookingId"], item["start"], item["end"], item.get("summary", ""))
            for item in data.get("conflicts") or ()
        ),
        last_sync_at=data.get("lastSyncAt"),
        last_error=data.get("lastError", ""),
        next_sync_at=data.get("nextSyncAt"),
    )


def new_id(site_id: str) -> str:
    return str(_connections(site_id).document().id)


def create(connection: Connection, now: datetime) -> None:
    _connections(connection.site_id).document(connection.id).create(
        {
            "provider": connection.provider,
            "staffId": connection.staff_id,
            "account": connection.account,
            "credentials": connection.sealed_credentials,
            "status": connection.status.value,
            "calendars": [{"id": id_, "name": name} for id_, name in connection.calendars],
            "writeCalendar": connection.write_calendar,
            "busyCalendars": list(connection.busy_calendars),
            "externalDeletesCancel": connection.external_deletes_cancel,
            "createdAt": now,
            "nextSyncAt": now,
        }
    )


def get(site_id: str, connection_id: str) -> Connection | None:
    snapshot = _connections(site_id).document(connection_id).get()
    return _from(site_id, snapshot.id, snapshot.to_dict() or {}) if snapshot.exists else None


def for_site(site_id: str) -> list[Connection]:
    return [_from(site_id, item.id, item.to_dict() or {}) for item in _connections(site_id).stream()]


def configure(connection: Connection, write: str | None, busy: list[str], deletes_cancel: bool, now: datetime) -> None:
    """New calendars to write and read: read again at once, from scratch."""
    _connections(connection.site_id).document(connection.id).update(
        {
            "writeCalendar": write,
            "busyCalendars": busy,
            "externalDeletesCancel": deletes_cancel,
            "versions": {},
            "nextSyncAt": now,
        }
    )


def remove(connection: Connection) -> None:
    """The connection, its busy entries and its pending pushes, gone together."""
    batch = db().batch()
    calendars.write_external(batch, connection.site_id, connection.staff_id, (), connection.busy)
    batch.delete(_connections(connection.site_id).document(connection.id))
    for booking_id in pending_pushes(connection):
        batch.delete(_push_ref(connection.site_id, connection.id, booking_id))
    batch.commit()


def claim_sync(site_id: str, connection_id: str, now: datetime, lease: timedelta, force: bool) -> Connection | None:
    """The connection, leased to this sync, when it is due (or `force`) and no
    other sync holds it: two sweeps at the same moment sync it once."""
    ref = _connections(site_id).document(connection_id)

    @firestore.transactional
    def claim(transaction: firestore.Transaction) -> Connection | None:
        snapshot = ref.get(transaction=transaction)
        if not snapshot.exists:
            return None
        data = snapshot.to_dict() or {}
        leased = data.get("syncLeaseUntil")
        due = force or (data.get("nextSyncAt") is not None and data["nextSyncAt"] <= now)
        if not due or (leased is not None and leased > now) or data.get("status") == ConnectionStatus.RECONNECT:
            return None
        transaction.update(ref, {"syncLeaseUntil": now + lease})
        return _from(site_id, snapshot.id, data)

    result: Connection | None = claim(db().transaction())
    return result


def finish_sync(
    connection: Connection,
    busy: list[str],
    versions: dict[str, str],
    conflicts: list[Conflict],
    now: datetime,
    next_sync: datetime,
) -> None:
    """What the sync read, written at once: busy entries and the connection."""
    before, after = set(connection.busy), set(busy)
    batch = db().batch()
    calendars.write_external(batch, connection.site_id, connection.staff_id, after - before, before - after)
    batch.update(
        _connections(connection.site_id).document(connection.id),
        {
            "busy": sorted(after),
            "versions": versions,
            "conflicts": [
                {"bookingId": item.booking_id, "start": item.start, "end": item.end, "summary": item.summary}
                for item in conflicts
            ],
            "lastSyncAt": now,
            "lastError": "",
            "nextSyncAt": next_sync,
            "syncLeaseUntil": firestore.DELETE_FIELD,
        },
    )
    batch.commit()


def sync_failed(connection: Connection, message: str, now: datetime, next_sync: datetime | None) -> None:
    """`next_sync` None: the credentials were refused, stop until reconnected."""
    fields: dict[str, Any] = {"lastError": message, "lastErrorAt": now, "syncLeaseUntil": firestore.DELETE_FIELD}
    fields["nextSyncAt"] = next_sync
    if next_sync is None:
        fields["status"] = ConnectionStatus.RECONNECT.value
    _connections(connection.site_id).document(connection.id).update(fields)


def mark_pushed(connection: Connection, booking_id: str, present: bool) -> None:
    change = firestore.ArrayUnion if present else firestore.ArrayRemove
    _connections(connection.site_id).document(connection.id).update({"pushed": change([booking_id])})
    _push_ref(connection.site_id, connection.id, booking_id).delete()


def push_failed(connection: Connection, booking_id: str, message: str, next_at: datetime, now: datetime) -> int:
    """Record a failed push to retry at `next_at`; returns how often it failed."""
    ref = _push_ref(connection.site_id, connection.id, booking_id)
    snapshot = ref.get()
    failures = int((snapshot.to_dict() or {}).get("failures", 0)) + 1 if snapshot.exists else 1
    ref.set(
        {
            "connectionId": connection.id,
            "bookingId": booking_id,
            "failures": failures,
            "lastError": message,
            "failedAt": now,
            "nextAttemptAt": next_at,
        }
    )
    return failures


def failures_of(connection: Connection, booking_id: str) -> int:
    snapshot = _push_ref(connection.site_id, connection.id, booking_id).get()
    return int((snapshot.to_dict() or {}).get("failures", 0)) if snapshot.exists else 0


def pending_pushes(connection: Connection) -> dict[str, dict[str, Any]]:
    """Booking id -> the failed push waiting for its retry."""
    query = (
        site_ref(connection.site_id)
        .collection(PUSHES)
        .where(filter=firestore.FieldFilter("connectionId", "==", connection.id))
    )
    return {(item.to_dict() or {})["bookingId"]: item.to_dict() or {} for item in query.stream()}


def pushes_due(now: datetime, limit: int) -> Iterator[tuple[str, str, str]]:
    """(site, connection, booking) of failed pushes whose retry is due."""
    for site_id, push_id in due_in_sites(PUSHES, now, limit):
        connection_id, booking_id = push_id.split("_", 1)
        yield site_id, connection_id, booking_id


def connections_due(now: datetime, limit: int) -> Iterator[tuple[str, str]]:
    """(site, connection) of connections whose next sync is due."""
    yield from due_in_sites(CONNECTIONS, now, limit, field="nextSyncAt")


def resource_busy(
    site_id: str, staff_id: str | None, start: datetime, end: datetime
) -> list[tuple[str, datetime, datetime]]:
    """Every entry in the resource's busy calendars in `[start, end)`."""
    return calendars.holders_in(db().get_all(calendars.refs(site_id, [staff_id], start, end)), start, end)


def remember_consent(site_id: str, nonce: str, expires_at: datetime) -> None:
    """A consent started: its nonce, to be used up once by the callback."""
    site_ref(site_id).collection(CONSENTS).document(nonce).create({"expiresAt": expires_at})


def use_consent(site_id: str, nonce: str) -> bool:
    """True the first time only: the consent's nonce is deleted in a transaction."""
    ref = site_ref(site_id).collection(CONSENTS).document(nonce)

    @firestore.transactional
    def use(transaction: firestore.Transaction) -> bool:
        if not ref.get(transaction=transaction).exists:
            return False
        transaction.delete(ref)
        return True

    used: bool = use(db().transaction())
    return used
