"""Booking requests as the widget sends them, against the emulator suite.

Each request comes from its own client address so that the per-IP rate
limits, which stay on, don't cut a measurement short.
"""

from __future__ import annotations

import itertools
import threading
import time
import urllib.request
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import demo_data
import requests
import seed
import stack

FUNCTIONS = f"http://127.0.0.1:{stack.ports()['functions']}/{stack.PROJECT_ID}/{stack.REGION}"
DOCUMENTS = f"http://127.0.0.1:{stack.ports()['firestore']}/emulator/v1/projects/{stack.PROJECT_ID}/databases/(default)/documents"
ZONE = ZoneInfo("Europe/Amsterdam")
addresses = (f"10.{(n >> 16) & 255}.{(n >> 8) & 255}.{n & 255}" for n in itertools.count(1))
address_lock = threading.Lock()


def next_address() -> str:
    with address_lock:
        return next(addresses)


def call(name: str, data: dict[str, Any], session: requests.Session) -> tuple[float, dict[str, Any]]:
    started = time.perf_counter()
    body = session.post(
        f"{FUNCTIONS}/{name}", json={"data": data}, headers={"X-Forwarded-For": next_address()}, timeout=60
    ).json()
    return (time.perf_counter() - started) * 1000, body


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
