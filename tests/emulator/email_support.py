"""Helpers shared by the e-mail, manage-link and reminder emulator tests."""

from __future__ import annotations

import base64
import itertools
import re
from html import unescape
from typing import Any
from urllib.parse import parse_qs, urlsplit

from tests.support.emulator import call

_ips = itertools.count(1)


def fresh_ip() -> str:
    """A new client address per call: the public callables are rate-limited per IP."""
    return f"198.51.100.{next(_ips) % 250 + 1}"


def book(start: str, staff: str = "anna", branch: str = "centrum", email: str = "ada@example.com") -> dict[str, Any]:
    return call(
        "createBooking",
        {
            "siteId": "demo",
            "serviceId": "haircut",
            "branchId": branch,
            "staffId": staff,
            "start": start,
            "customer": {"name": "Ada Lovelace", "email": email},
        },
        ip=fresh_ip(),
    )


def outbox(db: Any, booking_id: str | None = None) -> list[dict[str, Any]]:
    """The demo site's e-mails, oldest first."""
    records = [{"id": snap.id, **snap.to_dict()} for snap in db.collection("sites/demo/outbox").stream()]
    if booking_id:
        records = [record for record in records if record["bookingId"] == booking_id]
    return sorted(records, key=lambda record: record["createdAt"])


def kinds(db: Any, booking_id: str) -> list[str]:
    return [record["kind"] for record in outbox(db, booking_id)]


def attachment(record: dict[str, Any], filename: str = "invite.ics") -> bytes:
    (item,) = [item for item in record["attachments"] if item["filename"] == filename]
    return base64.b64decode(item["content"])


def link(record: dict[str, Any], key: str) -> str:
    """The href of the e-mail's button marked data-link=<key>."""
    match = re.search(rf'<a href="([^"]+)" data-link="{key}"', record["html"])
    assert match, f"no {key} link in {record['kind']} e-mail"
    return unescape(match.group(1))


def token_of(url: str) -> str:
    return parse_qs(urlsplit(url).fragment)["token"][0]


def manage_request(record: dict[str, Any]) -> dict[str, str]:
    url = link(record, "manage")
    query = parse_qs(urlsplit(url).query)
    return {"siteId": query["site"][0], "bookingId": query["booking"][0], "token": token_of(url)}
