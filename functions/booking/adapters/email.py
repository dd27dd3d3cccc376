"""E-mail configuration and the choice of transport.

With a SendGrid API key (a Firebase secret) mail goes out through SendGrid.
In the emulator without a key it goes nowhere: the outbox record written for
every message is the dev mailbox. A deployment whose secret is `none` chose
to send no e-mail, so its records are final at once. A deployed function
that merely lacks the secret leaves its messages pending, and the retry
sweep (which has it) sends them.
"""

from __future__ import annotations

import functools
import json
import logging
import os
import urllib.request
from dataclasses import dataclass, field
from enum import StrEnum

from firebase_functions.params import SecretParam, StringParam

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
log = logging.getLogger(__name__)


class Transport(StrEnum):
    SENDGRID = "sendgrid"
    OUTBOX = "outbox"
    """Emulator only: the stored record is the delivery."""
    LATER = "later"
    """No key in this function: the retry sweep sends it."""
    NONE = "none"
    """The secret is `none`: this deployment sends no e-mail, the record is only a log."""


@dataclass(frozen=True)
class Attachment:
    filename: str
    content_type: str
    content: bytes


@dataclass(frozen=True)
class Message:
    to_email: str
    to_name: str
    from_email: str
    from_name: str
    subject: str
    html: str
    text: str
    reply_to: str = ""
    attachments: tuple[Attachment, ...] = field(default_factory=tuple)
    categories: tuple[str, ...] = ()


class DeliveryFailed(Exception):
    """The provider refused or could not be reached; the message is retried."""


def in_emulator() -> bool:
    return os.environ.get("FUNCTIONS_EMULATOR") == "true"


def _secret() -> str:
    """Read at call time: secrets are only in the environment while running."""
    return SENDGRID_API_KEY.value.strip()


def disabled() -> bool:
    """The secret is `none`: set on purpose where a deployment sends no e-mail,
    unlike a missing secret, which a later run (with the secret) makes up for."""
    return _secret().lower() == "none"


def api_key() -> str:
    """The SendGrid key; `none` counts as no key."""
    return "" if disabled() else _secret()


def transport() -> Transport:
    """The emulator keeps its Dev mailbox even with `none`, as with Stripe."""
    if api_key():
        return Transport.SENDGRID
    if in_emulator():
        return Transport.OUTBOX
    return Transport.NONE if disabled() else Transport.LATER


def from_address() -> str:
    return EMAIL_FROM.value or "bookings@example.com"


def app_url() -> str:
    """Origin of the pages e-mails link to (manage page, booking widget)."""
    configured = APP_URL.value.strip().rstrip("/")
    if configured:
        return configured
    if in_emulator() and (hosting := _emulated_hosting()):
        return hosting
    project = os.environ.get("GCLOUD_PROJECT") or os.environ.get("GOOGLE_CLOUD_PROJECT") or "demo-booking"
    return f"https://{project}.web.app"


@functools.cache
def _emulated_hosting() -> str | None:
    """The hosting emulator's origin, asked from the emulator hub once."""
    hub = os.environ.get("FIREBASE_EMULATOR_HUB")
    if not hub:
        return None
    try:
        with urllib.request.urlopen(f"http://{hub}/emulators", timeout=5) as response:
            hosting = json.load(response).get("hosting") or {}
    except (OSError, ValueError):
        log.warning("The emulator hub did not say where hosting runs")
        return None
    host, port = hosting.get("host"), hosting.get("port")
    return f"http://{host}:{port}" if host and port else None


def send(message: Message, via: Transport) -> str:
    """Hand the message to the provider; returns its message id."""
    if via is Transport.SENDGRID:
        from booking.adapters import email_sendgrid

        return email_sendgrid.send(message, api_key())
    return ""
