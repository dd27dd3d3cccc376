"""Reminder e-mails before appointments, per branch: `leadHours` before (24
by default) and, when switched on, an hour before.

A reminder is claimed in a transaction that marks it on the booking and
writes its outbox record together (adapters/reminder_store.py); it is sent
after the commit. So two runs at once, or a retried run, send it once, and a
send that fails stays in the outbox and is retried by the next run instead
of being lost.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from booking.adapters import booking_queries, reminder_store
from booking.domain import tokens
from booking.domain.model import BookingStatus
from booking.domain.record import BookingRecord
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


def due_leads(policy: ReminderPolicy, booking: BookingRecord, now: datetime) -> tuple[int, ...]:
    """The leads whose reminder is due now and not yet sent for this start time.

    A reminder is due from `start - lead` until the start. One whose moment
    had passed when the booking was made (or moved) is never due: the
    confirmation just told the client. Only one reminder goes out per run
    (the last in the list, the nearest); the others due with it are stale.
    """
    if booking.status is not BookingStatus.CONFIRMED:
        return ()
    start = booking.start
    if start <= now:
        return ()
    known = [moment for moment in (booking.created_at, booking.rescheduled_at) if moment]
    booked_at = max(known) if known else None
    sent = booking.reminders_sent
    due = []
    for lead in policy.leads:
        moment = start - timedelta(hours=lead)
        booked_in_time = booked_at is None or booked_at <= moment
        if moment <= now and booked_in_time and sent.get(key(lead)) != start:
            due.append(lead)
    return tuple(due)


def email_id(booking_id: str, lead_hours: int, start: datetime) -> str:
    return f"{booking_id}-{Kind.REMINDER.value}-{key(lead_hours)}-{int(start.timestamp())}"


def send_reminders(now: datetime) -> int:
    """Send every due reminder, then retry failed e-mails; returns reminders written."""
    sites: dict[tuple[str, str | None], emails.SiteMail] = {}
    written = 0
    for booking in booking_queries.confirmed_starting(now, now + timedelta(hours=MAX_LEAD_HOURS)):
        place = (booking.site_id, booking.branch_id)
        if place not in sites:
            sites[place] = emails.site_mail(*place)
        site = sites[place]
        if not due_leads(policy_from(site.rules), booking, now):
            continue
        try:
            written += _remind(site, booking.id, now)
        except Exception:
            log.exception("Reminder for booking %s/%s not written", booking.site_id, booking.id)
    retried = emails.retry_due(now)
    log.info("Reminders: %d written, %d earlier e-mails retried", written, retried)
    return written


def _remind(site: emails.SiteMail, booking_id: str, now: datetime) -> int:
    policy = policy_from(site.rules)

    def decide(booking: BookingRecord) -> tuple[reminder_store.ReminderMark, emails.Outgoing] | None:
        leads = due_leads(policy, booking, now)
        if not leads:
            return None
        lead = leads[-1]
        issued = tokens.issue(booking.end)
        outgoing = emails.prepare(
            site,
            booking,
            Kind.REMINDER,
            email_id(booking.id, lead, booking.start),
            now,
            issued.raw,
            emails.Options(soon=lead <= SHORT_LEAD_HOURS),
        )
        if outgoing is None:
            return None
        mark = reminder_store.ReminderMark(
            keys=tuple(key(due) for due in leads),
            start=booking.start,
            token_digest=issued.digest,
            token=issued.entry(now, emails.token_purpose(Kind.REMINDER)),
            email=outgoing.entry,
        )
        return mark, outgoing

    outgoing = reminder_store.claim(site.site_id, booking_id, decide)
    if outgoing is None:
        return 0
    emails.dispatch(site.site_id, outgoing, now)
    return 1
