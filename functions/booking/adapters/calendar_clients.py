"""The provider client of a connection, its credentials unsealed only here."""

from __future__ import annotations

from booking.adapters import google_oauth, secret_box
from booking.adapters.caldav_client import TIMEOUT_S, CalDavProvider
from booking.adapters.calendar_provider import CredentialsRejected, Provider
from booking.adapters.google_calendar import GoogleProvider
from booking.domain.calendar_sync import Connection

CALDAV = "caldav"
GOOGLE = "google"


def caldav(url: str, username: str, password: str, timeout: int = TIMEOUT_S) -> Provider:
    return CalDavProvider(url, username, password, timeout)


def google(refresh_token: str) -> GoogleProvider:
    client_id, secret = google_oauth.client()
    return GoogleProvider(refresh_token, client_id, secret, google_oauth.api_base(), google_oauth.token_uri())


def seal_google(refresh_token: str) -> str:
    return secret_box.seal({"refreshToken": refresh_token})


def seal_caldav(url: str, username: str, password: str) -> str:
    return secret_box.seal({"url": url, "username": username, "password": password})


def provider_for(connection: Connection, timeout: int = TIMEOUT_S) -> Provider | GoogleProvider:
    """Raises CredentialsRejected when the stored credentials can't be read
    (the key changed): the owner must connect again."""
    try:
        secret = secret_box.open_sealed(connection.sealed_credentials)
    except secret_box.Unreadable as error:
        raise CredentialsRejected("The stored credentials can't be read: connect again") from error
    if connection.provider == CALDAV:
        return caldav(secret["url"], secret["username"], secret["password"], timeout)
    if connection.provider == GOOGLE:
        return google(secret["refreshToken"])
    raise CredentialsRejected(f"Unknown calendar provider {connection.provider!r}")
