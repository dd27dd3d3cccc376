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
from booking.api.schemas import EMAIL_PATTERN, ID_PATTERN, fields
from booking.api.schemas import text as _text
from booking.domain.booking_rules import RULE_SECTIONS
from booking.domain.errors import InvalidInput
from booking.domain.model import (
    BUFFERS,
    CHANGE_CUTOFF_HOURS,
    GRANULE_MINUTES,
    HORIZONS,
    SLOT_INTERVALS,
)
from booking.domain.site import EmailBrand
from booking.services.admin.schedules import ScheduleWrite
from booking.services.admin.settings import NewSite, SiteUpdate

# Patterns are applied with `fullmatch`: `$` would also accept a trailing newline.
COLOUR_PATTERN = re.compile(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})")
CURRENCY_PATTERN = re.compile(r"[A-Z]{3}")
URL_PATTERN = re.compile(r"https?://[^\s<>\"]+")
LOGO_URL_PATTERN = re.compile(r"https?://[^\s<>\"']+")
"""What e-mails put in an image's `src` (render.Brand checks the same)."""
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
        {"name", "timezone", "locale", "currency", "bookingEnabled", "widget", "settings", "terms", "email"},
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
    if "email" in data:
        changes["email"] = email_branding(data["email"])
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
    data = obj(data, "settings", names, {"changeCutoffHours", *RULE_SECTIONS})
    settings = {
        "horizonDays": one_of(data, "horizonDays", "settings", HORIZONS),
        "slotIntervalMinutes": one_of(data, "slotIntervalMinutes", "settings", SLOT_INTERVALS),
        "bufferMinutes": one_of(data, "bufferMinutes", "settings", BUFFERS),
        "minNoticeMinutes": integer(data, "minNoticeMinutes", "settings", 0, MAX_NOTICE_MINUTES, GRANULE_MINUTES),
    }
    if "changeCutoffHours" in data:  # left out, the stored value stays
        settings["changeCutoffHours"] = one_of(data, "changeCutoffHours", "settings", CHANGE_CUTOFF_HOURS)
    rules = {name: data[name] for name in RULE_SECTIONS if name in data}
    return {**settings, **booking_rules(rules, "settings", required=False)}


def email_branding(data: Any) -> dict[str, str]:
    """The site's `email` map: logo URL, footer line and reply-to address, each may be empty."""
    data = obj(data, "email", set(), {"logoUrl", "footer", "replyTo"})
    logo, footer = string(data, "logoUrl", 500, "email"), string(data, "footer", 200, "email")
    reply_to = string(data, "replyTo", 254, "email")
    if logo and not LOGO_URL_PATTERN.fullmatch(logo):
        raise InvalidInput("email.logoUrl", "must be a web address starting with https:// or http://")
    if reply_to and not EMAIL_PATTERN.fullmatch(reply_to):
        raise InvalidInput("email.replyTo", "must be an e-mail address such as info@example.com")
    return {"logoUrl": logo, "footer": footer, "replyTo": reply_to}


def email_preview(data: Any) -> EmailBrand:
    """The branding to preview, as typed on the page (not saved)."""
    branding = email_branding(obj(data, "", {"siteId", "email"})["email"])
    return EmailBrand(logo_url=branding["logoUrl"], footer=branding["footer"], reply_to=branding["replyTo"])


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


CONFIRMATION_EXPIRY_HOURS = (1, 2, 4, 12, 24)
WAITLIST_MODES = ("automatic", "manual")


def booking_rules(data: Any, base: str, required: bool = True) -> dict[str, Any]:
    """A branch's rules (all four sections), or any of the site's
    (`required` False: sections left out keep their stored values)."""
    sections = set(RULE_SECTIONS)
    data = obj(data, base, sections if required else set(), set() if required else sections)
    return {name: RULE_SECTION_PARSERS[name](data[name], f"{base}.{name}") for name in RULE_SECTIONS if name in data}


def _no_show(data: Any, base: str) -> dict[str, Any]:
    no_show = obj(data, base, {"automatic", "timerMinutes"}, {"notifyClient"})
    parsed = {
        "automatic": boolean(no_show, "automatic", base),
        "timerMinutes": integer(no_show, "timerMinutes", base, 5, 240, GRANULE_MINUTES),
    }
    if "notifyClient" in no_show:  # left out, the stored value stays
        parsed["notifyClient"] = boolean(no_show, "notifyClient", base)
    return parsed


def _waitlist(data: Any, base: str) -> dict[str, Any]:
    waitlist = obj(data, base, {"enabled", "mode", "offerExpiryHours"}, {"notifyLapsed"})
    parsed = {
        "enabled": boolean(waitlist, "enabled", base),
        "mode": one_of(waitlist, "mode", base, WAITLIST_MODES),
        "offerExpiryHours": integer(waitlist, "offerExpiryHours", base, 1, 72),
    }
    if "notifyLapsed" in waitlist:  # left out, the stored value stays
        parsed["notifyLapsed"] = boolean(waitlist, "notifyLapsed", base)
    return parsed


def _client_confirmation(data: Any, base: str) -> dict[str, Any]:
    confirmation = obj(data, base, {"required", "expiryHours"})
    return {
        "required": boolean(confirmation, "required", base),
        "expiryHours": one_of(confirmation, "expiryHours", base, CONFIRMATION_EXPIRY_HOURS),
    }


def _reminders(data: Any, base: str) -> dict[str, Any]:
    reminders = obj(data, base, {"enabled", "leadHours", "oneHour"})
    return {
        "enabled": boolean(reminders, "enabled", base),
        "leadHours": integer(reminders, "leadHours", base, 2, 168),
        "oneHour": boolean(reminders, "oneHour", base),
    }


RULE_SECTION_PARSERS = {
    "noShow": _no_show,
    "waitlist": _waitlist,
    "clientConfirmation": _client_confirmation,
    "reminders": _reminders,
}
