"""What the widget needs in one round trip: public fields of active items."""

from __future__ import annotations

from typing import Any

from booking.adapters import site_store


def booking_config(site_id: str) -> dict[str, Any]:
    catalog = site_store.load_catalog(site_id)
    site, settings, terms = catalog.site, catalog.site.settings, catalog.site.terms
    services = catalog.bookable_services()
    service_ids = {service.id for service in services}
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
            "termsRequired": terms.required,
            "termsText": terms.text,
            "termsUrl": terms.url,
        },
        "branches": [
            {
                "id": branch.id,
                "name": branch.name,
                "address": branch.address,
                "city": branch.city,
                "phone": branch.phone,
                "timezone": catalog.timezone_of(branch),
            }
            for branch in catalog.active_branches
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
            for service in services
        ],
        "staff": [
            {
                "id": member.id,
                "name": member.name,
                "serviceIds": sorted(member.service_ids & service_ids),
                "branchId": member.branch_id,
            }
            for member in catalog.staff
            if member.active
        ],
    }
