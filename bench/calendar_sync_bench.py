"""`calendar_sync_100_connections_s`: one sync round (the scheduled
`syncCalendars`, fired as the local scheduler fires it) over 100 connected
CalDAV calendars with 10 new events each, against a local Radicale server.

Connections are made through `adminConnectCalDav` as an admin would; the
events are added straight on the CalDAV server. The round is timed from the
request to its answer, then checked: every connection synced, with its 10
busy times in the busy calendars.
"""

from __future__ import annotations

import contextlib
import tempfile
import time
import urllib.error
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import demo_data
import requests
import seed
from radicale_server import RadicaleServer, free_port

from bench.booking_calls import reset

CONNECTIONS = 100
CHANGES = 10
STAFF = ("anna", "ben", "chloe")


def _admin_token() -> str:
    import demo_bookings

    with contextlib.suppress(urllib.error.HTTPError):  # made by an earlier run: kept
        seed.create_admin(demo_data.ADMIN_EMAIL, demo_data.ADMIN_PASSWORD, demo_data.SITE_ID)
    return demo_bookings.admin_token()


def _add_events(server: RadicaleServer, user: str, password: str, day: datetime) -> None:
    calendar = server.calendar_url(user, "work")
    for index in range(CHANGES):
        start = day + timedelta(days=index % 7, hours=index // 7)
        stamp = "%Y%m%dT%H%M%SZ"
        body = (
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Bench//EN\r\nBEGIN:VEVENT\r\n"
            f"UID:bench-{user}-{index}\r\nDTSTAMP:20260101T000000Z\r\n"
            f"DTSTART:{start:{stamp}}\r\nDTEND:{start + timedelta(minutes=30):{stamp}}\r\n"
            "SUMMARY:Busy\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
        )
        response = requests.put(
            f"{calendar}bench-{user}-{index}.ics",
            data=body,
            auth=(user, password),
            timeout=30,
            headers={"Content-Type": "text/calendar"},
        )
        assert response.status_code in (201, 204), response.text


def sync_round(db: Any) -> float:
    from demo_bookings import call

    from scheduled.runner import discover, fire

    reset(db)
    token = _admin_token()
    users = {f"user{index}": f"password-{index}" for index in range(CONNECTIONS)}
    with tempfile.TemporaryDirectory() as folder:
        server = RadicaleServer(Path(folder), free_port(), users).start(calendars=("work",))
        try:
            day = (datetime.now(UTC) + timedelta(days=1)).replace(hour=8, minute=0, second=0, microsecond=0)
            ids = []
            for index, (user, password) in enumerate(users.items()):
                made = call(
                    "adminConnectCalDav",
                    {
                        "siteId": demo_data.SITE_ID,
                        "staffId": STAFF[index % len(STAFF)],
                        "url": server.url,
                        "username": user,
                        "password": password,
                    },
                    token,
                )
                ids.append(made["id"])
                _add_events(server, user, password, day)
            connections = db.collection(f"sites/{demo_data.SITE_ID}/calendarConnections")
            due = datetime.now(UTC) - timedelta(seconds=1)
            for connection_id in ids:
                connections.document(connection_id).update({"nextSyncAt": due})
            (job,) = [job for job in discover() if job.name == "syncCalendars"]
            began = time.perf_counter()
            outcome = fire(job)
            elapsed = time.perf_counter() - began
            assert outcome == "200", outcome
            synced = [snapshot.to_dict() or {} for snapshot in connections.stream()]
            assert len(synced) == CONNECTIONS
            assert all(len(item.get("busy") or ()) == CHANGES and not item.get("lastError") for item in synced), [
                item.get("lastError") for item in synced if item.get("lastError")
            ][:3]
            return elapsed
        finally:
            server.stop()


def step(db: Any) -> dict[str, float]:
    return {"calendar_sync_100_connections_s": round(sync_round(db), 1)}
