"""`waitlist_offer_after_cancel_ms`: from a committed cancel to the offer's
outbox record, with the follow-up run as deployed (inside the cancel's own
call, after its commit: services/follow_ups.py).

From the cancel's history entry (its `at`, taken just before the cancel's
transaction commits; the booking's own `update_time` is no use, since the
follow-up clears its mark after the offer) to the offer e-mail's
`create_time` (Firestore's commit time). A few milliseconds too long, never
too short.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import demo_data
from google.cloud.firestore_v1.base_query import FieldFilter

from bench.booking_calls import ZONE, Visitor, booking, percentile, reset, slot_starts, workdays

ROUNDS = 12


def _waitlist_on(db: Any) -> None:
    from booking.adapters.site_store import mark_catalog_changed

    batch = db.batch()
    branch = db.document(f"sites/{demo_data.SITE_ID}/branches/centrum")
    batch.update(branch, {"settings.waitlist": {"enabled": True, "mode": "automatic", "offerExpiryHours": 2}})
    mark_catalog_changed(batch, demo_data.SITE_ID)
    batch.commit()


def _offer_mail(db: Any, email: str) -> Any:
    outbox = db.collection(f"sites/{demo_data.SITE_ID}/outbox")
    query = outbox.where(filter=FieldFilter("kind", "==", "waitlist_offer"))
    found = [s for s in query.stream() if s.get("to")["email"] == email]
    assert len(found) == 1, f"expected one offer to {email}, found {len(found)}"
    return found[0]


def offer_after_cancel(db: Any) -> float:
    """p95 over ROUNDS cancels, each freeing one time that exactly one waiting client matches."""
    reset(db)
    _waitlist_on(db)
    (day,) = workdays(1)
    starts = slot_starts([day])[:ROUNDS]
    visitor = Visitor()
    latencies = []
    for index, start in enumerate(starts):
        _, made = visitor.call("createBooking", booking(start, "anna", index))
        booked = made["result"]
        email = f"waiting{index}@example.com"
        local = datetime.fromisoformat(start).astimezone(ZONE)
        wish = {
            "siteId": demo_data.SITE_ID,
            "serviceId": "haircut",
            "branchId": "centrum",
            "staffId": "anna",
            "customer": {"name": f"Waiting {index}", "email": email},
            "from": day.isoformat(),
            "to": day.isoformat(),
            "parts": ["morning" if local.hour < 12 else "afternoon"],
        }
        _, joined = visitor.call("joinWaitlist", wish)
        assert "result" in joined, joined
        cancel = {"siteId": demo_data.SITE_ID, "bookingId": booked["bookingId"], "token": booked["manageToken"]}
        _, cancelled = visitor.call("cancelBooking", cancel)
        assert cancelled["result"]["status"] == "cancelled", cancelled
        stored = db.document(f"sites/{demo_data.SITE_ID}/bookings/{booked['bookingId']}").get().to_dict()
        committed = stored["statusHistory"][-1]["at"]
        offered = _offer_mail(db, email).create_time
        latencies.append((offered - committed).total_seconds() * 1000)
    return percentile(latencies, 0.95)


def offer_step(db: Any) -> dict[str, float]:
    return {"waitlist_offer_after_cancel_ms": round(offer_after_cancel(db), 1)}
