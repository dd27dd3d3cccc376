"""Firestore side of subscriptions: plans (`sites/{site}/subscriptionPlans`),
subscriptions (`sites/{site}/subscriptions`), and the exactly-once
processing of Stripe Billing events (the event's record commits with the
change it causes, and with the invoice's payment record)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime

from google.cloud import firestore
from google.cloud.firestore_v1.base_query import FieldFilter

from booking.adapters import payments_store
from booking.adapters import subscription_mapper as mapper
from booking.adapters.firestore_client import db, due_in_sites, site_ref
from booking.domain.errors import NotFound
from booking.domain.payment_record import PaymentRecord
from booking.domain.subscription_record import Subscription
from booking.domain.subscriptions import Plan

TRANSACTION_ATTEMPTS = 10


def _plans(site_id: str) -> firestore.CollectionReference:
    collection: firestore.CollectionReference = site_ref(site_id).collection("subscriptionPlans")
    return collection


def _subscriptions(site_id: str) -> firestore.CollectionReference:
    collection: firestore.CollectionReference = site_ref(site_id).collection("subscriptions")
    return collection


# Plans


def plan(site_id: str, plan_id: str) -> tuple[Plan, int] | None:
    """The plan and how many Prices it has had."""
    snapshot = _plans(site_id).document(plan_id).get()
    if not snapshot.exists:
        return None
    doc = snapshot.to_dict() or {}
    return mapper.plan_from(plan_id, doc), int(doc.get("priceVersion") or 0)


def require_plan(site_id: str, plan_id: str) -> Plan:
    found = plan(site_id, plan_id)
    if found is None:
        raise NotFound("Plan not found")
    return found[0]


def plans(site_id: str) -> list[Plan]:
    found = [mapper.plan_from(s.id, s.to_dict() or {}) for s in _plans(site_id).stream()]
    return sorted(found, key=lambda item: item.name.lower())


def save_plan(site_id: str, saved: Plan, price_version: int, now: datetime, created: bool) -> None:
    doc = mapper.plan_doc(saved, price_version, now)
    if created:
        _plans(site_id).document(saved.id).create({**doc, "createdAt": now})
    else:
        _plans(site_id).document(saved.id).update(doc)


# Subscriptions


def create(subscription: Subscription) -> None:
    _subscriptions(subscription.site_id).document(subscription.id).create(mapper.subscription_doc(subscription))


def get(site_id: str, subscription_id: str, transaction: firestore.Transaction | None = None) -> Subscription | None:
    snapshot = _subscriptions(site_id).document(subscription_id).get(transaction=transaction)
    if not snapshot.exists:
        return None
    return mapper.subscription_from(subscription_id, site_id, snapshot.to_dict() or {})


def require(site_id: str, subscription_id: str) -> Subscription:
    found = get(site_id, subscription_id)
    if found is None:
        raise NotFound("Subscription not found")
    return found


def of_site(site_id: str, limit: int = 500) -> list[Subscription]:
    query = _subscriptions(site_id).order_by("createdAt", direction=firestore.Query.DESCENDING).limit(limit)
    return [mapper.subscription_from(s.id, site_id, s.to_dict() or {}) for s in query.stream()]


def by_stripe_id(site_id: str, stripe_subscription_id: str) -> Subscription | None:
    query = _subscriptions(site_id).where(filter=FieldFilter("stripeSubscriptionId", "==", stripe_subscription_id))
    for snapshot in query.limit(1).stream():
        return mapper.subscription_from(snapshot.id, site_id, snapshot.to_dict() or {})
    return None


def due(now: datetime, limit: int = 100) -> Iterator[tuple[str, str]]:
    """(site id, subscription id) of running plans whose paid period is over."""
    return due_in_sites("subscriptions", now, limit, field="nextCheckAt")


Change = Callable[[Subscription], Subscription | None]


def change(site_id: str, subscription_id: str, decide: Change) -> tuple[Subscription, Subscription] | None:
    """Read the subscription and write what `decide` makes of it, in one
    transaction; None when `decide` changes nothing (or it is missing)."""
    ref = _subscriptions(site_id).document(subscription_id)

    @firestore.transactional
    def run(transaction: firestore.Transaction) -> tuple[Subscription, Subscription] | None:
        before = get(site_id, subscription_id, transaction)
        after = decide(before) if before is not None else None
        if before is None or after is None or after == before:
            return None
        transaction.set(ref, mapper.subscription_doc(after))
        return before, after

    result: tuple[Subscription, Subscription] | None = run(db().transaction(max_attempts=TRANSACTION_ATTEMPTS))
    return result


@dataclass(frozen=True)
class EventPlan:
    """What one Billing event does to its subscription."""

    outcome: str
    subscription: Subscription | None = None
    """The subscription as the event leaves it (None: unchanged)."""
    records: Sequence[PaymentRecord] = ()
    """New payment records (a paid invoice)."""


def apply_event(
    event_id: str,
    event_type: str,
    site_id: str,
    subscription_id: str,
    decide: Callable[[Subscription | None], EventPlan],
    now: datetime,
) -> tuple[EventPlan, Subscription | None] | None:
    """Run `decide` on the stored subscription and write its plan with
    `stripeEvents/{event_id}` in one transaction; None when the event was
    processed before. Returns the plan and the subscription as it was."""
    event_ref = db().collection("stripeEvents").document(event_id)
    ref = _subscriptions(site_id).document(subscription_id)

    @firestore.transactional
    def run(transaction: firestore.Transaction) -> tuple[EventPlan, Subscription | None] | None:
        if event_ref.get(transaction=transaction).exists:
            return None
        before = get(site_id, subscription_id, transaction)
        plan_ = decide(before)
        if plan_.subscription is not None and plan_.subscription != before:
            transaction.set(ref, mapper.subscription_doc(plan_.subscription))
        payments_store.add_records(transaction, site_id, plan_.records)
        transaction.set(
            event_ref,
            {
                "type": event_type,
                "siteId": site_id,
                "subscriptionId": subscription_id,
                "outcome": plan_.outcome,
                "processedAt": now,
                "expiresAt": now + payments_store.EVENT_RETENTION,
            },
        )
        return plan_, before

    result: tuple[EventPlan, Subscription | None] | None = run(db().transaction(max_attempts=TRANSACTION_ATTEMPTS))
    return result
