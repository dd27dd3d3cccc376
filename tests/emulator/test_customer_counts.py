"""Visits and no-shows are counted with the status change that earns them,
once per booking; the recount tool repairs old profiles."""

from __future__ import annotations

import os
import subprocess
import sys
from typing import Any

import pytest

from tests.emulator.test_staff_login import session
from tests.emulator.test_staff_status import book, change
from tests.support.emulator import ROOT, CallableError, started


def profile(db: Any, booking_id: str) -> dict[str, Any]:
    customer_id = db.document(f"sites/demo/bookings/{booking_id}").get().get("customerId")
    return db.document(f"sites/demo/customers/{customer_id}").get().to_dict() or {}


def test_a_completed_booking_is_one_visit_and_cancelled_ones_are_none(demo: Any) -> None:
    anna = session("anna")
    visited, cancelled = book(10), book(12)
    change(anna, cancelled, "cancel")
    assert profile(demo, visited).get("visitCount", 0) == 0
    started(demo, visited)
    change(anna, visited, "complete")
    stored = profile(demo, visited)
    assert (stored["visitCount"], stored["tier"], stored["noShowCount"]) == (1, "new", 0)
    booking = demo.document(f"sites/demo/bookings/{visited}").get().to_dict()
    assert booking["visitCounted"] is True
    assert stored["lastVisitDay"] == stored["firstVisitDay"] == int(booking["date"].replace("-", ""))


def test_a_repeated_completion_counts_once_and_a_completed_no_show_moves_over(demo: Any) -> None:
    anna = session("anna")
    booking_id = book(10)
    started(demo, booking_id)
    change(anna, booking_id, "no_show")
    assert (profile(demo, booking_id)["noShowCount"], profile(demo, booking_id).get("visitCount", 0)) == (1, 0)
    change(anna, booking_id, "complete")
    with pytest.raises(CallableError) as refused:
        change(anna, booking_id, "complete")
    assert refused.value.status == "FAILED_PRECONDITION"
    stored = profile(demo, booking_id)
    assert (stored["noShowCount"], stored["visitCount"]) == (0, 1)


def recount() -> str:
    env = {**os.environ, "FIRESTORE_EMULATOR_HOST": os.environ["FIRESTORE_EMULATOR_HOST"]}
    env.pop("GOOGLE_CLOUD_PROJECT", None)
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "recount_customers.py"), "demo"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_the_recount_tool_repairs_old_profiles_and_a_second_run_changes_nothing(demo: Any) -> None:
    anna = session("anna")
    visited, cancelled = book(10), book(12)
    started(demo, visited)
    change(anna, visited, "complete")
    change(anna, cancelled, "cancel")
    customer_id = demo.document(f"sites/demo/bookings/{visited}").get().get("customerId")
    old = {"visitCount": 7, "tier": "regular", "noShowCount": 3, "bookingCount": 2}
    demo.document(f"sites/demo/customers/{customer_id}").update(old)
    demo.document(f"sites/demo/bookings/{visited}").update({"visitCounted": False})
    assert "documents changed" in recount()
    stored = profile(demo, visited)
    assert (stored["visitCount"], stored["tier"], stored["noShowCount"]) == (1, "new", 0)
    assert demo.document(f"sites/demo/bookings/{visited}").get().get("visitCounted") is True
    assert ": 0 documents changed" in recount()
