"""A local stand-in for the Google Calendar v3 subset calendar sync uses, and
its OAuth token endpoint: the real `googleapiclient` talks to it through
`api_endpoint`. Events live in memory with a change counter; a sync token is
that counter, and tokens marked expired get 410 Gone, as Google does."""

from __future__ import annotations

import functools
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote, urlencode, urlsplit

import pytest

PAGE_SIZE = 2
CALENDARS = [{"id": "primary", "summary": "Anna"}, {"id": "team@example.com", "summary": "Team"}]


class GoogleCalendarStub:
    def __init__(self) -> None:
        self.events: dict[str, dict[str, dict[str, Any]]] = {calendar["id"]: {} for calendar in CALENDARS}
        self.changed_at: dict[tuple[str, str], int] = {}
        self.counter = 0
        self.expired_tokens: set[str] = set()
        self.revoked: set[str] = set()
        self.token_requests = 0
        self.codes: dict[str, str] = {}
        self.lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/"

    @property
    def api_base(self) -> str:
        return f"{self.base}calendar/v3/"

    @property
    def token_uri(self) -> str:
        return f"{self.base}token"

    def change(self, calendar: str, event: dict[str, Any]) -> None:
        """An edit by the calendar's owner, in Google's own app."""
        with self.lock:
            self.counter += 1
            self.events[calendar][event["id"]] = event
            self.changed_at[(calendar, event["id"])] = self.counter

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def _send(self, status: int, body: dict[str, Any] | None = None) -> None:
                data = json.dumps(body or {}).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _body(self) -> dict[str, Any]:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b"{}"
                return json.loads(raw) if raw.startswith(b"{") else {k: v[0] for k, v in parse_qs(raw.decode()).items()}

            def _route(self) -> tuple[list[str], dict[str, list[str]]]:
                url = urlsplit(self.path)
                return [unquote(part) for part in url.path.strip("/").split("/")], parse_qs(url.query)

            def do_POST(self) -> None:
                parts, _ = self._route()
                body = self._body()
                if parts == ["token"]:
                    stub.token_requests += 1
                    if body.get("grant_type") == "authorization_code":
                        refresh = stub.codes.pop(body.get("code", ""), None)
                        if refresh is None:
                            return self._send(400, {"error": "invalid_grant"})
                        return self._send(
                            200, {"access_token": "access-1", "refresh_token": refresh, "expires_in": 3600}
                        )
                    if body.get("refresh_token") in stub.revoked:
                        return self._send(
                            400, {"error": "invalid_grant", "error_description": "Token has been revoked."}
                        )
                    return self._send(200, {"access_token": "access-1", "expires_in": 3600, "token_type": "Bearer"})
                calendar = parts[3]
                if self.headers.get("Authorization") != "Bearer access-1":
                    return self._send(401)
                if (
                    body["id"] in stub.events[calendar]
                    and stub.events[calendar][body["id"]].get("status") != "cancelled"
                ):
                    return self._send(409)
                stub.change(calendar, {**body, "status": "confirmed"})
                return self._send(200, stub.events[calendar][body["id"]])

            def do_PATCH(self) -> None:
                parts, _ = self._route()
                calendar, event_id = parts[3], parts[5]
                found = stub.events[calendar].get(event_id)
                if found is None or found.get("status") == "cancelled":
                    return self._send(404)
                stub.change(calendar, {**found, **self._body()})
                return self._send(200, stub.events[calendar][event_id])

            def do_DELETE(self) -> None:
                parts, _ = self._route()
                calendar, event_id = parts[3], parts[5]
                found = stub.events[calendar].get(event_id)
                if found is None:
                    return self._send(404)
                if found.get("status") == "cancelled":
                    return self._send(410)
                stub.change(calendar, {"id": event_id, "status": "cancelled"})
                self.send_response(204)
                self.end_headers()
                return None

            def do_GET(self) -> None:
                parts, query = self._route()
                if parts == ["auth"]:  # the consent screen, consenting at once
                    code = f"code-{len(stub.codes) + stub.token_requests + 1}"
                    stub.codes[code] = f"refresh-{code}"
                    target = f"{query['redirect_uri'][0]}?{urlencode({'code': code, 'state': query['state'][0]})}"
                    self.send_response(302)
                    self.send_header("Location", target)
                    self.end_headers()
                    return None
                if parts[-1] == "calendarList":
                    return self._send(200, {"items": CALENDARS})
                calendar = parts[3]
                token = (query.get("syncToken") or [None])[0]
                if token in stub.expired_tokens:
                    return self._send(410, {"error": {"code": 410, "message": "Sync token is no longer valid"}})
                since = int(token) if token else 0
                with stub.lock:
                    changed = sorted(
                        (stub.changed_at[(calendar, event_id)], event)
                        for event_id, event in stub.events[calendar].items()
                        if stub.changed_at[(calendar, event_id)] > since
                    )
                    current = stub.counter
                start = int((query.get("pageToken") or ["0"])[0])
                page = [event for _, event in changed[start : start + PAGE_SIZE]]
                answer: dict[str, Any] = {"items": page}
                if start + PAGE_SIZE < len(changed):
                    answer["nextPageToken"] = str(start + PAGE_SIZE)
                else:
                    answer["nextSyncToken"] = str(current)
                return self._send(200, answer)

        return Handler


@pytest.fixture
def google_stub() -> Iterator[GoogleCalendarStub]:
    stub = GoogleCalendarStub()
    thread = threading.Thread(target=stub.server.serve_forever, daemon=True)
    thread.start()
    yield stub
    stub.server.shutdown()
    stub.server.server_close()


@functools.cache
def start_for_the_emulators() -> GoogleCalendarStub:
    """One stand-in for the whole run, its addresses in the environment the
    emulator suite hands to the functions (as tests/support/stripe_stub.py):
    call it at import, before the emulators start."""
    import os

    stub = GoogleCalendarStub()
    threading.Thread(target=stub.server.serve_forever, daemon=True).start()
    os.environ["GOOGLE_OAUTH_BASE"] = stub.base
    os.environ["GOOGLE_CALENDAR_API_BASE"] = stub.api_base
    return stub
