"""Plans as admins make them: each a Stripe Product with a recurring Price;
a price change makes a new Price for new subscribers, and the old one stays
with those who have it. On a site with Connect both live on the connected
account. The admin's Subscriptions page lists plans with their subscribers."""

from __future__ import annotations

import dataclasses
import secrets
from dataclasses import dataclass
from datetime import datetime

from booking.adapters import payments_store, site_store, stripe_gateway, subscription_store
from booking.adapters.stripe_billing import PriceRequest, ProductRequest
from booking.domain.errors import Conflict, NotFound
from booking.domain.subscription_record import Subscription
from booking.domain.subscriptions import Plan, validate_plan


@dataclass(frozen=True)
class PlanInput:
    site_id: str
    plan_id: str | None
    """None makes a new plan."""
    name: str
    frequency: str
    price_cents: int
    service_id: str
    appointments_per_period: int = 1


def save_plan(request: PlanInput, now: datetime) -> Plan:
    """Create or edit a plan; its Stripe Product and Price follow."""
    frequency = validate_plan(request.name, request.frequency, request.price_cents, request.appointments_per_period)
    catalog = site_store.load_catalog(request.site_id, require_enabled=False)
    catalog.service(request.service_id)  # NotFound for an unknown service
    stored = subscription_store.plan(request.site_id, request.plan_id) if request.plan_id else None
    if request.plan_id and stored is None:
        raise NotFound("Plan not found")
    before, version = stored or (None, 0)
    if before is not None and before.frequency is not frequency and _has_subscribers(request.site_id, before.id):
        raise Conflict("The frequency of a plan with subscribers can't change: make a new plan")
    plan = Plan(
        id=before.id if before else f"plan-{secrets.token_hex(5)}",
        name=request.name.strip(),
        frequency=frequency,
        price_cents=request.price_cents,
        currency=catalog.site.currency,
        service_id=request.service_id,
        appointments_per_period=request.appointments_per_period,
        archived=before.archived if before else False,
        stripe_product_id=before.stripe_product_id if before else None,
        stripe_price_id=before.stripe_price_id if before else None,
    )
    gateway = stripe_gateway.gateway()
    account = payments_store.private_config(request.site_id).connected_account_id
    if plan.stripe_product_id is None:
        product = gateway.create_product(ProductRequest(request.site_id, plan.id, plan.name, account))
        plan = dataclasses.replace(plan, stripe_product_id=product)
    price_changed = before is None or (before.price_cents, before.frequency) != (plan.price_cents, plan.frequency)
    if price_changed or plan.stripe_price_id is None:
        version += 1
        assert plan.stripe_product_id is not None
        price = gateway.create_price(
            PriceRequest(
                request.site_id,
                plan.id,
                plan.stripe_product_id,
                plan.price_cents,
                plan.currency,
                plan.frequency.value,
                version,
                account,
            )
        )
        plan = dataclasses.replace(plan, stripe_price_id=price)
    subscription_store.save_plan(request.site_id, plan, version, now, created=before is None)
    return plan


def archive_plan(site_id: str, plan_id: str, archived: bool, now: datetime) -> Plan:
    """An archived plan takes no new subscribers; its subscribers keep theirs."""
    found = subscription_store.plan(site_id, plan_id)
    if found is None:
        raise NotFound("Plan not found")
    plan, version = found
    plan = dataclasses.replace(plan, archived=archived)
    subscription_store.save_plan(site_id, plan, version, now, created=False)
    return plan


def _has_subscribers(site_id: str, plan_id: str) -> bool:
    return any(subscription.plan_id == plan_id for subscription in subscription_store.of_site(site_id))


@dataclass(frozen=True)
class PlanListing:
    plan: Plan
    subscribers: tuple[Subscription, ...]


def overview(site_id: str) -> list[PlanListing]:
    """Every plan with its subscribers, newest first."""
    subscriptions = subscription_store.of_site(site_id)
    return [
        PlanListing(plan, tuple(s for s in subscriptions if s.plan_id == plan.id))
        for plan in subscription_store.plans(site_id)
    ]
