"""The staff calendar as JSON, the same for the admin page and the staff app.

Instants are ISO 8601 in the branch's zone; `top` and `height` are
percentages of the day's axis, so the page only draws them."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from booking.domain.blocked_time import BlockedTime
from booking.domain.calendar_layout import Place
from booking.domain.waitlist import FreedTime
from booking.services.calendar import Block, Calendar, Column, Span


def _place(place: Place) -> dict[str, Any]:
    return {"top": place.top, "height": place.height, "cutBefore": place.cut_before, "cutAfter": place.cut_after}


def _span(span: Span, zone: ZoneInfo) -> dict[str, Any]:
    return {
        "start": span.start.astimezone(zone).isoformat(),
        "end": span.end.astimezone(zone).isoformat(),
        **_place(span.place),
    }


def blocked_view(blocked: BlockedTime) -> dict[str, Any]:
    """Instants in UTC, as in `freed_view`."""
    start, end = blocked.start, blocked.end
    return {
        "id": blocked.id,
        "staffId": blocked.staff_id,
        "start": start.isoformat(),
        "end": end.isoformat(),
        "reason": blocked.reason,
        "createdBy": blocked.created_by,
    }


def freed_view(freed: FreedTime) -> dict[str, Any]:
    return {
        "staffId": freed.staff_id,
        "branchId": freed.branch_id,
        "start": freed.start.isoformat(),
        "end": freed.end.isoformat(),
    }


def _block(block: Block, zone: ZoneInfo) -> dict[str, Any]:
    body: dict[str, Any] = {
        "start": block.start.astimezone(zone).isoformat(),
        "end": block.end.astimezone(zone).isoformat(),
        "lane": block.lane,
        "lanes": block.lanes,
        **_place(block.place),
    }
    if block.blocked is not None:
        return {"kind": "blocked", **body, "id": block.blocked.id, "reason": block.blocked.reason}
    booking = block.booking
    assert booking is not None
    return {
        "kind": "booking",
        **body,
        "id": booking.id,
        "status": booking.status.value,
        "source": booking.source,
        "client": booking.customer.name,
        "service": booking.service.name,
        "serviceId": booking.service_id,
        "hasNotes": bool(booking.notes.strip() or booking.answers),
    }


def _column(column: Column, zone: ZoneInfo) -> dict[str, Any]:
    return {
        "staffId": column.staff_id,
        "working": [_span(s, zone) for s in column.working],
        "breaks": [_span(s, zone) for s in column.breaks],
        "blocks": [_block(b, zone) for b in column.blocks],
        "free": [_span(s, zone) for s in column.free],
        "serviceId": column.service_id,
        "bookings": column.bookings,
        "freeSlots": column.free_slots,
        "occupancy": column.occupancy,
    }


def calendar_view(calendar: Calendar) -> dict[str, Any]:
    zone = ZoneInfo(calendar.timezone)
    catalog = calendar.catalog
    names = {member.id: member.name for member in catalog.staff}
    return {
        "timezone": calendar.timezone,
        "from": calendar.first_day.isoformat(),
        "to": calendar.last_day.isoformat(),
        "branchId": calendar.branch.id if calendar.branch else None,
        "serviceId": calendar.service_id,
        "staff": [
            {"id": sid, "name": names.get(sid, catalog.site.name) if sid else catalog.site.name}
            for sid in calendar.staff_ids
        ],
        "days": [
            {
                "date": day.date.isoformat(),
                "start": day.axis.start,
                "end": day.axis.end,
                "hours": day.axis.hours,
                "change": day.axis.change_minutes,
                "ticks": [{"label": tick.label, "top": tick.top} for tick in day.ticks],
                "columns": [_column(column, zone) for column in day.columns],
            }
            for day in calendar.days
        ],
        "reads": calendar.requests,
    }
