"""The JSON the visitor's browser gets: the widget, the manage page.

Times are shown in the booking's own zone, as ISO 8601 with the offset.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from booking.domain import strings
from booking.domain.availability import days_to_json
from booking.domain.payments import NoShowFee, no_show_policy_text
from booking.domain.record import BookingRecord
from booking.services.booking_config import PublicCatalog
from booking.services.manage_booking import Changed, ManagedBooking
from booking.services.public_booking import BookingMade, FreeDays


def _local(instant: datetime | None, zone: ZoneInfo) -> str | None:
    return instant.astimezone(zone).isoformat() if instant else None


def free_days(found: FreeDays) -> dict[str, Any]:
    return {
        "timezone": found.timezone,
        "days": days_to_json(found.days),
        "lastBookableDate": found.last_bookable_day.isoformat(),
    }


def _moved(booking: BookingRecord, token: str) -> dict[str, Any]:
    zone = ZoneInfo(booking.timezone)
    return {
        "bookingId": booking.id,
        "status": booking.status.value,
        "start": _local(booking.start, zone),
        "end": _local(booking.end, zone),
        "staffId": booking.staff_id,
        "manageToken": token,
    }


def booking_made(made: BookingMade) -> dict[str, Any]:
    result = _moved(made.booking, made.manage_token)
    if made.payment is not None:
        result["checkoutUrl"] = made.payment.checkout_url
    return result


def rescheduled(changed: Changed) -> dict[str, Any]:
    return _moved(changed.booking, changed.manage_token)


def status(booking: BookingRecord) -> dict[str, Any]:
    return {"bookingId": booking.id, "status": booking.status.value}


def confirmed(changed: Changed) -> dict[str, Any]:
    return {**status(changed.booking), "manageToken": changed.manage_token}


def managed_booking(view: ManagedBooking) -> dict[str, Any]:
    booking, site = view.booking, view.site
    zone = ZoneInfo(booking.timezone)
    return {
        "bookingId": booking.id,
        "status": booking.status.value,
        "start": _local(booking.start, zone),
        "end": _local(booking.end, zone),
        "timezone": str(zone),
        "date": booking.local_date,
        "service": {
            "id": booking.service_id,
            "name": booking.service.name,
            "durationMinutes": booking.service.duration_minutes,
            "priceCents": booking.service.price_cents,
        },
        "branchId": booking.branch_id,
        "location": site.location,
        "staff": {"id": booking.staff_id, "name": booking.staff_name} if booking.staff_id else None,
        "customerName": booking.customer.name,
        "site": {
            "id": site.site_id,
            "name": site.name,
            "locale": site.locale,
            "currency": site.currency,
            "accentColor": site.brand.accent,
            "phone": site.brand.phone,
        },
        "confirmBefore": _local(view.confirm_before, zone),
        "canConfirm": view.can_confirm,
        "canCancel": view.can_cancel,
        "canReschedule": view.can_reschedule,
        "changesUntil": _local(view.changes_until, zone),
        "changeCutoffHours": site.change_cutoff_hours,
    }


def no_show_policy(fee: NoShowFee, currency: str) -> dict[str, str] | None:
    """The policy sentence in every language the widget speaks (its locale
    attribute may differ from the site's); None when no fee is charged."""
    if not fee.enabled:
        return None
    return {language: no_show_policy_text(fee, language, currency) for language in strings.LANGUAGES}


def booking_config(config: PublicCatalog) -> dict[str, Any]:
    """The widget's catalog: the site, its settings and what can be booked."""
    site, settings, terms = config.site, config.site.settings, config.site.terms
    return {
        "site": {
            "id": site.id,
            "name": site.name,
            "timezone": site.timezone,
            "locale": site.locale,
            "currency": site.currency,
            "widget": {
                "heading": site.widget.heading,
                "accentColor": site.widget.accent_color,
                "layout": site.widget.layout,
                "showStaff": site.widget.show_staff,
            },
        },
        "settings": {
            "horizonDays": settings.horizon_days,
            "slotIntervalMinutes": settings.slot_interval_minutes,
            "bufferMinutes": settings.buffer_minutes,
            "minNoticeMinutes": settings.min_notice_minutes,
            "changeCutoffHours": settings.change_cutoff_hours,
            "termsRequired": terms.required,
            "termsText": terms.text,
            "termsUrl": terms.url,
            "noShowPolicy": no_show_policy(site.no_show_fee, site.currency),
            "waitlist": config.waitlist,
        },
        "branches": [
            {
                "id": option.branch.id,
                "name": option.branch.name,
                "address": option.branch.address,
                "city": option.branch.city,
                "phone": option.branch.phone,
                "timezone": option.timezone,
                "waitlist": option.waitlist,
            }
            for option in config.branches
        ],
        "services": [
            {
                "id": service.id,
                "name": service.name,
                "durationMinutes": service.duration_minutes,
                "price": service.price_cents,
                "deposit": service.deposit_cents,
                "intakeQuestions": [
                    {
                        "id": question.id,
                        "label": question.label,
                        "type": question.kind.value,
                        "options": list(question.options),
                        "required": question.required,
                    }
                    for question in service.intake_questions
                ],
            }
            for service in config.services
        ],
        "staff": [
            {
                "id": member.id,
                "name": member.name,
                "serviceIds": sorted(member.service_ids),
                "branchId": member.branch_id,
            }
            for member in config.staff
        ],
    }
