"""Firestore documents to domain objects. Stored data was validated when it
was written, so these trust its shape and only fill in defaults."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, time
from typing import Any

from booking.domain.model import (
    Hours,
    IntakeQuestion,
    QuestionKind,
    Service,
    Settings,
    StaffMember,
    TimeRange,
    WeeklySchedule,
)
from booking.domain.payments import no_show_fee_from
from booking.domain.site import Branch, EmailBrand, Site, Terms, Widget

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
Doc = Mapping[str, Any]


def _ranges(items: list[Doc] | None) -> tuple[TimeRange, ...]:
    return tuple(TimeRange(time.fromisoformat(item["start"]), time.fromisoformat(item["end"])) for item in items or ())


def _per_weekday(days: Doc | None) -> dict[int, tuple[TimeRange, ...]]:
    days = days or {}
    return {index: _ranges(days.get(name)) for index, name in enumerate(WEEKDAYS) if days.get(name)}


def hours_from(doc: Doc | None) -> Hours | None:
    if doc is None:
        return None
    weekly = WeeklySchedule(ranges=_per_weekday(doc.get("weekly")), breaks=_per_weekday(doc.get("breaks")))
    overrides = {date.fromisoformat(day): _ranges(ranges) for day, ranges in (doc.get("overrides") or {}).items()}
    return Hours(weekly=weekly, overrides=overrides)


def hours_to_doc(hours: Hours) -> dict[str, Any]:
    def encode(ranges: tuple[TimeRange, ...]) -> list[dict[str, str]]:
        return [{"start": r.start.strftime("%H:%M"), "end": r.end.strftime("%H:%M")} for r in ranges]

    return {
        "weekly": {WEEKDAYS[day]: encode(ranges) for day, ranges in hours.weekly.ranges.items()},
        "breaks": {WEEKDAYS[day]: encode(ranges) for day, ranges in hours.weekly.breaks.items()},
        "overrides": {day.isoformat(): encode(ranges) for day, ranges in hours.overrides.items()},
    }


def settings_from(doc: Doc | None) -> Settings:
    doc = doc or {}
    defaults = Settings()
    return Settings(
        slot_interval_minutes=doc.get("slotIntervalMinutes", defaults.slot_interval_minutes),
        buffer_minutes=doc.get("bufferMinutes", defaults.buffer_minutes),
        horizon_days=doc.get("horizonDays", defaults.horizon_days),
        min_notice_minutes=doc.get("minNoticeMinutes", defaults.min_notice_minutes),
        change_cutoff_hours=doc.get("changeCutoffHours", defaults.change_cutoff_hours),
    )


def site_from(site_id: str, doc: Doc, hours_doc: Doc | None) -> Site:
    widget, terms, email = doc.get("widget") or {}, doc.get("terms") or {}, doc.get("email") or {}
    return Site(
        id=site_id,
        name=doc.get("name", site_id),
        timezone=doc.get("timezone", "UTC"),
        locale=doc.get("locale", "en"),
        currency=doc.get("currency", "EUR"),
        booking_enabled=bool(doc.get("bookingEnabled", False)),
        widget=Widget(
            heading=widget.get("heading", Widget.heading),
            accent_color=widget.get("accentColor", Widget.accent_color),
            layout=widget.get("layout", Widget.layout),
            show_staff=widget.get("showStaff", Widget.show_staff),
        ),
        settings=settings_from(doc.get("settings")),
        terms=Terms(
            required=bool(terms.get("required", False)),
            text=terms.get("text", ""),
            url=terms.get("url", ""),
            version=terms.get("version", ""),
        ),
        email=EmailBrand(
            logo_url=email.get("logoUrl", ""), footer=email.get("footer", ""), reply_to=email.get("replyTo", "")
        ),
        hours=hours_from(hours_doc) or Hours(),
        no_show_fee=no_show_fee_from((doc.get("settings") or {}).get("noShowFee")),
    )


def service_from(service_id: str, doc: Doc) -> Service:
    return Service(
        id=service_id,
        name=doc["name"],
        duration_minutes=doc["durationMinutes"],
        active=bool(doc.get("active", True)),
        price_cents=doc.get("priceCents"),
        deposit_cents=doc.get("depositCents"),
        intake_questions=tuple(
            IntakeQuestion(
                id=q["id"],
                label=q["label"],
                kind=QuestionKind(q.get("type", "text")),
                options=tuple(q.get("options") or ()),
                required=bool(q.get("required", False)),
            )
            for q in doc.get("intakeQuestions") or ()
        ),
    )


def staff_from(staff_id: str, doc: Doc, hours_doc: Doc | None) -> StaffMember:
    return StaffMember(
        id=staff_id,
        name=doc["name"],
        service_ids=frozenset(doc.get("serviceIds") or ()),
        branch_id=doc.get("branchId"),
        active=bool(doc.get("active", True)),
        hours=hours_from(hours_doc),
    )


def branch_from(branch_id: str, doc: Doc, hours_doc: Doc | None) -> Branch:
    return Branch(
        id=branch_id,
        name=doc["name"],
        address=doc.get("address", ""),
        city=doc.get("city", ""),
        phone=doc.get("phone", ""),
        active=bool(doc.get("active", True)),
        timezone=doc.get("timezone"),
        hours=hours_from(hours_doc),
    )
