"""Booking a subscription's appointments ahead, and releasing them when it
ends (docs/subscriptions.md, "Booking ahead").

Each appointment is a normal booking: the same availability check, the
one `new_booking` factory, `booking_store.claim`'s locks. Its id names the
occurrence, so booking it twice finds the first. Everything here derives
from the stored subscription and is safe to run again: the webhook runs it
after each event, and the roll-forward job for anything a crash left out.
"""

from __future__ import annotations

import dataclasses
import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from booking.adapters import booking_store, site_store, subscription_store
from booking.domain import tokens
from booking.domain.availability import find_slot
from booking.domain.booking import hold_expiry
from booking.domain.catalog import Catalog
from booking.domain.model import BookingSource, BookingStatus
from booking.domain.record import BookingRecord, new_booking
from booking.domain.subscription_record import OccurrenceConflict, Subscription, booking_id
from booking.domain.subscriptions import CHECKOUT_LIFETIME, Occurrence, SubscriptionState, occurrences_through
from booking.domain.transitions import Action
from booking.services import booking_actions
from booking.services.public_booking import availability_request, days_window

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Where:
    """Whose time an occurrence needs: the service, branch and staff member."""

    site_id: str
    service_id: str
    branch_id: str | None
    staff_id: str | None


def slot_free(catalog: Catalog, where: Where, occurrence: Occurrence, now: datetime) -> str | None:
    """The staff member free for the occurrence (the subscription's own, if it
    has one; "" on a site without staff), or None when it is not free. The
    site's horizon limits what a visitor may pick; appointments booked ahead
    are allowed past it."""
    utc_day = occurrence.start.astimezone(UTC).date()
    _, busy = site_store.load_with_busy(where.site_id, where.staff_id, *days_window(utc_day, utc_day))
    service = catalog.service(where.service_id)
    branch = catalog.branch(where.branch_id)
    timezone = catalog.timezone_of(branch)
    local_day = occurrence.start.astimezone(ZoneInfo(timezone)).date()
    request = availability_request(catalog, busy, service, branch, where.staff_id, local_day, local_day, now)
    horizon = (local_day - now.astimezone(ZoneInfo(timezone)).date()).days + 1
    settings = dataclasses.replace(request.settings, horizon_days=max(request.settings.horizon_days, horizon))
    slot = find_slot(dataclasses.replace(request, settings=settings), occurrence.start)
    if slot is None:
        return None
    if not slot.staff_ids:
        return ""  # a site without staff: booked as one resource
    if where.staff_id:
        return where.staff_id if where.staff_id in slot.staff_ids else None
    return slot.staff_ids[0]


def where_of(subscription: Subscription) -> Where:
    return Where(subscription.site_id, subscription.service_id, subscription.branch_id, subscription.staff_id)


def book_occurrence(
    catalog: Catalog,
    subscription: Subscription,
    occurrence: Occurrence,
    status: BookingStatus,
    now: datetime,
    staff_id: str | None,
    manage_token: tokens.IssuedToken,
) -> BookingRecord:
    """Claim one occurrence's time; raises SlotTaken if another booking has it."""
    from booking.services.email import notifications

    branch = catalog.branch(subscription.branch_id)
    staff = {member.id: member for member in catalog.staff}.get(staff_id or "")
    booking = new_booking(
        booking_id=booking_id(subscription.id, occurrence.key),
        site_id=subscription.site_id,
        branch_id=subscription.branch_id,
        service=catalog.service(subscription.service_id),
        staff=staff,
        start=occurrence.start,
        end=occurrence.end,
        timezone=catalog.timezone_of(branch),
        customer=subscription.customer,
        status=status,
        now=now,
        manage_token_hash=manage_token.digest,
        buffer_minutes=catalog.site.settings.buffer_minutes,
        source=BookingSource.SUBSCRIPTION,
        created_by="subscription",
        hold_expires_at=hold_expiry(status, now, 0),
    )
    email = notifications.new_booking_email(catalog.site, branch, booking, manage_token.raw, now)
    booking_store.claim(booking, email.entry if email else None)
    notifications.booking_stored(subscription.site_id, email, now)
    return booking


def book_ahead(subscription: Subscription, now: datetime) -> Subscription:
    """Book the occurrences the subscription's state wants and flag those
    that are not free; returns the subscription as stored afterwards."""
    wanted = subscription.wanted()
    if not wanted:
        return subscription
    todo = [
        occurrence
        for occurrence in occurrences_through(subscription.recurrence, wanted.start, wanted.stop - 1)
        if occurrence.start > now and not subscription.handled(occurrence)
    ]
    if not todo:
        return subscription
    catalog = site_store.load_catalog(subscription.site_id, require_enabled=False)
    booked: list[str] = []
    conflicts: list[OccurrenceConflict] = []
    for occurrence in todo:
        keyed = booking_id(subscription.id, occurrence.key)
        if booking_store.get(subscription.site_id, keyed) is not None:
            booked.append(keyed)  # an earlier run booked it and died before noting it
            continue
        staff_id = slot_free(catalog, where_of(subscription), occurrence, now)
        try:
            if staff_id is None:
                raise booking_store.SlotTaken()
            token = tokens.issue(occurrence.end)
            book_occurrence(catalog, subscription, occurrence, BookingStatus.CONFIRMED, now, staff_id or None, token)
            booked.append(keyed)
        except booking_store.SlotTaken:
            if booking_store.get(subscription.site_id, keyed) is not None:
                booked.append(keyed)  # a run at the same moment booked it
                continue
            conflicts.append(OccurrenceConflict(occurrence.key, occurrence.start, now))
    return _note(subscription, booked, conflicts, now)


def _note(
    subscription: Subscription, booked: list[str], conflicts: list[OccurrenceConflict], now: datetime
) -> Subscription:
    from booking.services.subscriptions import emails

    def decide(stored: Subscription) -> Subscription:
        known = {c.key for c in stored.conflicts}
        return stored.with_changes(
            now,
            booking_ids=stored.booking_ids + tuple(b for b in booked if b not in stored.booking_ids),
            conflicts=stored.conflicts + tuple(c for c in conflicts if c.key not in known),
        )

    changed = subscription_store.change(subscription.site_id, subscription.id, decide)
    if changed is None:
        return subscription
    before, after = changed
    new_conflicts = [c for c in after.conflicts if c not in before.conflicts]
    for conflict in new_conflicts:
        emails.occurrence_not_free(after, conflict, now)
    return after


def release_after_paid_period(subscription: Subscription, now: datetime) -> Subscription:
    """Cancel the appointments from the end of the paid period on (the plan
    ended, or its last payment failed for good); those before stay."""
    paid_through = subscription.paid_through
    for keyed in subscription.booking_ids:
        booking = booking_store.get(subscription.site_id, keyed)
        if booking is None or not booking.holds_time:
            continue
        if paid_through is not None and booking.start < paid_through:
            continue
        try:
            booking_actions.apply(subscription.site_id, keyed, Action.CANCEL, "subscription", now)
        except Exception:
            log.exception("appointment %s/%s of an ended subscription not released", subscription.site_id, keyed)
            raise
    changed = subscription_store.change(
        subscription.site_id, subscription.id, lambda stored: stored.with_changes(now, released=True)
    )
    return changed[1] if changed else subscription


def due_for_release(subscription: Subscription, now: datetime) -> bool:
    """Ended, failed for good, or cancelling with its paid period over."""
    if subscription.released:
        return False
    if subscription.state is SubscriptionState.ENDED:
        return True
    paid_through = subscription.paid_through
    return subscription.state is SubscriptionState.CANCELLING and paid_through is not None and now >= paid_through


def reconcile(subscription: Subscription, now: datetime) -> Subscription:
    """Bring the appointments in line with the subscription's state."""
    if subscription.state is SubscriptionState.PENDING:
        return end_unpaid(subscription, now)
    if due_for_release(subscription, now):
        subscription = end_if_over(subscription, now)
        return release_after_paid_period(subscription, now)
    return book_ahead(subscription, now)


def end_unpaid(subscription: Subscription, now: datetime) -> Subscription:
    """A subscription whose Checkout ran out unpaid never started: it ends
    (its held first appointment expires with the other unpaid holds)."""
    if now < subscription.created_at + CHECKOUT_LIFETIME:
        return subscription
    changed = subscription_store.change(
        subscription.site_id,
        subscription.id,
        lambda stored: (
            stored.with_changes(now, state=SubscriptionState.ENDED, ended_at=now, released=True)
            if stored.state is SubscriptionState.PENDING
            else None
        ),
    )
    return changed[1] if changed else subscription


def end_if_over(subscription: Subscription, now: datetime) -> Subscription:
    """A cancelling plan whose paid period is over has ended and the client is
    told (Stripe's own `customer.subscription.deleted` may come later; it
    changes nothing then, and its e-mail is the same one, written once)."""
    from booking.services.subscriptions import emails

    if subscription.state is not SubscriptionState.CANCELLING:
        return subscription
    changed = subscription_store.change(
        subscription.site_id,
        subscription.id,
        lambda stored: (
            stored.with_changes(now, state=SubscriptionState.ENDED, ended_at=now)
            if stored.state is SubscriptionState.CANCELLING
            else None
        ),
    )
    if changed is None:
        return subscription
    emails.after_event(changed[0], changed[1], "ended", now)
    return changed[1]


def roll_forward(now: datetime) -> int:
    """The scheduled job: every running plan whose paid period is over gets
    its appointments reconciled; returns how many were looked at."""
    count = 0
    for site_id, subscription_id in list(subscription_store.due(now)):
        subscription = subscription_store.get(site_id, subscription_id)
        if subscription is None:
            continue
        reconcile(subscription, now)
        count += 1
    return count
