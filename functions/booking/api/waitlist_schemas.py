"""Validation of the waitlist callables' input (api/waitlist.py)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from booking.api import schemas
from booking.domain.errors import InvalidInput
from booking.domain.waitlist import ALL_DAY, DayPart
from booking.services.waitlist_client import JoinRequest

LOCALES = ("en", "nl")


def _token(data: Mapping[str, Any]) -> str:
    token = data.get("token")
    if not isinstance(token, str) or not 16 <= len(token) <= 128:
        raise InvalidInput("token", "must be the token from the e-mail's link")
    return token


def _required_id(data: Mapping[str, Any], key: str) -> str:
    value = schemas.identifier(data, key)
    assert value is not None
    return value


def parts(data: Mapping[str, Any]) -> frozenset[DayPart]:
    raw = data.get("parts")
    if raw is None:
        return ALL_DAY
    known = {part.value for part in DayPart}
    if not isinstance(raw, list) or not raw or any(part not in known for part in raw):
        raise InvalidInput("parts", "must list one or more of morning, afternoon, evening")
    return frozenset(DayPart(part) for part in raw)


def join_request(data: Any) -> JoinRequest:
    data = schemas.fields(
        data, {"siteId", "serviceId", "customer"}, {"branchId", "staffId", "from", "to", "parts", "locale"}
    )
    locale = data.get("locale", "en")
    if locale not in LOCALES:
        raise InvalidInput("locale", "must be en or nl")
    return JoinRequest(
        site_id=_required_id(data, "siteId"),
        branch_id=schemas.identifier(data, "branchId", optional=True),
        service_id=_required_id(data, "serviceId"),
        customer=schemas.customer(data["customer"]),
        first_day=schemas.local_date(data, "from") if data.get("from") is not None else None,
        last_day=schemas.local_date(data, "to") if data.get("to") is not None else None,
        parts=parts(data),
        staff_id=schemas.identifier(data, "staffId", optional=True),
        locale=locale,
    )


def offer_request(data: Any, optional: frozenset[str] = frozenset()) -> tuple[str, str, str]:
    """(site id, offer id, token)."""
    data = schemas.fields(data, {"siteId", "offerId", "token"}, optional)
    return _required_id(data, "siteId"), _required_id(data, "offerId"), _token(data)


def accept_request(data: Any) -> tuple[str, str, str, str | None]:
    site_id, offer_id, token = offer_request(data, frozenset({"returnUrl"}))
    return site_id, offer_id, token, schemas.web_address(data, "returnUrl")


def leave_request(data: Any) -> tuple[str, str, str | None, str | None]:
    """(site id, token, entry id, offer id): the link of any waitlist e-mail."""
    data = schemas.fields(data, {"siteId", "token"}, {"entryId", "offerId"})
    entry_id = schemas.identifier(data, "entryId", optional=True)
    offer_id = schemas.identifier(data, "offerId", optional=True)
    if (entry_id is None) == (offer_id is None):
        raise InvalidInput("entryId", "give the entryId or the offerId of the link")
    return _required_id(data, "siteId"), _token(data), entry_id, offer_id
