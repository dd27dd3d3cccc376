"""Three months of past bookings for the demo site, so Customers and the
Dashboard mean something in `make dev` (run by `tools/seed.py`).

About 300 bookings of 60 clients over the 90 days before today, in the
opening hours: most completed, some no-shows and cancellations, deposits
and no-show fees among the payments. They are written the way the running
system leaves them: each booking adds itself to its day's counters, and the
customer profiles are then brought in line by the same recount the
migration uses (tools/recount_customers.py). Deterministic: the same seed
gives the same clients and bookings relative to today.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import demo_data

FIRST = [
    "Ada",
    "Grace",
    "Alan",
    "Emmy",
    "Katherine",
    "Edsger",
    "Barbara",
    "Donald",
    "Frances",
    "Tim",
    "Radia",
    "Linus",
    "Margaret",
    "Ken",
    "Hedy",
    "Dennis",
    "Sophie",
    "Niklaus",
    "Anita",
    "Guido",
]
LAST = ["de Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "Mulder", "Bos", "Peters", "Hendriks"]
STAFF = {
    "anna": ("centrum", ("haircut", "colour")),
    "ben": ("centrum", ("haircut", "beard")),
    "chloe": ("zuid", ("haircut", "colour", "beard")),
}
CLIENTS = 60
BOOKINGS = 300
DAYS = 90


def _clients(rng: random.Random, count: int) -> list[tuple[str, str, str, float]]:
    """(name, e-mail, phone, how often they come) per client."""
    people = []
    for index in range(count):
        first, last = FIRST[index % len(FIRST)], LAST[(index * 7) % len(LAST)]
        email = f"{first.lower()}.{last.lower().replace(' ', '')}{index}@example.com"
        people.append((f"{first} {last}", email, f"+31 6 {rng.randint(10000000, 99999999)}", rng.paretovariate(1.2)))
    return people


def bookings(
    today: date, seed: int = 18, count: int = BOOKINGS, clients: int = CLIENTS
) -> list[tuple[str, dict[str, Any]]]:
    """(booking id, document) of every demo booking before `today`."""
    rng = random.Random(seed)
    zone = ZoneInfo(demo_data.SITE["timezone"])
    people = _clients(rng, clients)
    weights = [weight for *_, weight in people]
    made = []
    for number in range(count):
        name, email, phone, _ = rng.choices(people, weights)[0]
        day = today - timedelta(days=rng.randint(1, DAYS - 3))  # inside the charts' 90 days
        while day.weekday() == 6:  # closed on Sundays
            day -= timedelta(days=1)
        staff_id = rng.choice(list(STAFF))
        branch_id, offered = STAFF[staff_id]
        service_id = rng.choice(offered)
        service = demo_data.SERVICES[service_id]
        start = datetime.combine(day, time(rng.randint(9, 15), rng.choice((0, 30))), zone)
        end = start + timedelta(minutes=service["durationMinutes"])
        status = rng.choices(["completed", "no_show", "cancelled"], [82, 6, 12])[0]
        created = start - timedelta(days=rng.randint(1, 14), hours=rng.randint(0, 8))
        from booking.domain.booking import Customer

        history = [{"at": created, "by": "client", "from": None, "to": "confirmed", "action": "book"}]
        history.append(
            {
                "at": end if status != "cancelled" else created + timedelta(hours=2),
                "by": "anna" if status != "cancelled" else "client",
                "from": "confirmed",
                "to": status,
                "action": {"completed": "complete", "no_show": "no_show", "cancelled": "cancel"}[status],
            }
        )
        made.append(
            (
                f"demo-history-{number:05d}",
                {
                    "siteId": demo_data.SITE_ID,
                    "branchId": branch_id,
                    "serviceId": service_id,
                    "service": {
                        "name": service["name"],
                        "durationMinutes": service["durationMinutes"],
                        "priceCents": service["priceCents"],
                        "depositCents": service.get("depositCents"),
                    },
                    "staffId": staff_id,
                    "staffName": demo_data.STAFF[staff_id]["name"],
                    "start": start.astimezone(UTC),
                    "end": end.astimezone(UTC),
                    "date": day.isoformat(),
                    "timezone": demo_data.SITE["timezone"],
                    "customer": {"name": name, "email": email, "phone": phone},
                    "customerId": Customer(name=name, email=email, phone=phone).key,
                    "status": status,
                    "statusHistory": history,
                    "source": rng.choice(["online", "online", "online", "walk-in", "admin"]),
                    "createdBy": "client",
                    "createdAt": created.astimezone(UTC),
                    "updatedAt": created.astimezone(UTC),
                    "lockIds": [],
                    "notes": "",
                    "answers": {},
                    "marketingOptIn": rng.random() < 0.4,
                },
            )
        )
    return made


def seed_history(db: Any, today: date, count: int = BOOKINGS, clients: int = CLIENTS, dashboard: bool = True) -> int:
    """Write the history, its counters, payments and profiles; then the
    recount and (with `dashboard`) the aggregate. Returns the number of bookings."""
    from booking.adapters import analytics_store, booking_mapper, customer_counts
    from booking.domain.customer_list import search_prefixes
    from booking.services import analytics

    site = db.collection("sites").document(demo_data.SITE_ID)
    made = bookings(today, count=count, clients=clients)
    batch, pending = db.batch(), 0
    profiles: dict[str, dict[str, Any]] = {}
    for booking_id, doc in made:
        batch.set(site.collection("bookings").document(booking_id), doc)
        analytics_store.count_booking(batch, booking_mapper.record_from(booking_id, doc))
        customer = doc["customer"]
        profile = profiles.setdefault(
            doc["customerId"],
            {
                "email": customer["email"],
                "name": customer["name"],
                "phone": customer["phone"],
                "bookingCount": 0,
                "tags": [],
                "searchPrefixes": search_prefixes(customer["name"], customer["email"]),
                "marketingOptIn": False,
                "lastBookingAt": doc["createdAt"],
                "updatedAt": doc["createdAt"],
            },
        )
        profile["bookingCount"] += 1
        if doc["marketingOptIn"]:  # as if confirmed from the e-mail's link
            profile["marketingOptIn"], profile["consentAt"] = True, doc["createdAt"]
        if doc["status"] in ("completed", "no_show") and doc["service"]["depositCents"]:
            kind = "deposit"
            batch.set(
                site.collection("payments").document(f"{kind}-{booking_id}"),
                {
                    "bookingId": booking_id,
                    "kind": kind,
                    "amountCents": doc["service"]["depositCents"],
                    "currency": demo_data.SITE["currency"],
                    "status": "succeeded",
                    "createdAt": doc["createdAt"],
                },
            )
        if doc["status"] == "no_show":
            batch.set(
                site.collection("payments").document(f"no-show-fee-{booking_id}"),
                {
                    "bookingId": booking_id,
                    "kind": "no_show_fee",
                    "amountCents": doc["service"]["priceCents"] // 2,
                    "currency": demo_data.SITE["currency"],
                    "status": "succeeded",
                    "createdAt": doc["end"],
                },
            )
        pending += 3
        if pending >= 400:
            batch.commit()
            batch, pending = db.batch(), 0
    for customer_id, profile in profiles.items():
        batch.set(site.collection("customers").document(customer_id), profile, merge=True)
    batch.commit()
    customer_counts.recount_site(demo_data.SITE_ID)
    if dashboard:
        analytics.compute(demo_data.SITE_ID, datetime.now(UTC))
    return len(made)
