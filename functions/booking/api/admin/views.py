"""The JSON the admin pages get. Instants are ISO 8601 strings in UTC (the
pages show them in the booking's or the site's zone)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any

from booking.adapters import booking_mapper
from booking.adapters.catalog_store import SiteDocs
from booking.domain.booking_rules import rules_for, site_rules
from booking.domain.model import BookingStatus
from booking.domain.payment_record import PaymentRecord
from booking.domain.record import BookingRecord
from booking.services.admin.bookings import BookingPage
from booking.services.admin.catalog import unoffered_service_ids
from booking.services.admin.schedules import ScheduleSaved
from booking.services.admin.settings import DEFAULT_EMAIL, DEFAULT_SETTINGS, DEFAULT_TERMS, DEFAULT_WIDGET

if TYPE_CHECKING:  # types only: the e-mail and payment modules load when used
    from booking.services.email.render import Rendered
    from booking.services.payments.admin import PaymentsOverview

HIDDEN_FIELDS = ("manageTokenHash", "manageTokens", "lockIds", booking_mapper.FOLLOW_UP)
"""Secrets (even as digests) and internals: nothing an admin acts on."""
"""Stored fields the detail leaves out: a secret's digest, and internals
(the time locks, a follow-up still being done) the pages have no use for."""


def plain(value: Mapping[str, Any]) -> dict[str, Any]:
    """JSON-ready: instants become ISO-8601 strings in UTC."""
    result: dict[str, Any] = _plain(value)
    return result


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value


def _customer(booking: BookingRecord) -> dict[str, str]:
    customer = booking.customer
    return {"name": customer.name, "email": customer.email, "phone": customer.phone}


def booking_summary(booking: BookingRecord) -> dict[str, Any]:
    """One row of the bookings list."""
    return {
        "id": booking.id,
        "start": booking.start.isoformat(),
        "end": booking.end.isoformat(),
        "date": booking.local_date,
        "timezone": booking.timezone,
        "status": booking.status.value,
        "source": booking.source,
        "serviceId": booking.service_id,
        "serviceName": booking.service.name,
        "staffId": booking.staff_id,
        "staffName": booking.staff_name,
        "branchId": booking.branch_id,
        "customer": _customer(booking),
        "hasNotes": bool(booking.notes),
        "hasAnswers": bool(booking.answers),
    }


def booking_page(page: BookingPage) -> dict[str, Any]:
    return {"bookings": [booking_summary(booking) for booking in page.bookings], "nextCursor": page.next_cursor}


def booking_detail(booking: BookingRecord) -> dict[str, Any]:
    """Everything stored with the booking, laid out as stored
    (docs/data-model.md), except HIDDEN_FIELDS."""
    doc = booking_mapper.new_doc(booking)
    if booking.reminders_sent:
        doc["remindersSent"] = dict(booking.reminders_sent)
    if booking.rescheduled_at is not None:
        doc["rescheduledAt"] = booking.rescheduled_at
    if booking.no_show_counted or any(entry.to is BookingStatus.NO_SHOW for entry in booking.history):
        doc["noShowCounted"] = booking.no_show_counted  # stored once a no-show was counted
    for hidden in HIDDEN_FIELDS:
        doc.pop(hidden, None)
    return plain({**doc, "id": booking.id})


def email_preview(rendered: Rendered) -> dict[str, str]:
    return {"subject": rendered.subject, "html": rendered.html, "text": rendered.text}


def schedule_saved(saved: ScheduleSaved) -> dict[str, Any]:
    """The saved schedule, the future bookings its hours leave outside and,
    for the site's hours, the branches that follow them."""
    answer: dict[str, Any] = {
        "scheduleId": saved.schedule_id,
        "checked": saved.checked,
        "outside": [
            {
                "id": booking.id,
                "start": booking.start.isoformat(),
                "end": booking.end.isoformat(),
                "timezone": booking.timezone,
                "status": booking.status.value,
                "customerName": booking.customer.name,
                "serviceName": booking.service.name,
                "staffName": booking.staff_name,
            }
            for booking in saved.outside
        ],
    }
    if saved.site_hours is not None:
        answer["siteHours"] = {
            "branchCount": saved.site_hours.branch_count,
            "branches": [
                {"id": branch.id, "name": branch.name, "active": branch.active} for branch in saved.site_hours.branches
            ],
        }
    return answer


def _sorted(items: dict[str, dict[str, Any]], defaults: Mapping[str, Any]) -> list[dict[str, Any]]:
    rows = [{**defaults, **doc, "id": item_id} for item_id, doc in items.items()]
    return sorted(rows, key=lambda row: (str(row.get("name", "")).lower(), row["id"]))


def site_overview(docs: SiteDocs) -> dict[str, Any]:
    """Site, branches, services, staff and schedules as the admin pages edit
    them, completed with the defaults that apply to missing fields."""
    site = docs.site
    unoffered = unoffered_service_ids(docs)
    settings = site.get("settings") or {}
    branches = {
        branch_id: {**doc, "settings": rules_for(settings, doc.get("settings") or {})}
        for branch_id, doc in docs.branches.items()
    }
    return plain(
        {
            "site": {
                "id": docs.site_id,
                "name": site.get("name", docs.site_id),
                "timezone": site.get("timezone", "UTC"),
                "locale": site.get("locale", "en"),
                "currency": site.get("currency", "EUR"),
                "bookingEnabled": bool(site.get("bookingEnabled", False)),
                "widget": {**DEFAULT_WIDGET, **(site.get("widget") or {})},
                "settings": {**DEFAULT_SETTINGS, **settings, **site_rules(settings)},
                "terms": {**DEFAULT_TERMS, **(site.get("terms") or {})},
                "email": {**DEFAULT_EMAIL, **(site.get("email") or {})},
                "paymentsReady": bool((site.get("payments") or {}).get("ready", False)),
            },
            "branches": [
                {**branch, "ownHours": f"branch-{branch['id']}" in docs.schedules}
                for branch in _sorted(branches, {"address": "", "city": "", "phone": "", "active": True})
            ],
            "services": [
                {**service, "unoffered": service["id"] in unoffered}
                for service in _sorted(docs.services, {"active": True, "intakeQuestions": []})
            ],
            "staff": _sorted(docs.staff, {"serviceIds": [], "branchId": None, "active": True}),
            "schedules": {
                schedule_id: {key: schedule.get(key) or {} for key in ("weekly", "breaks", "overrides")}
                for schedule_id, schedule in docs.schedules.items()
            },
        }
    )


def payments_overview(overview: PaymentsOverview) -> dict[str, Any]:
    """The payments page: whether deposits work, the account, the no-show fee
    and the recent payments."""
    config = overview.config
    account = config.connected_account_id
    return {
        "ready": overview.ready,
        "mode": overview.mode,
        "connect": (
            {
                "accountId": account,
                "chargesEnabled": config.charges_enabled,
                "detailsSubmitted": config.details_submitted,
            }
            if account
            else None
        ),
        "feePercent": overview.fee_percent,
        "currency": overview.currency,
        "noShowFee": overview.no_show_fee.to_doc(),
        "payments": [payment_json(record) for record in overview.payments],
    }


def payment_json(record: PaymentRecord) -> dict[str, Any]:
    """A payment record as the admin's list gets it: the fields it has, in
    their stored names, instants as ISO-8601 text."""
    ids = record.stripe
    stripe = {
        "checkoutSessionId": ids.checkout_session_id,
        "paymentIntentId": ids.payment_intent_id,
        "customerId": ids.customer_id,
        "paymentMethodId": ids.payment_method_id,
        "refundId": ids.refund_id,
        "refundStatus": ids.refund_status,
    }
    fields = {
        "id": record.id,
        "bookingId": record.booking_id,
        "kind": record.kind.value,
        "amountCents": record.amount_cents,
        "currency": record.currency,
        "status": record.status.value,
        "stripe": {key: value for key, value in stripe.items() if value is not None},
        "connectedAccountId": record.connected_account_id,
        "applicationFeeCents": record.application_fee_cents,
        "reason": record.reason,
        "error": record.error,
        "attempts": record.attempts,
        "nextAttemptAt": record.next_attempt_at,
        "overruledAt": record.overruled_at,
        "createdAt": record.created_at,
        "updatedAt": record.updated_at,
    }
    return plain({key: value for key, value in fields.items() if value is not None})
