"""Validation of the admin callables' input.

Same rules as the public schemas: every failure raises InvalidInput naming
the field (nested fields by their path, e.g. `service.intakeQuestions.0.label`)
before anything is read or written, and unknown fields are refused.
"""

from __future__ import annotations

import functools
import re
import zoneinfo
from collections.abc import Mapping
from typing import Any

from booking.api.admin.schedule_schema import schedule as schedule_hours
from booking.api.schemas import EMAIL_PATTERN, ID_PATTERN, PHONE_PATTERN, fields, local_date, local_time, matching
from booking.api.schemas import text as _text
from booking.domain.errors import InvalidInput
from booking.domain.model import (
    BUFFERS,
    CHANGE_CUTOFF_HOURS,
    GRANULE_MINUTES,
    HORIZONS,
    SLOT_INTERVALS,
    BookingSource,
    BookingStatus,
)
from booking.domain.transitions import Action
from booking.services.admin.bookings import BookingQuery
from booking.services.admin.desk_booking import DeskBooking
from booking.services.admin.schedules import ScheduleWrite
from booking.services.admin.settings import NewSite, SiteUpdate

# Patterns are applied with `fullmatch`: `$` would also accept a trailing newline.
COLOUR_PATTERN = re.compile(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})")
CURRENCY_PATTERN = re.compile(r"[A-Z]{3}")
URL_PATTERN = re.compile(r"https?://[^\s<>\"]+")
LOCALES = ("en", "nl")
LAYOUTS = ("compact", "full")
MAX_NOTICE_MINUTES = 30 * 24 * 60
MAX_PAGE_SIZE = 100
NOT_ZONES = frozenset({"localtime", "posixrules", "Factory"})
Data = Mapping[str, Any]


@functools.cache
def _zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones()) - NOT_ZONES


def _path(parent: str, key: str) -> str:
    return f"{parent}.{key}" if parent else key


def obj(data: Any, name: str, required: set[str], optional: set[str] = frozenset()) -> Data:  # type: ignore[assignment]
    return fields(data, required, optional, name=name or "data")


def ident(data: Data, key: str, parent: str = "", optional: bool = False) -> str | None:
    value = data.get(key)
    if value is None and optional:
        return None
    if not isinstance(value, str) or not ID_PATTERN.fullmatch(value):
        raise InvalidInput(_path(parent, key), "must be an id of 1 to 64 letters, digits, '-' or '_'")
    return value


def required_id(data: Data, key: str, parent: str = "") -> str:
    value = ident(data, key, parent)
    assert value is not None
    return value


def string(
    data: Data, key: str, max_length: int, parent: str = "", required: bool = False, multiline: bool = False
) -> str:
    return _text(data, key, max_length, _path(parent, key), required=required, multiline=multiline)


def boolean(data: Data, key: str, parent: str = "") -> bool:
    value = data.get(key, False)
    if not isinstance(value, bool):
        raise InvalidInput(_path(parent, key), "must be true or false")
    return value


def integer(data: Data, key: str, parent: str, low: int, high: int, step: int = 1) -> int:
    value = data.get(key)
    name = _path(parent, key)
    if not isinstance(value, int) or isinstance(value, bool):
        raise InvalidInput(name, "must be a whole number")
    if not low <= value <= high:
        raise InvalidInput(name, f"must be from {low} to {high}")
    if value % step:
        raise InvalidInput(name, f"must be a multiple of {step}")
    return value


def one_of(data: Data, key: str, parent: str, allowed: tuple[Any, ...]) -> Any:
    value = data.get(key)
    if isinstance(value, bool) or value not in allowed:
        raise InvalidInput(_path(parent, key), f"must be one of {', '.join(str(a) for a in allowed)}")
    return value


def timezone_name(data: Data, key: str, parent: str = "") -> str:
    value = data.get(key)
    if not isinstance(value, str) or value not in _zones():
        raise InvalidInput(_path(parent, key), "must be an IANA time zone such as Europe/Amsterdam")
    return value


def site_of(data: Any) -> str:
    """Only the site id, read first so the caller is authorised before the
    rest of the input is looked at."""
    if not isinstance(data, Mapping):
        raise InvalidInput("data", "must be an object")
    return required_id(data, "siteId")


def site_only(data: Any) -> str:
    return required_id(obj(data, "", {"siteId"}), "siteId")


def new_site(data: Any) -> NewSite:
    data = obj(data, "", {"siteId", "name", "timezone"}, {"locale", "currency"})
    return NewSite(
        site_id=required_id(data, "siteId"),
        name=string(data, "name", 100, required=True),
        timezone=timezone_name(data, "timezone"),
        locale=one_of(data, "locale", "", LOCALES) if "locale" in data else "en",
        currency=_currency(data) if "currency" in data else "EUR",
    )


def _currency(data: Data) -> str:
    value = data.get("currency")
    if not isinstance(value, str) or not CURRENCY_PATTERN.fullmatch(value):
        raise InvalidInput("currency", "must be a three-letter ISO 4217 code such as EUR")
    return value


def site_update(data: Any) -> SiteUpdate:
    """Any of the site's sections; each one given is replaced as a whole."""
    data = obj(
        data,
        "",
        {"siteId"},
        {"name", "timezone", "locale", "currency", "bookingEnabled", "widget", "settings", "terms"},
    )
    changes: dict[str, Any] = {}
    if "name" in data:
        changes["name"] = string(data, "name", 100, required=True)
    if "timezone" in data:
        changes["timezone"] = timezone_name(data, "timezone")
    if "locale" in data:
        changes["locale"] = one_of(data, "locale", "", LOCALES)
    if "currency" in data:
        changes["currency"] = _currency(data)
    if "bookingEnabled" in data:
        changes["bookingEnabled"] = boolean(data, "bookingEnabled")
    if "widget" in data:
        changes["widget"] = _widget(data["widget"])
    if "settings" in data:
        changes["settings"] = _booking_settings(data["settings"])
    terms = _terms(data["terms"]) if "terms" in data else None
    if not changes and terms is None:
        raise InvalidInput("data", "names nothing to change")
    return SiteUpdate(site_id=required_id(data, "siteId"), changes=changes, terms=terms)


def _widget(data: Any) -> dict[str, Any]:
    data = obj(data, "widget", {"heading", "accentColor", "layout", "showStaff"})
    colour = data["accentColor"]
    if not isinstance(colour, str) or not COLOUR_PATTERN.fullmatch(colour):
        raise InvalidInput("widget.accentColor", "must be a colour as #rgb or #rrggbb")
    return {
        "heading": string(data, "heading", 80, "widget", required=True),
        "accentColor": colour.lower(),
        "layout": one_of(data, "layout", "widget", LAYOUTS),
        "showStaff": boolean(data, "showStaff", "widget"),
    }


def _booking_settings(data: Any) -> dict[str, Any]:
    names = {"horizonDays", "slotIntervalMinutes", "bufferMinutes", "minNoticeMinutes"}
    data = obj(data, "settings", names, {"changeCutoffHours"})
    settings = {
        "horizonDays": one_of(data, "horizonDays", "settings", HORIZONS),
        "slotIntervalMinutes": one_of(data, "slotIntervalMinutes", "settings", SLOT_INTERVALS),
        "bufferMinutes": one_of(data, "bufferMinutes", "settings", BUFFERS),
        "minNoticeMinutes": integer(data, "minNoticeMinutes", "settings", 0, MAX_NOTICE_MINUTES, GRANULE_MINUTES),
    }
    if "changeCutoffHours" in data:  # left out, the stored value stays
        settings["changeCutoffHours"] = one_of(data, "changeCutoffHours", "settings", CHANGE_CUTOFF_HOURS)
    return settings


def _terms(data: Any) -> dict[str, Any]:
    data = obj(data, "terms", {"required"}, {"text", "url"})
    required = boolean(data, "required", "terms")
    text, url = string(data, "text", 20000, "terms", multiline=True), string(data, "url", 500, "terms")
    if url and not URL_PATTERN.fullmatch(url):
        raise InvalidInput("terms.url", "must be a web address starting with https:// or http://")
    if required and not (text or url):
        raise InvalidInput("terms.text", "give the text or a URL when the terms must be accepted")
    return {"required": required, "text": text, "url": url}


def item_ref(data: Any, key: str) -> tuple[str, str]:
    """`{siteId, <key>}` of a delete or a read."""
    data = obj(data, "", {"siteId", key})
    return required_id(data, "siteId"), required_id(data, key)


def schedule(data: Any) -> ScheduleWrite:
    data = obj(data, "", {"siteId", "scope"}, {"ownerId", "schedule"})
    scope = one_of(data, "scope", "", ("site", "branch", "staff"))
    owner_id = ident(data, "ownerId", optional=scope == "site")
    if scope == "site" and owner_id is not None:
        raise InvalidInput("ownerId", "must be left out for the site-wide schedule")
    raw = data.get("schedule")
    if raw is None and scope == "site":
        raise InvalidInput("schedule", "is required for the site-wide schedule")
    return ScheduleWrite(
        site_id=required_id(data, "siteId"),
        scope=scope,
        owner_id=owner_id,
        hours=None if raw is None else schedule_hours(raw),
    )


def booking_query(data: Any) -> BookingQuery:
    data = obj(data, "", {"siteId"}, {"from", "to", "status", "branchId", "staffId", "source", "pageSize", "cursor"})
    first_day = local_date(data, "from") if data.get("from") is not None else None
    last_day = local_date(data, "to") if data.get("to") is not None else None
    if first_day and last_day and last_day < first_day:
        raise InvalidInput("to", "must not be before from")
    status = data.get("status")
    if status is not None and status not in {s.value for s in BookingStatus}:
        raise InvalidInput("status", f"must be one of {', '.join(s.value for s in BookingStatus)}")
    source = data.get("source")
    if source is not None and source not in {s.value for s in BookingSource}:
        raise InvalidInput("source", f"must be one of {', '.join(s.value for s in BookingSource)}")
    return BookingQuery(
        site_id=required_id(data, "siteId"),
        first_day=first_day,
        last_day=last_day,
        status=status,
        branch_id=ident(data, "branchId", optional=True),
        staff_id=ident(data, "staffId", optional=True),
        source=source,
        page_size=integer(data, "pageSize", "", 1, MAX_PAGE_SIZE) if data.get("pageSize") is not None else 25,
        cursor=ident(data, "cursor", optional=True),
    )


ADMIN_ACTIONS = tuple(action.value for action in Action if action is not Action.EXPIRE)
"""What admins may do to a booking: what staff may, plus confirm and cancel
(expiring a hold is the system's)."""


def status_change(data: Any) -> tuple[str, str, Action]:
    data = obj(data, "", {"siteId", "bookingId", "action"})
    action = one_of(data, "action", "", ADMIN_ACTIONS)
    return required_id(data, "siteId"), required_id(data, "bookingId"), Action(action)


def desk_booking(data: Any) -> DeskBooking:
    """`adminCreateBooking`: a local date and time in the branch's zone."""
    required = {"siteId", "serviceId", "date", "time", "name"}
    data = obj(data, "", required, {"branchId", "staffId", "email", "phone", "notes"})
    return DeskBooking(
        site_id=required_id(data, "siteId"),
        service_id=required_id(data, "serviceId"),
        day=local_date(data, "date"),
        start=local_time(data, "time"),
        name=string(data, "name", 100, required=True),
        email=matching(data, "email", 254, EMAIL_PATTERN, "must be a valid e-mail address"),
        phone=matching(data, "phone", 32, PHONE_PATTERN, "must be a phone number of digits, spaces and + - ( ) . /"),
        branch_id=ident(data, "branchId", optional=True),
        staff_id=ident(data, "staffId", optional=True),
        notes=string(data, "notes", 2000, multiline=True),
    )
