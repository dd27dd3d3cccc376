"""A new instance imports `main` before its first request: what only some
requests need (e-mails, payments, follow-up steps, scheduled jobs) is
imported when one of them runs, not then (docs/booking-speed.md)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

FUNCTIONS = Path(__file__).resolve().parents[2] / "functions"
LOADED = "import json, sys\nimport main\nprint(json.dumps(sorted(sys.modules)))"

DEFERRED = [
    "booking.services.email.messages",
    "booking.services.email.notifications",
    "booking.services.email.render",
    "booking.services.email.reminders",
    "booking.services.follow_ups",
    "booking.services.follow_up_steps",
    "booking.services.payments.admin",
    "booking.services.payments.checkout",
    "booking.services.payments.webhook",
    "booking.adapters.stripe_gateway",
    "booking.adapters.terminal_gateway",
    "booking.services.pos.sales",
    "booking.adapters.ics",
    "stripe",
    "sendgrid",
    "icalendar",
    "segno",
    "caldav",
    "googleapiclient",
    "recurring_ical_events",
    "cryptography.fernet",
]


def modules_after_importing_main() -> set[str]:
    result = subprocess.run([sys.executable, "-c", LOADED], cwd=FUNCTIONS, capture_output=True, text=True, check=True)
    return set(json.loads(result.stdout))


def test_a_cold_start_leaves_what_only_some_requests_need_unimported() -> None:
    loaded = modules_after_importing_main()
    assert "booking.api.public" in loaded
    assert [name for name in DEFERRED if name in loaded] == []
