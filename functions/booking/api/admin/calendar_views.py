"""JSON views of calendar connections: everything but the credentials."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from booking.domain.calendar_sync import Connection
from booking.services.calendar_sync.connections import Listing


def _when(instant: datetime | None) -> str | None:
    return instant.isoformat() if instant else None


def connection(item: Connection, pending: dict[str, dict[str, Any]]) -> dict[str, Any]:
    return {
        "id": item.id,
        "provider": item.provider,
        "staffId": item.staff_id,
        "account": item.account,
        "status": item.status.value,
        "calendars": [{"id": id_, "name": name} for id_, name in item.calendars],
        "writeCalendar": item.write_calendar,
        "busyCalendars": list(item.busy_calendars),
        "externalDeletesCancel": item.external_deletes_cancel,
        "lastSyncAt": _when(item.last_sync_at),
        "nextSyncAt": _when(item.next_sync_at),
        "lastError": item.last_error,
        "busyCount": len(item.busy),
        "conflicts": [
            {"bookingId": c.booking_id, "start": _when(c.start), "end": _when(c.end), "summary": c.summary}
            for c in item.conflicts
        ],
        "failedPushes": [
            {
                "bookingId": booking_id,
                "error": push.get("lastError", ""),
                "failures": push.get("failures", 0),
                "nextAttemptAt": _when(push.get("nextAttemptAt")),
            }
            for booking_id, push in sorted(pending.items())
        ],
    }


def listing(found: Listing) -> dict[str, Any]:
    return {
        "connections": [connection(item, found.pending.get(item.id, {})) for item in found.connections],
        "staff": [{"id": id_, "name": name} for id_, name in found.staff],
    }
