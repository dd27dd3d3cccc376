"""A real CalDAV server (Radicale) for the calendar sync tests, with raw
CalDAV helpers that act as the calendar's owner would in their own app."""

from __future__ import annotations

import sys
import uuid
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
import requests

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))
from radicale_server import RadicaleServer, free_port  # noqa: E402

USER, PASSWORD = "anna", "app-password-1"


@pytest.fixture
def radicale(tmp_path: Path) -> Iterator[RadicaleServer]:
    server = RadicaleServer(tmp_path / "radicale", free_port(), {USER: PASSWORD}).start()
    yield server
    server.stop()


def stamp(instant: datetime) -> str:
    return instant.strftime("%Y%m%dT%H%M%SZ")


def add_event(calendar_url: str, start: str | datetime, end: str | datetime, extra: str = "", uid: str = "") -> str:
    """Add an event as its owner would; returns its UID. `start` and `end`
    are datetimes or raw DTSTART and DTEND (or DURATION) lines."""
    uid = uid or f"{uuid.uuid4()}@example.com"
    end_line = f"DTEND:{stamp(end)}" if isinstance(end, datetime) else end
    body = "\r\n".join(
        [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//Tests//EN",
            "BEGIN:VEVENT",
            f"UID:{uid}",
            "DTSTAMP:20260101T000000Z",
            f"DTSTART:{stamp(start)}" if isinstance(start, datetime) else start,
            end_line,
            "SUMMARY:Dentist",
            *([extra] if extra else []),
            "END:VEVENT",
            "END:VCALENDAR",
            "",
        ]
    )
    response = requests.put(
        f"{calendar_url}{uid}.ics",
        data=body.encode(),
        auth=(USER, PASSWORD),
        timeout=10,
        headers={"Content-Type": "text/calendar"},
    )
    assert response.status_code in (201, 204), response.text
    return uid


def event_text(calendar_url: str, uid: str) -> str | None:
    response = requests.get(f"{calendar_url}{uid}.ics", auth=(USER, PASSWORD), timeout=10)
    return response.text if response.status_code == 200 else None


def delete_event(calendar_url: str, uid: str) -> None:
    response = requests.delete(f"{calendar_url}{uid}.ics", auth=(USER, PASSWORD), timeout=10)
    assert response.status_code in (200, 204), response.text


def requests_seen(server: RadicaleServer) -> int:
    """How many requests the server has logged so far."""
    return sum(1 for line in server.log.read_text(errors="replace").splitlines() if " request for " in line)
