"""Every setting of a deployment in one place: its params and secrets, the
project it runs in, and whether it runs in the emulator.

Firebase reads the declarations when it deploys (and asks for missing
values); the code reads `.value` when a call needs it, never at import:
secrets are only in the environment while a function runs. Every cold start
imports this module, so it imports nothing but the params.
"""

from __future__ import annotations

import os

from firebase_functions.params import IntParam, SecretParam, StringParam

DEFAULT_PROJECT = "demo-booking"
"""The emulator's demo project, when nothing names one."""

# E-mail
SENDGRID_API_KEY = SecretParam("SENDGRID_API_KEY", description="SendGrid API key for client e-mails")
EMAIL_FROM = StringParam(
    "EMAIL_FROM_ADDRESS",
    default="bookings@example.com",
    description="Sender address, verified in SendGrid; the site's name is the sender name",
)
APP_URL = StringParam(
    "APP_URL",
    default="",
    description="Public origin of the hosting site for links in e-mails; empty: https://<project>.web.app",
)

# Payments
STRIPE_SECRET_KEY = SecretParam("STRIPE_SECRET_KEY")
STRIPE_WEBHOOK_SECRET = SecretParam("STRIPE_WEBHOOK_SECRET")
PLATFORM_FEE_PERCENT = StringParam("PLATFORM_FEE_PERCENT", default="0")
"""The platform's service fee on charges to a site's connected account."""

# Calendar sync
CALENDAR_SYNC_KEY = SecretParam(
    "CALENDAR_SYNC_KEY",
    description="Random secret (32+ bytes) that encrypts calendar credentials at rest; changing it means reconnecting",
)
GOOGLE_CLIENT_ID = StringParam(
    "GOOGLE_CLIENT_ID", default="", description="OAuth client id for Google Calendar; empty: Google can't be connected"
)
GOOGLE_CLIENT_SECRET = SecretParam("GOOGLE_CLIENT_SECRET", description="OAuth client secret for Google Calendar")
EMULATOR_CALENDAR_SYNC_KEY = "emulator-only calendar key, never used in a deployment"
"""The key in the emulator when `CALENDAR_SYNC_KEY` has no value there."""

# Staff PINs
STAFF_PIN_PEPPER = SecretParam(
    "STAFF_PIN_PEPPER",
    description="Random secret (32+ bytes) mixed into every staff PIN hash; changing it invalidates peppered PINs",
)
PIN_SECRETS = [STAFF_PIN_PEPPER, SENDGRID_API_KEY, STRIPE_SECRET_KEY, CALENDAR_SYNC_KEY, GOOGLE_CLIENT_SECRET]
"""The secrets of the functions that hash or check PINs: naming their own
secrets replaces the global ones, so these repeat them."""
EMULATOR_PIN_PEPPER = "emulator-only pepper, never used in a deployment"
"""The pepper in the emulator when `STAFF_PIN_PEPPER` has no value there."""

# Rate limits, per client address and minute
RATE_LIMIT_SLOTS_PER_MINUTE = IntParam("RATE_LIMIT_SLOTS_PER_MINUTE", default=30)
RATE_LIMIT_BOOKINGS_PER_MINUTE = IntParam("RATE_LIMIT_BOOKINGS_PER_MINUTE", default=5)


def project_id() -> str:
    """The Firebase project: Firestore, the Admin app and default links use it."""
    return os.environ.get("GCLOUD_PROJECT") or os.environ.get("GOOGLE_CLOUD_PROJECT") or DEFAULT_PROJECT


def pin_pepper() -> bytes:
    """The staff PIN pepper, read at call time. A deployment without one
    refuses to hash or check PINs rather than quietly storing weaker hashes."""
    value = STAFF_PIN_PEPPER.value
    if not value and is_emulator():
        value = EMULATOR_PIN_PEPPER
    if not value:
        raise RuntimeError("The STAFF_PIN_PEPPER secret is not set")
    return value.encode()


def calendar_sync_key() -> bytes:
    """The secret that encrypts calendar credentials, read at call time; a
    deployment without one refuses to store or read credentials."""
    value = CALENDAR_SYNC_KEY.value
    if not value and is_emulator():
        value = EMULATOR_CALENDAR_SYNC_KEY
    if not value:
        raise RuntimeError("The CALENDAR_SYNC_KEY secret is not set")
    return value.encode()


def is_emulator() -> bool:
    """Running in the functions emulator (the local stand-ins for Stripe and
    e-mail are used only here)."""
    return os.environ.get("FUNCTIONS_EMULATOR") == "true"


def dev_tools_enabled() -> bool:
    """The dev mailbox and the stand-in Checkout exist: only in the emulator
    with a `demo-` project, which has no real data and no real credentials.
    A deployment, or an emulator pointed at a real project, never has them."""
    return is_emulator() and project_id().startswith("demo-")
