"""Input of the staff calendar's callables, for admins and staff alike (the
admin's carry `siteId`; staff read theirs from the session)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from booking.api import schemas
from booking.domain.blocked_time import REASON_LENGTH
from booking.domain.errors import InvalidInput
from booking.services.blocked_time import BlockRequest
from booking.services.calendar import WEEK, CalendarQuery

RANGE_FIELDS = {"branchId", "staffId", "serviceId", "days"}


def _days(data: Mapping[str, Any]) -> int:
    value = data.get("days", 1)
    if value not in (1, WEEK) or isinstance(value, bool):
        raise InvalidInput("days", "must be 1 or 7")
    return int(value)


def calendar_query(site_id: str, data: Mapping[str, Any]) -> CalendarQuery:
    return CalendarQuery(
        site_id=site_id,
        first_day=schemas.local_date(data, "date"),
        days=_days(data),
        branch_id=schemas.identifier(data, "branchId", optional=True),
        staff_id=schemas.identifier(data, "staffId", optional=True),
        service_id=schemas.identifier(data, "serviceId", optional=True),
    )


def block_request(site_id: str, data: Mapping[str, Any], branch_id: str | None = None) -> BlockRequest:
    identifier = schemas.identifier(data, "staffId")
    assert identifier is not None
    return BlockRequest(
        site_id=site_id,
        staff_id=identifier,
        start=schemas.instant(data, "start"),
        end=schemas.instant(data, "end"),
        reason=schemas.text(data, "reason", REASON_LENGTH),
        branch_id=branch_id,
    )


def blocked_id(data: Mapping[str, Any]) -> str:
    value = schemas.identifier(data, "blockedId")
    assert value is not None
    return value
