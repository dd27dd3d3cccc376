"""Google's OAuth 2.0 web-server flow for calendar access: the consent
address (offline access, so Google hands out a refresh token) and the code
exchange. `GOOGLE_OAUTH_BASE` (plain environment) points both at a local
stand-in; `GOOGLE_CALENDAR_API_BASE` does the same for the Calendar API."""

from __future__ import annotations

import os
from urllib.parse import urlencode

from booking.adapters.calendar_provider import ConnectionRefused
from booking.adapters.google_calendar import SCOPES, TOKEN_URI
from booking.config import GOOGLE_CLIENT_ID, GOOGLE_CLIENT_SECRET, is_emulator

CONSENT_URI = "https://accounts.google.com/o/oauth2/v2/auth"
EMULATOR_CLIENT = ("emulator-client", "emulator-client-secret")


def _base() -> str | None:
    return os.environ.get("GOOGLE_OAUTH_BASE") or None


def token_uri() -> str:
    base = _base()
    return f"{base}token" if base else TOKEN_URI


def api_base() -> str | None:
    return os.environ.get("GOOGLE_CALENDAR_API_BASE") or None


def client() -> tuple[str, str]:
    """The app's client id and secret; ConnectionRefused when not set up.
    The emulator pointed at a stand-in (`GOOGLE_OAUTH_BASE`) gets dev ones."""
    client_id, secret = GOOGLE_CLIENT_ID.value, GOOGLE_CLIENT_SECRET.value
    if is_emulator() and _base() and not client_id:
        client_id, secret = EMULATOR_CLIENT
    if not client_id or not secret:
        raise ConnectionRefused("Google Calendar is not set up on this server (GOOGLE_CLIENT_ID and its secret)")
    return client_id, secret


def consent_url(redirect_uri: str, state: str) -> str:
    client_id, _ = client()
    query = {
        "client_id": client_id,
        "redirect_uri": redirect_uri,
        "response_type": "code",
        "scope": " ".join(SCOPES),
        "access_type": "offline",
        "prompt": "consent",
        "state": state,
    }
    base = _base()
    return f"{f'{base}auth' if base else CONSENT_URI}?{urlencode(query)}"


def exchange(code: str, redirect_uri: str) -> str:
    """The refresh token for a consent's code."""
    import requests

    client_id, secret = client()
    data = {
        "code": code,
        "client_id": client_id,
        "client_secret": secret,
        "redirect_uri": redirect_uri,
        "grant_type": "authorization_code",
    }
    try:
        response = requests.post(token_uri(), data=data, timeout=20)
        answer = response.json()
    except (OSError, ValueError) as error:
        raise ConnectionRefused(f"Google can't be reached: {error}") from error
    if response.status_code != 200 or not answer.get("refresh_token"):
        raise ConnectionRefused(f"Google refused the consent: {answer.get('error', response.status_code)}")
    return str(answer["refresh_token"])
