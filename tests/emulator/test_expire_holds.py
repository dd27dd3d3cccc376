"""The hold-expiry job, fired through the functions emulator as the local
scheduler fires it."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from typing import Any

from scheduled.runner import discover, fire
from tests.support.dates import local, next_workday
from tests.support.emulator import call

JOB = next(job for job in discover() if job.name == "expireHolds")


def deposit_booking(start: str) -> dict[str, Any]:
    return call(
        "createBooking",
        {
            "siteId": "demo",
            "serviceId": "colour",
            "branchId": "centrum",
            "staffId": "anna",
            "start": start,
            "customer": {"name": "Grace", "email": "grace@example.com"},
            "answers": {"allergies": "none"},
        },
    )


def test_unpaid_deposit_booking_expires_once_its_hold_passed_and_frees_the_slot(demo: Any) -> None:
    demo.document("sites/demo").update({"payments.ready": True})
    start = local(next_workday(2), 10)
    booking = deposit_booking(start)
    assert booking["status"] == "pending_payment"
    ref = demo.document(f"sites/demo/bookings/{booking['bookingId']}")
    stored = ref.get().to_dict()
    assert stored["holdExpiresAt"] - stored["createdAt"] == timedelta(minutes=30)

    fire(JOB)
    assert ref.get().get("status") == "pending_payment"  # not yet due

    ref.update({"holdExpiresAt": datetime.now(UTC) - timedelta(seconds=1)})
    with ThreadPoolExecutor(2) as pool:
        outcomes = list(pool.map(lambda _: fire(JOB), range(2)))
    assert outcomes == ["200", "200"]
    expired = ref.get().to_dict()
    assert expired["status"] == "expired"
    assert [change["to"] for change in expired["statusHistory"]] == ["pending_payment", "expired"]
    assert not list(demo.collection("sites/demo/locks").stream())
    assert deposit_booking(start)["status"] == "pending_payment"


def test_confirmed_bookings_are_never_expired(demo: Any) -> None:
    booking = call(
        "createBooking",
        {
            "siteId": "demo",
            "serviceId": "haircut",
            "branchId": "centrum",
            "start": local(next_workday(2), 11),
            "customer": {"name": "Alan", "email": "alan@example.com"},
        },
    )
    fire(JOB)
    assert demo.document(f"sites/demo/bookings/{booking['bookingId']}").get().get("status") == "confirmed"
