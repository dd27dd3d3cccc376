"""The demo site, as plain Firestore documents a person can read.

Site `demo` in Europe/Amsterdam: two branches, three staff members, four
services (one with a deposit, one inactive) and a Monday-Saturday schedule
of 09:00-17:00 with a lunch break. Settings are the defaults, but Zuid keeps
an automatic waitlist.
"""

from __future__ import annotations

from typing import Any

SITE_ID = "demo"
ADMIN_EMAIL = "admin@demo.test"
ADMIN_PASSWORD = "demo-admin-2026"
WORKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat")

OPENING_HOURS: dict[str, Any] = {
    "weekly": {day: [{"start": "09:00", "end": "17:00"}] for day in WORKDAYS},
    "breaks": {day: [{"start": "12:30", "end": "13:00"}] for day in WORKDAYS},
    "overrides": {},
}

SITE: dict[str, Any] = {
    "name": "Demo Hair Studio",
    "timezone": "Europe/Amsterdam",
    "locale": "en",
    "currency": "EUR",
    "bookingEnabled": True,
    "widget": {"heading": "Book your appointment", "accentColor": "#0f766e", "layout": "full", "showStaff": True},
    "settings": {"horizonDays": 14, "slotIntervalMinutes": 30, "bufferMinutes": 0, "minNoticeMinutes": 0},
    "terms": {"required": False, "text": "", "url": "", "version": ""},
    "payments": {"ready": True},  # locally, deposits go through the development checkout (docs/payments.md)
}

BRANCH_SETTINGS: dict[str, Any] = {
    "noShow": {"automatic": False, "timerMinutes": 15},
    "waitlist": {"enabled": False, "mode": "manual", "offerExpiryHours": 2},
    "clientConfirmation": {"required": False, "expiryHours": 2},
    "reminders": {"enabled": True, "leadHours": 24, "oneHour": False},
}

ZUID_SETTINGS: dict[str, Any] = {
    **BRANCH_SETTINGS,
    "waitlist": {"enabled": True, "mode": "automatic", "offerExpiryHours": 2},
}
"""Zuid keeps an automatic waitlist, so the demo shows one (tools/demo_waitlist.py)."""

BRANCHES: dict[str, dict[str, Any]] = {
    "centrum": {
        "name": "Centrum",
        "address": "Damrak 1",
        "city": "Amsterdam",
        "phone": "+31 20 123 4567",
        "active": True,
        "settings": BRANCH_SETTINGS,
    },
    "zuid": {
        "name": "Zuid",
        "address": "Beethovenstraat 10",
        "city": "Amsterdam",
        "phone": "+31 20 765 4321",
        "active": True,
        "settings": ZUID_SETTINGS,
    },
}

SERVICES: dict[str, dict[str, Any]] = {
    "haircut": {"name": "Haircut", "durationMinutes": 30, "priceCents": 3500, "active": True},
    "colour": {
        "name": "Colour treatment",
        "durationMinutes": 90,
        "priceCents": 8500,
        "depositCents": 2000,
        "active": True,
        "intakeQuestions": [
            {"id": "allergies", "label": "Any allergies to hair dye?", "type": "text", "required": True},
        ],
    },
    "beard": {
        "name": "Beard trim",
        "durationMinutes": 15,
        "priceCents": 1500,
        "active": True,
        "intakeQuestions": [
            {"id": "style", "label": "Style", "type": "choice", "options": ["Short", "Full"], "required": False},
        ],
    },
    "shave": {"name": "Hot towel shave", "durationMinutes": 45, "priceCents": 4000, "active": False},
}

STAFF: dict[str, dict[str, Any]] = {
    "anna": {"name": "Anna", "serviceIds": ["haircut", "colour"], "branchId": "centrum", "active": True},
    "ben": {"name": "Ben", "serviceIds": ["haircut", "beard"], "branchId": "centrum", "active": True},
    "chloe": {"name": "Chloé", "serviceIds": ["haircut", "colour", "beard"], "branchId": "zuid", "active": True},
}

STAFF_ACCESS: dict[str, Any] = {"enabled": True, "sessionMinutes": 480}
"""The staff app (/staff/) is on for the demo site; a session lasts a working day."""
POS: dict[str, Any] = {
    "enabled": True,
    "locationId": None,
    "readers": [{"id": "local-simulated", "label": "Desk reader (simulated)", "simulated": True}],
    "defaultReaderId": "local-simulated",
    "receipt": {
        "header": "Thank you for your visit",
        "footer": "See you next time!",
        "vatPercent": 21,
        "paperWidth": 80,
    },
}
"""The POS register is on, with the local simulated reader: card sales work in
`make dev` without a Stripe key (docs/pos.md)."""
SUBSCRIPTION_PLANS: dict[str, dict[str, Any]] = {
    "monthly-haircut": {
        "name": "Monthly haircut",
        "frequency": "monthly",
        "priceCents": 3200,
        "currency": "EUR",
        "serviceId": "haircut",
        "appointmentsPerPeriod": 1,
        "archived": False,
        "stripeProductId": "prod_dev_monthly_haircut",
        "stripePriceId": "price_dev_monthly_haircut",
        "priceVersion": 1,
    },
}
"""A haircut every month (docs/subscriptions.md): in `make dev` without a Stripe
key a visitor subscribes through the dev checkout. The ids are the dev
gateway's; with a real key, save the plan once in the admin to make it at Stripe."""
STAFF_PINS: dict[str, str] = {"anna": "1111", "ben": "2222", "chloe": "3333"}
"""Demo PINs for the staff app; stored only as salted scrypt hashes in staffPrivate."""

SCHEDULES: dict[str, dict[str, Any]] = {
    "site": {"scope": "site", **OPENING_HOURS},
    "branch-centrum": {"scope": "branch", "branchId": "centrum", **OPENING_HOURS},
    "branch-zuid": {"scope": "branch", "branchId": "zuid", **OPENING_HOURS},
}
