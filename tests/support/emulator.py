"""The real emulator suite for emulator and browser tests: started once per run.

These tests are never skipped. If the emulators can't start, the run fails
with the reason and what to install.
"""

from __future__ import annotations

import os
import sys
import urllib.request
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import requests

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))
import demo_data  # noqa: E402
import seed as seeding  # noqa: E402
import stack  # noqa: E402

PORTS = stack.ports()
LOG = ROOT / ".tools" / f"test-emulators-{stack.PORT_OFFSET}.log"
FUNCTIONS_URL = f"http://127.0.0.1:{PORTS['functions']}/{stack.PROJECT_ID}/{stack.REGION}"
FIRESTORE_URL = f"http://127.0.0.1:{PORTS['firestore']}"
DOCUMENTS_URL = f"{FIRESTORE_URL}/emulator/v1/projects/{stack.PROJECT_ID}/databases/(default)/documents"


@pytest.fixture(scope="session")
def emulators() -> Iterator[None]:
    try:
        process = stack.start(log_path=LOG)
    except stack.StackError as error:
        pytest.fail(str(error), pytrace=False)
    try:
        stack.wait_until_ready(process)
    except stack.StackError as error:
        stack.stop(process)
        log = LOG.read_text(errors="replace")[-3000:]
        pytest.fail(f"{error}\n--- emulator log ---\n{log}", pytrace=False)
    os.environ["FIRESTORE_EMULATOR_HOST"] = f"127.0.0.1:{PORTS['firestore']}"
    yield
    stack.stop(process)


@pytest.fixture
def db(emulators: None) -> Any:
    """A Firestore client on an empty database (rules bypassed, as on a server)."""
    urllib.request.urlopen(urllib.request.Request(DOCUMENTS_URL, method="DELETE"), timeout=10)
    return seeding.emulator_client()


@pytest.fixture
def demo(db: Any) -> Any:
    """The demo site, freshly written."""
    seeding.seed_firestore(db)
    return db


class CallableError(Exception):
    def __init__(self, status: str, message: str) -> None:
        super().__init__(f"{status}: {message}")
        self.status = status
        self.message = message


def call(name: str, data: Any, ip: str = "203.0.113.1", session: requests.Session | None = None) -> Any:
    """Invoke a callable over HTTP exactly as the Firebase JS SDK does."""
    response = (session or requests).post(
        f"{FUNCTIONS_URL}/{name}",
        json={"data": data},
        headers={"X-Forwarded-For": ip},
        timeout=60,
    )
    return result_of(response)


def result_of(response: requests.Response) -> Any:
    """A callable's result, or its error; an answer that isn't the callable
    protocol (an emulator error page) names its HTTP status and text."""
    try:
        body = response.json()
    except ValueError:
        body = {}
    if "error" in body:
        raise CallableError(body["error"]["status"], body["error"]["message"])
    if "result" not in body:
        raise CallableError(f"HTTP {response.status_code}", response.text[:500])
    return body["result"]


__all__ = ["CallableError", "call", "demo_data", "result_of"]


def change_catalog(db: Any, path: str, fields: dict[str, Any], new: bool = False) -> None:
    """Write a branch, service, staff or schedule document directly, the way
    the admin callables do: with a new catalog version for its site in the
    same commit, or warm functions would go on using their cached catalog."""
    from booking.adapters.site_store import mark_catalog_changed

    batch = db.batch()
    if new:
        batch.set(db.document(path), fields)
    else:
        batch.update(db.document(path), fields)
    mark_catalog_changed(batch, path.split("/")[1])
    batch.commit()


def started(db: Any, booking_id: str, minutes_ago: int = 20, site: str = "demo") -> None:
    """Move a booking so that it began `minutes_ago` (its locks stay where they
    were): only an appointment that has begun can become a no-show."""
    start = datetime.now(UTC) - timedelta(minutes=minutes_ago)
    db.document(f"sites/{site}/bookings/{booking_id}").update({"start": start, "end": start + timedelta(minutes=30)})
