"""What tools/stack.py prepares before the emulator suite starts, so that
the functions load once and every worker start succeeds on busy cores."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT / "tools"))
import stack  # noqa: E402


def test_workers_get_minutes_to_start_not_the_emulators_thirty_seconds(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FUNCTIONS_DISCOVERY_TIMEOUT", raising=False)
    monkeypatch.setattr(stack, "java_home", lambda: Path("/java"))
    monkeypatch.setattr(stack, "firestore_binary", lambda: None)
    assert int(stack.environment()["FUNCTIONS_DISCOVERY_TIMEOUT"]) >= 120


def test_every_declared_param_gets_its_default_before_the_emulator_starts(tmp_path: Path) -> None:
    stack.write_param_values(tmp_path)
    written = dict(line.split("=", 1) for line in (tmp_path / ".env.local").read_text().splitlines())
    assert written["RATE_LIMIT_BOOKINGS_PER_MINUTE"] == "5"
    assert written["EMAIL_FROM_ADDRESS"] == "bookings@example.com"
    assert written["APP_URL"] == ""
    assert "SENDGRID_API_KEY" not in written, "secrets never go into .env.local"


def test_a_developers_own_values_are_kept_and_only_missing_params_added(tmp_path: Path) -> None:
    (tmp_path / ".env.local").write_text("RATE_LIMIT_BOOKINGS_PER_MINUTE=500")
    stack.write_param_values(tmp_path)
    lines = (tmp_path / ".env.local").read_text().splitlines()
    assert lines[0] == "RATE_LIMIT_BOOKINGS_PER_MINUTE=500"
    assert sum(line.startswith("RATE_LIMIT_BOOKINGS_PER_MINUTE=") for line in lines) == 1
    assert "RATE_LIMIT_SLOTS_PER_MINUTE=30" in lines
    before = (tmp_path / ".env.local").read_text()
    stack.write_param_values(tmp_path)
    assert (tmp_path / ".env.local").read_text() == before, "nothing changes once every param has a value"


def test_worker_load_failures_are_counted_from_the_emulator_log(tmp_path: Path) -> None:
    log = tmp_path / "emulators.log"
    log.write_text(
        "i  functions: Beginning execution\n"
        "⬢  functions: Failed to start functions in /x/functions: Failed to load function.\n" * 3
    )
    assert stack.worker_load_failures(log) == 3
    assert stack.worker_load_failures(tmp_path / "missing.log") == 0
