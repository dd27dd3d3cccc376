"""A visitor subscribes: the recurrence and the dates that are not free are
shown first (`preview`), then the first appointment is held as
`pending_payment` for 30 minutes, like any deposit booking, while Stripe
Checkout in subscription mode collects the payment (`subscribe`)."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from booking.adapters import booking_store, payments_store, site_store, stripe_gateway, subscription_store
from booking.adapters.email import app_url
from booking.adapters.stripe_billing import SubscriptionCheckoutRequest
from booking.adapters.stripe_gateway import PaymentsUnavailable
from booking.config import PLATFORM_FEE_PERCENT
from booking.domain import tokens
from booking.domain.availability import find_slot
from booking.domain.booking import PAYMENT_HOLD, Customer
from booking.domain.catalog import Catalog
from booking.domain.errors import InvalidInput, NotFound, SlotUnavailable
from booking.domain.model import BookingStatus
from booking.domain.payments import fee_percent
from booking.domain.record import BookingRecord
from booking.domain.subscription_record import Subscription, booking_id
from booking.domain.subscriptions import (
    Occurrence,
    Plan,
    Recurrence,
    SubscriptionState,
    occurrences,
    occurrences_through,
)
from booking.domain.transitions import Action
from booking.services import booking_actions
from booking.services.public_booking import availability_request, days_window
from booking.services.subscriptions import ahead

SESSION_MARGIN = timedelta(minutes=1)


@dataclass(frozen=True)
class SubscribeRequest:
    site_id: str
    plan_id: str
    branch_id: str | None
    staff_id: str | None
    start: datetime
    customer: Customer = field(default_factory=lambda: Customer("", ""))
    terms_accepted: bool = False


@dataclass(frozen=True)
class Preview:
    plan: Plan
    recurrence: Recurrence
    upcoming: tuple[tuple[Occurrence, bool], ...]
    """The first two periods' appointments after the first, each with
    whether it is free now (those that are not will be flagged)."""


@dataclass(frozen=True)
class Subscribed:
    subscription: Subscription
    booking: BookingRecord
    manage_token: str
    checkout_url: str
    preview: Preview


def open_plan(catalog: Catalog, plan_id: str) -> Plan:
    plan = subscription_store.require_plan(catalog.site.id, plan_id)
    if plan.archived or not plan.stripe_price_id:
        raise NotFound("Plan not found")
    return plan


def open_plans(site_id: str) -> list[Plan]:
    """The plans of an enabled site that take subscribers, for services it offers online."""
    catalog = site_store.load_catalog(site_id)
    offered = {service.id for service in catalog.bookable_services()}
    return [
        plan
        for plan in subscription_store.plans(site_id)
        if not plan.archived and plan.stripe_price_id and plan.service_id in offered
    ]


def recurrence_for(catalog: Catalog, plan: Plan, branch_id: str | None, start: datetime) -> Recurrence:
    branch = catalog.branch(branch_id)
    local = start.astimezone(ZoneInfo(catalog.timezone_of(branch)))
    return Recurrence(
        frequency=plan.frequency,
        anchor_date=local.date(),
        anchor_time=local.time().replace(second=0, microsecond=0),
        timezone=catalog.timezone_of(branch),
        duration_minutes=catalog.service(plan.service_id).duration_minutes,
        per_period=plan.appointments_per_period,
    )


def _preview(catalog: Catalog, plan: Plan, where: ahead.Where, recurrence: Recurrence, now: datetime) -> Preview:
    later = [o for o in occurrences_through(recurrence, 0, 1) if o.key != "p0-0"]
    return Preview(plan, recurrence, tuple((o, ahead.slot_free(catalog, where, o, now) is not None) for o in later))


def preview(request: SubscribeRequest, now: datetime) -> Preview:
    """What the widget shows before paying: the recurrence and which of the
    coming dates are not free."""
    catalog = site_store.load_catalog(request.site_id)
    plan = open_plan(catalog, request.plan_id)
    if request.staff_id:
        catalog.staff_member(request.staff_id)
    where = ahead.Where(request.site_id, plan.service_id, request.branch_id, request.staff_id)
    return _preview(catalog, plan, where, recurrence_for(catalog, plan, request.branch_id, request.start), now)


def subscribe(request: SubscribeRequest, now: datetime, admit: Callable[[], None] = lambda: None) -> Subscribed:
    """Hold the first appointment and open Checkout in subscription mode."""
    utc_day = request.start.astimezone(UTC).date()
    catalog, busy = site_store.load_with_busy(request.site_id, request.staff_id, *days_window(utc_day, utc_day))
    plan = open_plan(catalog, request.plan_id)
    service, branch = catalog.service(plan.service_id), catalog.branch(request.branch_id)
    if request.staff_id:
        catalog.staff_member(request.staff_id)
    if catalog.site.terms.required and not request.terms_accepted:
        raise InvalidInput("termsAccepted", "the terms and conditions must be accepted")
    admit()
    recurrence = recurrence_for(catalog, plan, request.branch_id, request.start)
    local_day = recurrence.anchor_date
    availability = availability_request(catalog, busy, service, branch, request.staff_id, local_day, local_day, now)
    slot = find_slot(availability, request.start)
    if slot is None:
        raise SlotUnavailable()
    first = occurrences(recurrence, 0)[0]
    subscription_id = f"sub-{secrets.token_hex(8)}"
    token = tokens.issue(first.end)
    candidates: list[str | None] = list(slot.staff_ids) or [None]
    for staff_id in candidates:
        subscription = Subscription(
            id=subscription_id,
            site_id=request.site_id,
            plan_id=plan.id,
            plan_name=plan.name,
            price_id=plan.stripe_price_id or "",
            price_cents=plan.price_cents,
            currency=plan.currency,
            service_id=plan.service_id,
            branch_id=branch.id if branch else None,
            staff_id=staff_id,
            customer=request.customer,
            recurrence=recurrence,
            state=SubscriptionState.PENDING,
            created_at=now,
            updated_at=now,
            booking_ids=(booking_id(subscription_id, first.key),),
        )
        try:
            booking = ahead.book_occurrence(
                catalog, subscription, first, BookingStatus.PENDING_PAYMENT, now, staff_id, token
            )
        except booking_store.SlotTaken:
            continue
        break
    else:
        raise SlotUnavailable()
    subscription_store.create(subscription)
    subscription = _open_checkout(subscription, booking, token.raw, now)
    preview_ = _preview(catalog, plan, ahead.where_of(subscription), recurrence, now)
    return Subscribed(subscription, booking, token.raw, subscription.checkout_url or "", preview_)


def _open_checkout(
    subscription: Subscription, booking: BookingRecord, manage_token: str, now: datetime
) -> Subscription:
    """Checkout in subscription mode; if Stripe can't be reached, the held
    appointment is released at once and the subscription ends unstarted."""
    try:
        gateway = stripe_gateway.gateway()
        config = payments_store.private_config(subscription.site_id)
        account = config.connected_account_id
        base = app_url()
        manage = f"{base}/manage?{urlencode({'site': subscription.site_id, 'booking': booking.id})}"
        dev = urlencode({"site": subscription.site_id, "booking": booking.id, "subscription": subscription.id})
        checkout = gateway.create_subscription_checkout(
            SubscriptionCheckoutRequest(
                site_id=subscription.site_id,
                subscription_id=subscription.id,
                booking_id=booking.id,
                price_id=subscription.price_id,
                customer_email=subscription.customer.email,
                success_url=f"{manage}&subscribed=1#token={manage_token}",
                cancel_url=f"{manage}#token={manage_token}",
                expires_at=now + PAYMENT_HOLD + SESSION_MARGIN,
                dev_page_url=f"{base}/payment/dev-checkout?{dev}#manage={manage_token}",
                connected_account=account,
                application_fee_percent=str(fee_percent(config, PLATFORM_FEE_PERCENT.value)) if account else None,
            )
        )
    except PaymentsUnavailable:
        booking_actions.apply(subscription.site_id, booking.id, Action.CANCEL, "system", now)
        subscription_store.change(
            subscription.site_id,
            subscription.id,
            lambda stored: stored.with_changes(now, state=SubscriptionState.ENDED, ended_at=now, released=True),
        )
        raise
    changed = subscription_store.change(
        subscription.site_id,
        subscription.id,
        lambda stored: stored.with_changes(
            now,
            checkout_session_id=checkout.session_id,
            checkout_url=checkout.url,
            mode=gateway.mode,
            connected_account_id=account,
        ),
    )
    return changed[1] if changed else subscription
