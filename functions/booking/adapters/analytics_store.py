"""The dashboard's storage: per-day counters that bookings keep, the
aggregation queries over profiles and payments, and the one aggregate
document per site (`analytics/dashboard`) the page reads."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from google.cloud import firestore

from booking.adapters.firestore_client import Writer, db, site_ref
from booking.domain import analytics
from booking.domain.analytics import CustomerCounts, DayStat
from booking.domain.loyalty import Tier
from booking.domain.record import BookingRecord

DASHBOARD = ("analytics", "dashboard")


def _daily(site_id: str) -> firestore.CollectionReference:
    collection: firestore.CollectionReference = site_ref(site_id).collection("dailyStats")
    return collection


def count_booking(writer: Writer, booking: BookingRecord) -> None:
    """Add a booking being made to its day's counters, in its commit."""
    minutes = int((booking.end - booking.start).total_seconds() // 60)
    writer.set(
        _daily(booking.site_id).document(booking.local_date),
        {
            "date": booking.local_date,
            "bookings": firestore.Increment(1),
            "minutes": firestore.Increment(minutes),
            "slots": {analytics.slot_key(booking.start, booking.timezone): firestore.Increment(1)},
            "services": {booking.service_id: firestore.Increment(1)},
        },
        merge=True,
    )


def day_stats(site_id: str, first: date, last: date) -> list[DayStat]:
    query = (
        _daily(site_id)
        .where(filter=firestore.FieldFilter("date", ">=", first.isoformat()))
        .where(filter=firestore.FieldFilter("date", "<=", last.isoformat()))
    )
    return [
        DayStat(
            day=date.fromisoformat(doc["date"]),
            bookings=int(doc.get("bookings") or 0),
            minutes=int(doc.get("minutes") or 0),
            slots=dict(doc.get("slots") or {}),
            services=dict(doc.get("services") or {}),
        )
        for doc in (snapshot.to_dict() or {} for snapshot in query.stream())
    ]


def _count(query: Any) -> int:
    return int(query.count(alias="n").get()[0][0].value)


def _sum(query: Any, field: str) -> int:
    return int(query.sum(field, alias="s").get()[0][0].value or 0)


def _where(query: Any, field: str, op: str, value: Any) -> Any:
    return query.where(filter=firestore.FieldFilter(field, op, value))


def customer_counts(site_id: str, day_30: int, day_90: int, day_180: int) -> CustomerCounts:
    """Every customer card's count: one aggregation query each (day numbers YYYYMMDD)."""
    customers = site_ref(site_id).collection("customers")
    lapsed = _where(_where(customers, "lastVisitDay", ">=", day_180), "lastVisitDay", "<", day_90)
    return CustomerCounts(
        total=_count(customers),
        new_30=_count(_where(customers, "firstVisitDay", ">=", day_30)),
        vip=_count(_where(customers, "tier", "==", Tier.VIP.value)),
        repeat_no_shows=_count(_where(customers, "noShowCount", ">=", 2)),
        opted_in=_count(_where(customers, "marketingOptIn", "==", True)),
        inactive_180=_count(_where(customers, "lastVisitDay", "<", day_180)),
        visits=_sum(customers, "visitCount"),
        returned_90=_count(_where(customers, "returnVisitDay", ">=", day_90)),
        lapsed_90=_count(lapsed),
        by_tier={tier.value: _count(_where(customers, "tier", "==", tier.value)) for tier in Tier},
    )


def revenue(site_id: str, start: datetime, end: datetime) -> int:
    """Succeeded payments of every kind in [start, end), refunds taken off, in cents."""
    payments = site_ref(site_id).collection("payments")
    succeeded = _where(payments, "status", "==", "succeeded")
    in_range = _where(_where(succeeded, "createdAt", ">=", start), "createdAt", "<", end)
    refunds = _sum(_where(in_range, "kind", "in", list(analytics.REFUND_KINDS)), "amountCents")
    return _sum(in_range, "amountCents") - 2 * refunds


def save(site_id: str, doc: dict[str, Any]) -> None:
    site_ref(site_id).collection(DASHBOARD[0]).document(DASHBOARD[1]).set(doc)


def read(site_id: str) -> dict[str, Any] | None:
    snapshot = site_ref(site_id).collection(DASHBOARD[0]).document(DASHBOARD[1]).get()
    return snapshot.to_dict() if snapshot.exists else None


def site_ids() -> list[str]:
    """Every site with booking on: the hourly job's work."""
    query = db().collection("sites").where(filter=firestore.FieldFilter("bookingEnabled", "==", True))
    return [snapshot.id for snapshot in query.select(["bookingEnabled"]).stream()]
