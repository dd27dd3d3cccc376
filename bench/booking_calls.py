"""Booking requests as the widget sends them, against the emulator suite.

Each request comes from its own client address so that the per-IP rate
limits, which stay on, don't cut a measurement short.
"""

from __future__ import annotations

import base64
import http.client
import itertools
import json
import threading
import time
import urllib.request
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import demo_data
import seed
import stack

FUNCTIONS_PATH = f"/{stack.PROJECT_ID}/{stack.REGION}"
DOCUMENTS = f"http://127.0.0.1:{stack.ports()['firestore']}/emulator/v1/projects/{stack.PROJECT_ID}/databases/(default)/documents"
ZONE = ZoneInfo("Europe/Amsterdam")
addresses = (f"10.{(n >> 16) & 255}.{(n >> 8) & 255}.{n & 255}" for n in itertools.count(1))
address_lock = threading.Lock()


def admin_token() -> str:
    """An unsigned ID token of the demo site's admin: the Auth emulator's
    functions accept it, as they do the emulator tests' tokens."""
    now = int(time.time())
    claims = {
        "iss": f"https://securetoken.google.com/{stack.PROJECT_ID}",
        "aud": stack.PROJECT_ID,
        "sub": "bench-admin",
        "user_id": "bench-admin",
        "iat": now,
        "exp": now + 3600,
        "auth_time": now,
        "firebase": {"sign_in_provider": "password", "identities": {}},
        "email": demo_data.ADMIN_EMAIL,
        "sites": {demo_data.SITE_ID: "admin"},
    }

    def part(value: dict[str, Any]) -> str:
        return base64.urlsafe_b64encode(json.dumps(value).encode()).decode().rstrip("=")

    return f"{part({'alg': 'none', 'typ': 'JWT'})}.{part(claims)}."


def next_address() -> str:
    with address_lock:
        return next(addresses)


CALL_TIMEOUT_S = 120.0
"""The longest a call may take: a worker's cold start on busy cores included."""
ATTEMPTS = 3
IDLE_CLOSE_S = 4.0
"""The emulator closes a connection idle for 5 s: open a new one before that."""


class CallFailed(RuntimeError):
    """A callable got no answer in every attempt."""


class Retries:
    """Calls sent again after a timeout or a broken connection, over the run:
    a retry means a worker failed or hung, so the figures report them."""

    count = 0
    lock = threading.Lock()

    @classmethod
    def add(cls) -> None:
        with cls.lock:
            cls.count += 1


class Visitor:
    """One client with its own keep-alive connection to the functions
    emulator. Plain `http.client`, so that the load generator takes as little
    as possible of the CPU it measures (`requests` costs several times more
    per call)."""

    def __init__(self, timeout: float = CALL_TIMEOUT_S) -> None:
        self.timeout = timeout
        self.connection = self._connect()
        self.last_used = time.monotonic()

    def _connect(self) -> http.client.HTTPConnection:
        return http.client.HTTPConnection("127.0.0.1", stack.ports()["functions"], timeout=self.timeout)

    def call(self, name: str, data: dict[str, Any], id_token: str | None = None) -> tuple[float, dict[str, Any]]:
        """Milliseconds until the answer, and its body. Each attempt is
        bounded by the timeout; a failed one is counted, then sent again.
        `id_token` signs the call in (admin callables)."""
        body = json.dumps({"data": data})
        headers = {"Content-Type": "application/json", "X-Forwarded-For": next_address()}
        if id_token:
            headers["Authorization"] = f"Bearer {id_token}"
        if time.monotonic() - self.last_used > IDLE_CLOSE_S:
            self.connection.close()
            self.connection = self._connect()
        failure: Exception | None = None
        for attempt in range(ATTEMPTS):
            if attempt:
                Retries.add()
                self.connection.close()
                self.connection = self._connect()
            started = time.perf_counter()
            try:
                self.connection.request("POST", f"{FUNCTIONS_PATH}/{name}", body, headers)
                response = self.connection.getresponse()
                answer: dict[str, Any] = json.loads(response.read())
            except (OSError, http.client.HTTPException, ValueError) as error:
                failure = error
                continue
            self.last_used = time.monotonic()
            return (time.perf_counter() - started) * 1000, answer
        raise CallFailed(f"{name} got no answer in {ATTEMPTS} attempts of {self.timeout:.0f} s: {failure!r}")


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def reset(db: Any) -> None:
    urllib.request.urlopen(urllib.request.Request(DOCUMENTS, method="DELETE"), timeout=30)
    seed.seed_firestore(db)


def workdays(count: int) -> list[date]:
    day, found = datetime.now(ZONE).date() + timedelta(days=1), []
    while len(found) < count:
        if day.weekday() < 6:
            found.append(day)
        day += timedelta(days=1)
    return found


def slot_starts(days: list[date]) -> list[str]:
    """Every free 30-minute demo slot on the given days, both Centrum staff."""
    times = [(h, m) for h in range(9, 17) for m in (0, 30) if (h, m) != (12, 30)]
    return [datetime(d.year, d.month, d.day, h, m, tzinfo=ZONE).isoformat() for d in days for h, m in times]


def booking(start: str, staff: str, index: int) -> dict[str, Any]:
    return {
        "siteId": demo_data.SITE_ID,
        "serviceId": "haircut",
        "branchId": "centrum",
        "staffId": staff,
        "start": start,
        "customer": {"name": f"Bench {index}", "email": f"bench{index}@example.com"},
    }
