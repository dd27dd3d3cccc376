"""The demo's waitlist, for `make dev`: a full day and people waiting for it.

Zuid keeps an automatic waitlist (demo_data.BRANCHES). On its first open
day after today, every free haircut time of Chloé (Zuid's only staff
member) is booked online, and two clients join the waitlist for that day
from the widget's callable. Cancelling any of those bookings in the admin
then offers the time to the first of them: the offer is in the Dev mailbox,
and accepting it there books the time. Nothing is added when Zuid's
waitlist has entries already.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import demo_data
from demo_bookings import SITE, ZONE, DemoBookingError, admin_token, call

REGULARS = ("Hedy Lamarr", "Alan Kay", "Edsger Dijkstra", "Frances Allen", "Donald Knuth", "Radia Perlman")
WAITING = (
    {"name": "Mary Jackson", "email": "mary@example.com", "phone": "+31 6 1234 0011"},
    {"name": "Dorothy Vaughan", "email": "dorothy@example.com"},
)


def full_day(today: date) -> tuple[date, list[str]]:
    """Zuid's first open day after today with free haircut times, and those times."""
    query = {"siteId": SITE, "serviceId": "haircut", "branchId": "zuid", "staffId": "chloe"}
    last = (today + timedelta(days=demo_data.SITE["settings"]["horizonDays"] - 1)).isoformat()
    found = call("getAvailableSlots", {**query, "from": (today + timedelta(days=1)).isoformat(), "to": last})
    for day in found["days"]:
        if day["slots"]:
            return date.fromisoformat(day["date"]), [slot["start"] for slot in day["slots"]]
    raise DemoBookingError("Zuid has no open day with free time within the booking horizon")


def add_demo_waitlist() -> str:
    """Fill a day at Zuid and put two clients on its waitlist; one line saying what happened."""
    listed = call("adminListWaitlist", {"siteId": SITE, "branchId": "zuid", "status": "open"}, admin_token())
    if listed["entries"]:
        return "Demo waitlist: Zuid's waitlist has entries already, none added."
    day, starts = full_day(datetime.now(ZONE).date())
    base = {"siteId": SITE, "serviceId": "haircut", "branchId": "zuid", "staffId": "chloe"}
    for number, start in enumerate(starts):
        name = REGULARS[number % len(REGULARS)]
        customer = {"name": name, "email": f"{name.split()[0].lower()}{number}@example.com"}
        call("createBooking", {**base, "start": start, "customer": customer}, client=f"192.0.2.{100 + number}")
    for number, customer in enumerate(WAITING):
        wish = {**base, "customer": customer, "from": day.isoformat(), "to": day.isoformat()}
        del wish["staffId"]
        call("joinWaitlist", wish, client=f"192.0.2.{90 + number}")
    return (
        f"Demo waitlist: Chloé's {day:%a %d %b} at Zuid is full ({len(starts)} bookings) with "
        f"{len(WAITING)} clients on its waitlist; cancel one of those bookings in the admin to see the offer."
    )
