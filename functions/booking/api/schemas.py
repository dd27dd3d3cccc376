"""Validation of untrusted callable input into domain types.

Every failure raises InvalidInput naming the field, before anything is read
or written. Unknown fields are refused too, so a misspelt option is an error
instead of silently ignored.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from collections.abc import Set as AbstractSet
from datetime import date, datetime, time
from typing import Any

from booking.domain import clean_text
from booking.domain.booking import Customer
from booking.domain.errors import InvalidInput
from booking.services.public_booking import BookingRequest, SlotQuery

# Patterns are applied with `fullmatch`: `$` would also accept a trailing newline.
ID_PATTERN = re.compile(r"[A-Za-z0-9_-]{1,64}")
EMAIL_PATTERN = re.compile(r"[^@\s]{1,64}@[^@\s]+\.[^@\s]{2,}")
PHONE_PATTERN = re.compile(r"\+?[0-9 ()./-]{6,32}")
MAX_RANGE_DAYS = 92


def fields(
    data: Any, required: AbstractSet[str], optional: AbstractSet[str] = frozenset(), name: str = "data"
) -> Mapping[str, Any]:
    if not isinstance(data, Mapping):
        raise InvalidInput(name, "must be an object")
    for key in data:
        if key not in required and key not in optional:
            raise InvalidInput(f"{name}.{key}" if name != "data" else key, "is not a known field")
    for key in sorted(required):
        if data.get(key) is None:
            raise InvalidInput(f"{name}.{key}" if name != "data" else key, "is required")
    return data


def identifier(data: Mapping[str, Any], key: str, optional: bool = False) -> str | None:
    value = data.get(key)
    if value is None and optional:
        return None
    if not isinstance(value, str) or not ID_PATTERN.fullmatch(value):
        raise InvalidInput(key, "must be an id of 1 to 64 letters, digits, '-' or '_'")
    return value


def text(
    data: Mapping[str, Any],
    key: str,
    max_length: int,
    label: str | None = None,
    required: bool = False,
    multiline: bool = False,
) -> str:
    """Trimmed text without control or bidi-override characters; only
    `multiline` text (notes, answers, terms) keeps its line breaks."""
    label = label or key
    value = data.get(key)
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise InvalidInput(label, "must be text")
    value = (clean_text.lines(value) if multiline else clean_text.one_line(value)).strip()
    if required and not value:
        raise InvalidInput(label, "is required")
    if len(value) > max_length:
        raise InvalidInput(label, f"must be at most {max_length} characters")
    return value


def flag(data: Mapping[str, Any], key: str) -> bool:
    value = data.get(key, False)
    if not isinstance(value, bool):
        raise InvalidInput(key, "must be true or false")
    return value


def local_date(data: Mapping[str, Any], key: str) -> date:
    value = data.get(key)
    try:
        if not isinstance(value, str) or len(value) != 10:
            raise ValueError
        return date.fromisoformat(value)
    except ValueError:
        raise InvalidInput(key, "must be a date as YYYY-MM-DD") from None


def local_time(data: Mapping[str, Any], key: str) -> time:
    value = data.get(key)
    try:
        if not isinstance(value, str) or len(value) != 5:
            raise ValueError
        return time.fromisoformat(value)
    except ValueError:
        raise InvalidInput(key, "must be a local time as HH:MM") from None


def matching(data: Mapping[str, Any], key: str, max_length: int, pattern: re.Pattern[str], problem: str) -> str:
    """Optional text that, when given, must match `pattern`."""
    value = text(data, key, max_length)
    if value and not pattern.fullmatch(value):
        raise InvalidInput(key, problem)
    return value


def instant(data: Mapping[str, Any], key: str) -> datetime:
    value = data.get(key)
    try:
        if not isinstance(value, str):
            raise ValueError
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise InvalidInput(key, "must be an ISO-8601 date and time with its UTC offset") from None
    if parsed.tzinfo is None:
        raise InvalidInput(key, "must include its UTC offset, e.g. 2026-12-01T09:00:00+01:00")
    return parsed


def slot_query(data: Any) -> SlotQuery:
    data = fields(data, {"siteId", "serviceId", "from", "to"}, {"branchId", "staffId"})
    first_day, last_day = local_date(data, "from"), local_date(data, "to")
    if last_day < first_day:
        raise InvalidInput("to", "must not be before from")
    if (last_day - first_day).days >= MAX_RANGE_DAYS:
        raise InvalidInput("to", f"the range may span at most {MAX_RANGE_DAYS} days")
    return SlotQuery(
        site_id=_id(data, "siteId"),
        service_id=_id(data, "serviceId"),
        branch_id=identifier(data, "branchId", optional=True),
        staff_id=identifier(data, "staffId", optional=True),
        first_day=first_day,
        last_day=last_day,
    )


def customer(data: Any) -> Customer:
    data = fields(data, {"name", "email"}, {"phone"}, name="customer")
    email = text(data, "email", 254, "customer.email", required=True)
    if not EMAIL_PATTERN.fullmatch(email):
        raise InvalidInput("customer.email", "must be a valid e-mail address")
    phone = text(data, "phone", 32, "customer.phone")
    if phone and not PHONE_PATTERN.fullmatch(phone):
        raise InvalidInput("customer.phone", "must be a phone number of digits, spaces and + - ( ) . /")
    return Customer(name=text(data, "name", 100, "customer.name", required=True), email=email, phone=phone)


def answers(data: Mapping[str, Any]) -> dict[str, str]:
    raw = data.get("answers") or {}
    if not isinstance(raw, Mapping):
        raise InvalidInput("answers", "must be an object of question id to answer")
    parsed = {}
    for key, _value in raw.items():
        if not isinstance(key, str) or not ID_PATTERN.fullmatch(key):
            raise InvalidInput("answers", "question ids must be ids")
        parsed[key] = text(raw, key, 1000, f"answers.{key}", multiline=True)
    return parsed


def booking_request(data: Any) -> BookingRequest:
    data = fields(
        data,
        {"siteId", "serviceId", "start", "customer"},
        {"branchId", "staffId", "notes", "answers", "marketingOptIn", "termsAccepted", "returnUrl"},
    )
    return BookingRequest(
        site_id=_id(data, "siteId"),
        service_id=_id(data, "serviceId"),
        branch_id=identifier(data, "branchId", optional=True),
        staff_id=identifier(data, "staffId", optional=True),
        start=instant(data, "start"),
        customer=customer(data["customer"]),
        notes=text(data, "notes", 2000, multiline=True),
        answers=answers(data),
        marketing_opt_in=flag(data, "marketingOptIn"),
        terms_accepted=flag(data, "termsAccepted"),
        return_url=web_address(data, "returnUrl"),
    )


WEB_ADDRESS = re.compile(r"https?://[^\s\"'<>]+")


def web_address(data: Mapping[str, Any], key: str, max_length: int = 500) -> str | None:
    """An optional http(s) address, such as the page a widget sits on."""
    value = text(data, key, max_length)
    if value and not WEB_ADDRESS.fullmatch(value):
        raise InvalidInput(key, "must be a web address starting with http:// or https://")
    return value or None


def cancel_request(data: Any) -> tuple[str, str, str]:
    data = fields(data, {"siteId", "bookingId", "token"})
    token = data["token"]
    if not isinstance(token, str) or not 16 <= len(token) <= 128:
        raise InvalidInput("token", "must be the token from the booking's link")
    return _id(data, "siteId"), _id(data, "bookingId"), token


def site_id(data: Any) -> str:
    return _id(fields(data, {"siteId"}), "siteId")


def _id(data: Mapping[str, Any], key: str) -> str:
    value = identifier(data, key)
    assert value is not None
    return value
