"""Bookings for unit tests: a complete BookingRecord with sensible defaults."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta
from typing import Any

from booking.domain.booking import Customer
from booking.domain.model import BookingStatus
from booking.domain.record import BookingRecord, HistoryEntry, ServiceSnapshot

START = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)


def booking_record(**overrides: Any) -> BookingRecord:
    """A confirmed 30-minute haircut of Anna's at START, made a day before;
    any field can be overridden."""
    start = overrides.pop("start", START)
    created = overrides.pop("created_at", start - timedelta(days=1))
    status = overrides.pop("status", BookingStatus.CONFIRMED)
    base = BookingRecord(
        id="b1",
        site_id="demo",
        branch_id=None,
        service_id="haircut",
        service=ServiceSnapshot(name="Haircut", duration_minutes=30, price_cents=3000),
        staff_id="anna",
        staff_name="Anna",
        start=start,
        end=start + timedelta(minutes=30),
        local_date=start.date().isoformat(),
        timezone="UTC",
        customer=Customer(name="Dana Client", email="dana@example.com", phone=""),
        customer_id=Customer(name="Dana Client", email="dana@example.com").key,
        status=status,
        history=(HistoryEntry(at=created, by="client", to=status),),
        created_at=created,
        updated_at=created,
    )
    return dataclasses.replace(base, **overrides)
