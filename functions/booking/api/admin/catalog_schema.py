"""Validation of the catalog editors' input: services, staff and branches.

Returns the documents exactly as the booking engine reads them
(docs/data-model.md); ids of new items are chosen by the use case.
"""

from __future__ import annotations

import secrets
from typing import Any

from booking.api.admin.schemas import (
    Data,
    booking_rules,
    boolean,
    ident,
    integer,
    obj,
    one_of,
    required_id,
    string,
    timezone_name,
)
from booking.api.schemas import ID_PATTERN, PHONE_PATTERN
from booking.domain.errors import InvalidInput
from booking.domain.model import GRANULE_MINUTES
from booking.services.admin.catalog import ItemWrite

MAX_QUESTIONS = 20
MAX_OPTIONS = 20
MAX_DURATION = 12 * 60
"""Minutes."""
MAX_CENTS = 100_000_00


def cents(data: Data, key: str, parent: str) -> int | None:
    if data.get(key) is None:
        return None
    return integer(data, key, parent, 0, MAX_CENTS)


def service(data: Any) -> ItemWrite:
    site_id = required_id(obj(data, "", {"siteId", "service"}), "siteId")
    name = "service"
    item = obj(
        data["service"],
        name,
        {"name", "durationMinutes", "active"},
        {"id", "priceCents", "depositCents", "intakeQuestions"},
    )
    price, deposit = cents(item, "priceCents", name), cents(item, "depositCents", name)
    if deposit == 0:
        raise InvalidInput("service.depositCents", "must be more than 0, or left out when no deposit is required")
    if deposit is not None and price is not None and deposit > price:
        raise InvalidInput("service.depositCents", "must not be more than the price")
    doc = {
        "name": string(item, "name", 100, name, required=True),
        "durationMinutes": integer(item, "durationMinutes", name, GRANULE_MINUTES, MAX_DURATION, GRANULE_MINUTES),
        "priceCents": price,
        "depositCents": deposit,
        "active": boolean(item, "active", name),
        "intakeQuestions": _questions(item.get("intakeQuestions")),
    }
    return ItemWrite(site_id=site_id, item_id=ident(item, "id", name, optional=True), doc=doc)


def _questions(raw: Any) -> list[dict[str, Any]]:
    field = "service.intakeQuestions"
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise InvalidInput(field, "must be a list of questions")
    if len(raw) > MAX_QUESTIONS:
        raise InvalidInput(field, f"at most {MAX_QUESTIONS} questions")
    questions: list[dict[str, Any]] = []
    for index, item in enumerate(raw):
        name = f"{field}.{index}"
        item = obj(item, name, {"label", "type"}, {"id", "options", "required"})
        kind = one_of(item, "type", name, ("text", "choice"))
        question = {
            "id": ident(item, "id", name, optional=True) or new_question_id(),
            "label": string(item, "label", 200, name, required=True),
            "type": kind,
            "options": _options(item.get("options"), f"{name}.options") if kind == "choice" else [],
            "required": boolean(item, "required", name),
        }
        if any(other["id"] == question["id"] for other in questions):
            raise InvalidInput(f"{name}.id", "is used by another question of this service")
        questions.append(question)
    return questions


def new_question_id() -> str:
    """Random, so a new question never takes the id of a deleted one: stored
    bookings keep their answers under the ids of the questions they had."""
    return f"q-{secrets.token_hex(3)}"


def _options(raw: Any, name: str) -> list[str]:
    if not isinstance(raw, list) or not 2 <= len(raw) <= MAX_OPTIONS:
        raise InvalidInput(name, f"a choice needs 2 to {MAX_OPTIONS} options")
    options = []
    for value in raw:
        if not isinstance(value, str) or not value.strip() or len(value.strip()) > 100:
            raise InvalidInput(name, "every option must be text of 1 to 100 characters")
        options.append(value.strip())
    if len(set(options)) != len(options):
        raise InvalidInput(name, "options must differ from each other")
    return options


def staff(data: Any) -> ItemWrite:
    site_id = required_id(obj(data, "", {"siteId", "staff"}), "siteId")
    name = "staff"
    item = obj(data["staff"], name, {"name", "active"}, {"id", "serviceIds", "branchId"})
    service_ids = item.get("serviceIds") or []
    if not isinstance(service_ids, list) or not all(
        isinstance(s, str) and ID_PATTERN.fullmatch(s) for s in service_ids
    ):
        raise InvalidInput("staff.serviceIds", "must be a list of service ids")
    doc = {
        "name": string(item, "name", 100, name, required=True),
        "serviceIds": sorted(set(service_ids)),
        "branchId": ident(item, "branchId", name, optional=True),
        "active": boolean(item, "active", name),
    }
    return ItemWrite(site_id=site_id, item_id=ident(item, "id", name, optional=True), doc=doc)


def branch(data: Any) -> ItemWrite:
    site_id = required_id(obj(data, "", {"siteId", "branch"}), "siteId")
    name = "branch"
    item = obj(data["branch"], name, {"name", "active", "settings"}, {"id", "address", "city", "phone", "timezone"})
    phone = string(item, "phone", 32, name)
    if phone and not PHONE_PATTERN.fullmatch(phone):
        raise InvalidInput("branch.phone", "must be a phone number of digits, spaces and + - ( ) . /")
    doc: dict[str, Any] = {
        "name": string(item, "name", 100, name, required=True),
        "address": string(item, "address", 200, name),
        "city": string(item, "city", 100, name),
        "phone": phone,
        "active": boolean(item, "active", name),
        "settings": booking_rules(item["settings"], "branch.settings"),
    }
    doc["timezone"] = timezone_name(item, "timezone", name) if item.get("timezone") is not None else None
    return ItemWrite(site_id=site_id, item_id=ident(item, "id", name, optional=True), doc=doc)
