"""The e-mail settings read at call time, and the choice of transport.

With a SendGrid API key (a Firebase secret, see booking.config) mail goes out through SendGrid.
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
from enum import StrEnum

from booking.adapters.email_message import Message
from booking.config import APP_URL, EMAIL_FROM, SENDGRID_API_KEY, is_emulator, project_id

log = logging.getLogger(__name__)


class Transport(StrEnum):
    SENDGRID = "sendgrid"
    OUTBOX = "outbox"
    """Emulator only: the stored record is the delivery."""
    LATER = "later"
    """No key in this function: the retry sweep sends it."""
    NONE = "none"
    """The secret is `none`: this deployment sends no e-mail, the record is only a log."""


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
    if is_emulator():
        return Transport.OUTBOX
    return Transport.NONE if disabled() else Transport.LATER


def from_address() -> str:
    return EMAIL_FROM.value or "bookings@example.com"


def app_url() -> str:
    """Origin of the pages e-mails link to (manage page, booking widget)."""
    configured = APP_URL.value.strip().rstrip("/")
    if configured:
        return configured
    if is_emulator() and (hosting := _emulated_hosting()):
        return hosting
    return f"https://{project_id()}.web.app"


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
