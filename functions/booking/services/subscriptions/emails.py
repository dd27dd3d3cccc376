"""The subscription's e-mails to the client: subscribed, payment failed,
cancelling, ended, and an occurrence that was not free. Same branded layout
and languages as the booking e-mails (render.py). Each links to the manage
page of one of the subscription's appointments (with a token of its own),
where the plan is shown and can be cancelled.

Each e-mail's outbox id names its event, so a repeated call writes nothing
twice. Never raises: an e-mail that can't be written must not undo the
change it reports.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from urllib.parse import urlencode

from booking.adapters import booking_store, email, email_outbox
from booking.adapters.email_message import Message
from booking.domain import strings, tokens
from booking.domain.record import BookingRecord, TokenPurpose
from booking.domain.subscription_record import OccurrenceConflict, Subscription
from booking.domain.subscriptions import describe
from booking.services.email import messages
from booking.services.email.render import EmailContent, Links, SubscriptionKind, render

log = logging.getLogger(__name__)

OUTCOME_KINDS = {
    "subscribed": SubscriptionKind.SUBSCRIBED,
    "payment_failed": SubscriptionKind.SUBSCRIPTION_PAYMENT_FAILED,
    "payment_failed_final": SubscriptionKind.SUBSCRIPTION_ENDED,
    "ended": SubscriptionKind.SUBSCRIPTION_ENDED,
}


def plan_text(subscription: Subscription, lang: str) -> str:
    """'Weekly cut, every Tuesday at 10:00' in the client's language."""
    frequency, day, at = describe(subscription.recurrence)
    if frequency == "weekly":
        weekday = strings.table(lang)["weekdays"][day]
        return f"{subscription.plan_name}, {strings.text(lang, 'recurrence.weekly', weekday=weekday, time=at)}"
    return f"{subscription.plan_name}, {strings.text(lang, 'recurrence.monthly', day=day, time=at)}"


def _link_booking(subscription: Subscription, now: datetime) -> BookingRecord | None:
    """The appointment whose manage page the e-mail links to: the next one
    that still holds time, else the latest."""
    bookings = [b for b in (booking_store.get(subscription.site_id, i) for i in subscription.booking_ids) if b]
    upcoming = sorted((b for b in bookings if b.holds_time and b.end > now), key=lambda b: b.start)
    if upcoming:
        return upcoming[0]
    return max(bookings, key=lambda b: b.start, default=None)


def send(
    subscription: Subscription,
    kind: SubscriptionKind,
    email_id: str,
    now: datetime,
    start: datetime | None = None,
    deadline: datetime | None = None,
) -> None:
    try:
        if not subscription.customer.email or email_outbox.written(subscription.site_id, email_id):
            return
        booking = _link_booking(subscription, now)
        if booking is None:
            return
        token = tokens.issue(max(booking.end, now))
        booking_store.add_token(booking, token.digest, token.entry(now, TokenPurpose.MANAGE))
        site = messages.site_mail(subscription.site_id, subscription.branch_id)
        lang = strings.language(site.locale)
        shown = start or booking.start
        duration = booking.end - booking.start
        book = f"{email.app_url()}/book?{urlencode({'site': subscription.site_id})}"
        content = EmailContent(
            kind=kind,
            locale=lang,
            brand=site.brand,
            customer_name=subscription.customer.name,
            service=booking.service.name,
            start=shown,
            end=shown + duration,
            timezone=subscription.recurrence.timezone,
            links=Links(manage=messages.manage_url(subscription.site_id, booking.id, token.raw), book=book),
            reference=subscription.id,
            staff=booking.staff_name,
            location=site.location,
            deadline=deadline,
            plan=plan_text(subscription, lang),
        )
        rendered = render(content)
        message = Message(
            to_email=subscription.customer.email,
            to_name=subscription.customer.name,
            from_email=email.from_address(),
            from_name=site.name,
            subject=rendered.subject,
            html=rendered.html,
            text=rendered.text,
            reply_to=site.reply_to,
            categories=("subscription", kind.value),
        )
        record = email_outbox.record_for(message, booking.id, kind.value, now, email.transport())
        outgoing = messages.Outgoing(email_outbox.Entry(email_id, record), message)
        if email_outbox.create(subscription.site_id, outgoing.entry):
            messages.dispatch(subscription.site_id, outgoing, now)
    except Exception:
        log.exception("Subscription e-mail %s/%s not written", subscription.site_id, email_id)


def after_event(before: Subscription, after: Subscription, outcome: str, now: datetime) -> None:
    """The e-mail a Billing event calls for, if any: each once per subscription
    (a payment failure once per failure)."""
    kind = OUTCOME_KINDS.get(outcome)
    if kind is None and before.state is not after.state and after.state.value == "ended":
        kind = SubscriptionKind.SUBSCRIPTION_ENDED
    if kind is None:
        return
    if kind is SubscriptionKind.SUBSCRIPTION_PAYMENT_FAILED:
        failed_at = after.payment_failed_at or now
        email_id = f"{after.id}-{kind.value}-{int(failed_at.timestamp())}"
    else:
        email_id = f"{after.id}-{kind.value}"
    send(after, kind, email_id, now)


def occurrence_not_free(subscription: Subscription, conflict: OccurrenceConflict, now: datetime) -> None:
    kind = SubscriptionKind.SUBSCRIPTION_NOT_FREE
    send(subscription, kind, f"{subscription.id}-{kind.value}-{conflict.key}", now, start=conflict.start)


def cancelling(subscription: Subscription, now: datetime) -> None:
    kind = SubscriptionKind.SUBSCRIPTION_CANCELLING
    paid_through = subscription.paid_through
    last_moment = paid_through - timedelta(minutes=1) if paid_through else None  # 23:59 of its last day
    send(subscription, kind, f"{subscription.id}-{kind.value}", now, deadline=last_moment)
