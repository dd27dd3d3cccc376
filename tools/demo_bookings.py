"""A few demo bookings for `make dev`, made through the real callables.

So the Bookings list (every source, notes, intake answers), the Calendar,
the Payments page and the staff agenda show something at once. Each booking is made the
way a client, the desk or an admin makes it, over HTTP with their own
identity: locks, e-mails in the Dev mailbox and payment records are real.

On the first open day from today with time left (today, unless it is
closed or its hours are over): an online booking with notes and an intake
answer (Ben), a walk-in entered by Anna in the staff app (earlier today
when today is open but its free time is over), an admin's desk booking
(Anna), another at Zuid (Chloé) and an hour of Ben's time blocked for a
supplier, so the Calendar shows Anna, Ben and Chloé's day at once. On the next open day: a deposit paid through the
development checkout, a deposit left unpaid (`pending_payment`, until
`expireHolds` ends its 30-minute hold) and a booking the client cancelled.
Nothing is added when the demo site has bookings already.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, datetime, time, timedelta
from typing import Any
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

import demo_data
import requests
import stack

SITE = demo_data.SITE_ID
ZONE = ZoneInfo(demo_data.SITE["timezone"])
FUNCTIONS_URL = f"http://127.0.0.1:{stack.ports()['functions']}/{stack.PROJECT_ID}/{stack.REGION}"
SIGN_IN_URL = (
    f"http://127.0.0.1:{stack.ports()['auth']}/identitytoolkit.googleapis.com/v1/accounts:{{}}?key=demo-api-key"
)
DESK = "192.0.2.10"
"""The desk's address. Rate limits count per address, so each demo client
books from one of their own (all in the documentation range 192.0.2.0/24)."""
EARLIER_TODAY = time(10, 0)
"""When today's walk-in came in, if today is open but its free time is over."""
LEEWAY = timedelta(minutes=10)
"""A start this close to now may have passed by the time it is booked."""

Starts = dict[str, list[datetime]]
"""A day's free starts per staff member."""
PayToken = Callable[[dict[str, Any]], str | None]


class DemoBookingError(RuntimeError):
    """A callable refused a demo booking; the message says which and why."""


def call(name: str, data: dict[str, Any], id_token: str | None = None, client: str = DESK) -> Any:
    headers = {"X-Forwarded-For": client, **({"Authorization": f"Bearer {id_token}"} if id_token else {})}
    try:
        response = requests.post(f"{FUNCTIONS_URL}/{name}", json={"data": data}, headers=headers, timeout=300)
        body = response.json()
    except (requests.RequestException, ValueError) as error:
        raise DemoBookingError(f"{name}: {error}") from error
    if "error" in body:
        raise DemoBookingError(f"{name}: {body['error']['message']}")
    return body["result"]


def _id_token(endpoint: str, body: dict[str, Any]) -> str:
    """An ID token from the Auth emulator, as the pages' sign-in gets one."""
    response = requests.post(SIGN_IN_URL.format(endpoint), json={**body, "returnSecureToken": True}, timeout=30)
    if not response.ok:
        raise DemoBookingError(f"{endpoint}: {response.text[:200]}")
    return str(response.json()["idToken"])


def admin_token() -> str:
    return _id_token("signInWithPassword", {"email": demo_data.ADMIN_EMAIL, "password": demo_data.ADMIN_PASSWORD})


def staff_token(staff_id: str) -> str:
    login = call("staffLogin", {"siteId": SITE, "staffId": staff_id, "pin": demo_data.STAFF_PINS[staff_id]})
    return _id_token("signInWithCustomToken", {"token": login["token"]})


def free_starts(service_id: str, today: date, branch: str = "centrum") -> tuple[dict[date, Starts], set[date]]:
    """Free online starts at a branch per day and staff member from today on,
    and the days that are closed."""
    query = {"siteId": SITE, "serviceId": service_id, "branchId": branch}
    last = (today + timedelta(days=demo_data.SITE["settings"]["horizonDays"] - 1)).isoformat()
    found = call("getAvailableSlots", {**query, "from": today.isoformat(), "to": last})
    soonest = datetime.now(ZONE) + LEEWAY
    days: dict[date, Starts] = {}
    for day in found["days"]:
        starts = days.setdefault(date.fromisoformat(day["date"]), {})
        for slot in day["slots"]:
            start = datetime.fromisoformat(slot["start"])
            for staff_id in slot["staffIds"] if start >= soonest else ():
                starts.setdefault(staff_id, []).append(start)
    return days, {date.fromisoformat(day["date"]) for day in found["days"] if day["status"] == "closed"}


def first(starts: list[datetime], not_before: datetime) -> datetime:
    """The first start from `not_before` on, else the last one."""
    return next((start for start in starts if start >= not_before), starts[-1])


def online(service_id: str, staff_id: str, start: datetime, client: str, customer: dict[str, str], **extra: Any) -> Any:
    """A client's booking from the widget, from the client's own address."""
    data = {"siteId": SITE, "serviceId": service_id, "branchId": "centrum", "staffId": staff_id}
    return call("createBooking", {**data, "start": start.isoformat(), "customer": customer, **extra}, client=client)


def token_in_checkout_url(booking: dict[str, Any]) -> str | None:
    """The development checkout's token, in its URL's fragment (None with a
    real Stripe key: Stripe's own page has none)."""
    return next(iter(parse_qs(urlsplit(booking.get("checkoutUrl") or "").fragment).get("token", [])), None)


def book_first_day(haircut: Starts, beard: Starts, walk_in: datetime, zuid: Starts) -> None:
    """Ben's online client with notes and an intake answer, Anna's walk-in,
    an admin's desk booking for Anna later that day, one for Chloé at Zuid,
    and an hour of Ben's time blocked for a supplier (the Calendar shows all)."""
    charles = {"name": "Charles Babbage", "email": "charles@example.com", "phone": "+31 6 1234 0001"}
    style = {"notes": "Please keep the moustache.", "answers": {"style": "Full"}}
    online("beard", "ben", beard["ben"][0], "192.0.2.11", charles, **style)
    walk = {"serviceId": "haircut", "date": f"{walk_in:%Y-%m-%d}", "time": f"{walk_in:%H:%M}"}
    call("staffCreateWalkIn", {**walk, "name": "Tom Walker", "phone": "+31 6 1234 0002"}, staff_token("anna"))
    desk_at = first(haircut["anna"], haircut["anna"][0] + timedelta(minutes=90))
    desk = {"siteId": SITE, "serviceId": "haircut", "branchId": "centrum", "staffId": "anna"}
    grace = {"name": "Grace Hopper", "email": "grace@example.com", "phone": "+31 6 1234 0003"}
    when = {"date": f"{desk_at:%Y-%m-%d}", "time": f"{desk_at:%H:%M}", "notes": "Called at nine."}
    call("adminCreateBooking", {**desk, **grace, **when}, admin_token())
    if zuid.get("chloe"):
        hedy_at = first(zuid["chloe"], zuid["chloe"][0].replace(hour=11, minute=0))
        at_zuid = {
            **desk,
            "branchId": "zuid",
            "staffId": "chloe",
            "date": f"{hedy_at:%Y-%m-%d}",
            "time": f"{hedy_at:%H:%M}",
        }
        call("adminCreateBooking", {**at_zuid, "name": "Hedy Lamarr", "phone": "+31 6 1234 0004"}, admin_token())
    supplier_at = first(haircut["ben"], haircut["ben"][0].replace(hour=15, minute=0))
    block = {"siteId": SITE, "staffId": "ben", "reason": "Supplier visit"}
    ends = supplier_at + timedelta(hours=1)
    call("adminBlockTime", {**block, "start": supplier_at.isoformat(), "end": ends.isoformat()}, admin_token())


def book_second_day(colour: Starts, haircut: Starts, pay_token: PayToken) -> bool:
    """Two deposit bookings with Anna, one paid and one not, and Ben's
    cancelled haircut. True when the deposit could be paid."""
    paid_at = first(colour["anna"], colour["anna"][0].replace(hour=10, minute=0))
    unpaid_at = first(colour["anna"], paid_at + timedelta(hours=3))
    ada = {"name": "Ada Lovelace", "email": "ada@example.com"}
    paid = online("colour", "anna", paid_at, "192.0.2.12", ada, answers={"allergies": "None known"})
    katherine = {"name": "Katherine Johnson", "email": "katherine@example.com"}
    online("colour", "anna", unpaid_at, "192.0.2.13", katherine, answers={"allergies": "Sensitive scalp"})
    alan_at = first(haircut["ben"], haircut["ben"][0].replace(hour=11, minute=0))
    alan = online("haircut", "ben", alan_at, "192.0.2.14", {"name": "Alan Turing", "email": "alan@example.com"})
    cancel = {"siteId": SITE, "bookingId": alan["bookingId"], "token": alan["manageToken"]}
    call("cancelBooking", cancel, client="192.0.2.14")
    token = pay_token(paid)
    if token:  # the Pay button of the development checkout page
        pay = {"siteId": SITE, "bookingId": paid["bookingId"], "token": token}
        call("completeDevCheckout", pay, client="192.0.2.12")
    return bool(token)


def add_demo_bookings(pay_token: PayToken = token_in_checkout_url) -> str:
    """Book the demo set unless the site has bookings; one line saying what happened."""
    if call("adminListBookings", {"siteId": SITE, "pageSize": 1}, admin_token())["bookings"]:
        return "Demo bookings: the demo site has bookings already, none added."
    today = datetime.now(ZONE).date()
    (haircut, closed), (beard, _), (colour, _) = (free_starts(s, today) for s in ("haircut", "beard", "colour"))
    days = sorted(haircut)
    first_day = _first_day(d for d in days if len(haircut[d].get("anna", [])) >= 2 and beard.get(d, {}).get("ben"))
    second_day = _first_day(
        d for d in days if d > first_day and colour.get(d, {}).get("anna") and haircut[d].get("ben")
    )
    # A walk-in is the one booking that may be entered afterwards: when
    # today's free time is over, it came in earlier today.
    walk_in_today = first_day != today and today not in closed
    walk_in = datetime.combine(today, EARLIER_TODAY, ZONE) if walk_in_today else haircut[first_day]["anna"][0]
    zuid, _ = free_starts("haircut", today, branch="zuid")
    book_first_day(haircut[first_day], beard[first_day], walk_in, zuid.get(first_day, {}))
    paid = book_second_day(colour[second_day], haircut[second_day], pay_token)
    if first_day == today:
        where = "today an online, a walk-in and an admin booking"
    elif walk_in_today:
        where = (
            f"a walk-in earlier today; {first_day:%a %d %b} (no free time left today) an online and an admin booking"
        )
    else:
        where = f"{first_day:%a %d %b} (today is closed) an online, a walk-in and an admin booking"
    deposits = "one deposit paid, one unpaid" if paid else "two deposits unpaid (Stripe's checkout, not the local one)"
    return f"Demo bookings: {where}; {second_day:%a %d %b} {deposits} and a cancelled booking."


def _first_day(days: Iterator[date]) -> date:
    day = next(days, None)
    if day is None:
        raise DemoBookingError("no day within the booking horizon has enough free time")
    return day
