"""Reminder e-mails before appointments, per branch: `leadHours` before (24
by default) and, when switched on, an hour before.

A reminder is claimed in a transaction that marks it on the booking and
writes its outbox record together; it is sent after the commit. So two runs
at once, or a retried run, send it once, and a send that fails stays in the
outbox and is retried by the next run instead of being lost.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from google.api_core import exceptions as gexc
from google.cloud import firestore
from google.cloud.firestore_v1.base_query import FieldFilter

from booking.adapters import email_outbox
from booking.adapters.firestore_client import db, site_ref
from booking.domain import tokens
from booking.domain.model import BookingStatus
from booking.services.email import messages as emails
from booking.services.email.render import Kind

log = logging.getLogger(__name__)

MAX_LEAD_HOURS = 168
"""Leads are clamped to a week, which bounds the bookings each run reads."""
SHORT_LEAD_HOURS = 2
"""Up to this lead the reminder says "soon" instead of naming the day."""


@dataclass(frozen=True)
class ReminderPolicy:
    enabled: bool = True
    lead_hours: int = 24
    one_hour: bool = False

    @property
    def leads(self) -> tuple[int, ...]:
        if not self.enabled:
            return ()
        leads = {min(max(self.lead_hours, 1), MAX_LEAD_HOURS)}
        if self.one_hour:
            leads.add(1)
        return tuple(sorted(leads, reverse=True))


def policy_from(settings: Mapping[str, Any]) -> ReminderPolicy:
    """The branch's `settings.reminders`; on, 24 hours, no one-hour reminder by default."""
    reminders = settings.get("reminders") or {}
    return ReminderPolicy(
        enabled=bool(reminders.get("enabled", True)),
        lead_hours=int(reminders.get("leadHours", 24)),
        one_hour=bool(reminders.get("oneHour", False)),
    )


def key(lead_hours: int) -> str:
    return f"{lead_hours}h"


def due_leads(policy: ReminderPolicy, booking: Mapping[str, Any], now: datetime) -> tuple[int, ...]:
    """The leads whose reminder is due now and not yet sent for this start time.

    A reminder is due from `start - lead` until the start. One whose moment
    had passed when the booking was made (or moved) is never due: the
    confirmation just told the client. Only one reminder goes out per run
    (the last in the list, the nearest); the others due with it are stale.
    """
    if booking.get("status") != BookingStatus.CONFIRMED.value:
        return ()
    start: datetime = booking["start"]
    if start <= now:
        return ()
    known = [moment for moment in (booking.get("createdAt"), booking.get("rescheduledAt")) if moment]
    booked_at = max(known) if known else None
    sent = booking.get("remindersSent") or {}
    due = []
    for lead in policy.leads:
        moment = start - timedelta(hours=lead)
        if moment <= now and (booked_at is None or booked_at <= moment) and sent.get(key(lead)) != start:
            due.append(lead)
    return tuple(due)


def email_id(booking_id: str, lead_hours: int, start: datetime) -> str:
    return f"{booking_id}-{Kind.REMINDER.value}-{key(lead_hours)}-{int(start.timestamp())}"


def send_reminders(now: datetime) -> int:
    """Send every due reminder, then retry failed e-mails; returns reminders written."""
    horizon = now + timedelta(hours=MAX_LEAD_HOURS)
    upcoming = (
        db()
        .collection_group("bookings")
        .where(filter=FieldFilter("status", "==", BookingStatus.CONFIRMED.value))
        .where(filter=FieldFilter("start", ">", now))
        .where(filter=FieldFilter("start", "<=", horizon))
    )
    sites: dict[tuple[str, str | None], emails.SiteMail] = {}
    written = 0
    for snapshot in upcoming.stream():
        booking = snapshot.to_dict() or {}
        site_id = snapshot.reference.parent.parent.id
        place = (site_id, booking.get("branchId"))
        if place not in sites:
            sites[place] = emails.site_mail(*place)
        site = sites[place]
        if not due_leads(policy_from(site.branch_settings), booking, now):
            continue
        try:
            written += _remind(site, snapshot.id, now)
        except Exception:
            log.exception("Reminder for booking %s/%s not written", site_id, snapshot.id)
    retried = emails.retry_due(now)
    log.info("Reminders: %d written, %d earlier e-mails retried", written, retried)
    return written


def _remind(site: emails.SiteMail, booking_id: str, now: datetime) -> int:
    ref = site_ref(site.site_id).collection("bookings").document(booking_id)
    policy = policy_from(site.branch_settings)

    @firestore.transactional
    def claim(transaction: firestore.Transaction) -> emails.Outgoing | None:
        snapshot = ref.get(transaction=transaction)
        booking = snapshot.to_dict() if snapshot.exists else None
        leads = due_leads(policy, booking, now) if booking else ()
        if not booking or not leads:
            return None
        lead, start = leads[-1], booking["start"]
        issued = tokens.issue(booking["end"])
        outgoing = emails.prepare(
            site,
            booking_id,
            booking,
            Kind.REMINDER,
            email_id(booking_id, lead, start),
            now,
            issued.raw,
            soon=lead <= SHORT_LEAD_HOURS,
        )
        if outgoing is None:
            return None
        email_outbox.create_in(transaction, site.site_id, outgoing.entry)
        transaction.update(
            ref,
            {
                **{f"remindersSent.{key(due)}": start for due in leads},
                tokens.entry_field(issued.digest): issued.entry(now, Kind.REMINDER.value),
            },
        )
        return outgoing

    try:
        outgoing = claim(db().transaction())
    except (gexc.AlreadyExists, gexc.Conflict):
        return 0  # another run wrote this reminder first
    if outgoing is None:
        return 0
    emails.dispatch(site.site_id, outgoing, now)
    return 1
