"""How plans and subscriptions are laid out in Firestore (docs/data-model.md)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import Any

from booking.domain.booking import Customer
from booking.domain.subscription_record import OccurrenceConflict, Subscription
from booking.domain.subscriptions import CHECKOUT_LIFETIME, Frequency, Plan, Recurrence, SubscriptionState

Doc = dict[str, Any]


def plan_from(plan_id: str, doc: Doc) -> Plan:
    return Plan(
        id=plan_id,
        name=doc.get("name", ""),
        frequency=Frequency(doc.get("frequency", Frequency.MONTHLY.value)),
        price_cents=int(doc.get("priceCents") or 0),
        currency=doc.get("currency", "EUR"),
        service_id=doc.get("serviceId", ""),
        appointments_per_period=int(doc.get("appointmentsPerPeriod") or 1),
        archived=bool(doc.get("archived")),
        stripe_product_id=doc.get("stripeProductId"),
        stripe_price_id=doc.get("stripePriceId"),
    )


def plan_doc(plan: Plan, price_version: int, now: datetime) -> Doc:
    return {
        "name": plan.name,
        "frequency": plan.frequency.value,
        "priceCents": plan.price_cents,
        "currency": plan.currency,
        "serviceId": plan.service_id,
        "appointmentsPerPeriod": plan.appointments_per_period,
        "archived": plan.archived,
        "stripeProductId": plan.stripe_product_id,
        "stripePriceId": plan.stripe_price_id,
        "priceVersion": price_version,
        "updatedAt": now,
    }


def subscription_from(subscription_id: str, site_id: str, doc: Doc) -> Subscription:
    customer, recurrence = doc.get("customer") or {}, doc.get("recurrence") or {}
    return Subscription(
        id=subscription_id,
        site_id=site_id,
        plan_id=doc.get("planId", ""),
        plan_name=doc.get("planName", ""),
        price_id=doc.get("priceId", ""),
        price_cents=int(doc.get("priceCents") or 0),
        currency=doc.get("currency", "EUR"),
        service_id=doc.get("serviceId", ""),
        branch_id=doc.get("branchId"),
        staff_id=doc.get("staffId"),
        customer=Customer(customer.get("name", ""), customer.get("email", ""), customer.get("phone", "")),
        recurrence=Recurrence(
            frequency=Frequency(recurrence.get("frequency", Frequency.MONTHLY.value)),
            anchor_date=date.fromisoformat(recurrence.get("anchorDate", "1970-01-01")),
            anchor_time=time.fromisoformat(recurrence.get("anchorTime", "00:00")),
            timezone=recurrence.get("timezone", "UTC"),
            duration_minutes=int(recurrence.get("durationMinutes") or 0),
            per_period=int(recurrence.get("perPeriod") or 1),
        ),
        state=SubscriptionState(doc.get("state", SubscriptionState.PENDING.value)),
        created_at=doc.get("createdAt") or datetime.fromtimestamp(0, UTC),
        updated_at=doc.get("updatedAt") or datetime.fromtimestamp(0, UTC),
        mode=doc.get("mode", "test"),
        checkout_session_id=doc.get("checkoutSessionId"),
        checkout_url=doc.get("checkoutUrl"),
        stripe_subscription_id=doc.get("stripeSubscriptionId"),
        stripe_customer_id=doc.get("stripeCustomerId"),
        connected_account_id=doc.get("connectedAccountId"),
        paid_invoices=tuple(doc.get("paidInvoices") or ()),
        cancel_at_period_end=bool(doc.get("cancelAtPeriodEnd")),
        payment_failed_at=doc.get("paymentFailedAt"),
        released=bool(doc.get("released")),
        next_billing_at=doc.get("nextBillingAt"),
        booking_ids=tuple(doc.get("bookingIds") or ()),
        conflicts=tuple(
            OccurrenceConflict(item["key"], item["start"], item["noticedAt"]) for item in doc.get("conflicts") or ()
        ),
        ended_at=doc.get("endedAt"),
    )


def _unpaid_until(subscription: Subscription) -> datetime | None:
    if subscription.state is not SubscriptionState.PENDING:
        return None
    return subscription.created_at + CHECKOUT_LIFETIME


RUNNING = (SubscriptionState.ACTIVE, SubscriptionState.PAST_DUE, SubscriptionState.CANCELLING)


def subscription_doc(subscription: Subscription) -> Doc:
    recurrence = subscription.recurrence
    running = subscription.state in RUNNING
    return {
        "planId": subscription.plan_id,
        "planName": subscription.plan_name,
        "priceId": subscription.price_id,
        "priceCents": subscription.price_cents,
        "currency": subscription.currency,
        "serviceId": subscription.service_id,
        "branchId": subscription.branch_id,
        "staffId": subscription.staff_id,
        "customer": {
            "name": subscription.customer.name,
            "email": subscription.customer.email,
            "phone": subscription.customer.phone,
        },
        "recurrence": {
            "frequency": recurrence.frequency.value,
            "anchorDate": recurrence.anchor_date.isoformat(),
            "anchorTime": recurrence.anchor_time.strftime("%H:%M"),
            "timezone": recurrence.timezone,
            "durationMinutes": recurrence.duration_minutes,
            "perPeriod": recurrence.per_period,
        },
        "state": subscription.state.value,
        "createdAt": subscription.created_at,
        "updatedAt": subscription.updated_at,
        "mode": subscription.mode,
        "checkoutSessionId": subscription.checkout_session_id,
        "checkoutUrl": subscription.checkout_url,
        "stripeSubscriptionId": subscription.stripe_subscription_id,
        "stripeCustomerId": subscription.stripe_customer_id,
        "connectedAccountId": subscription.connected_account_id,
        "paidInvoices": list(subscription.paid_invoices),
        "cancelAtPeriodEnd": subscription.cancel_at_period_end,
        "paymentFailedAt": subscription.payment_failed_at,
        "released": subscription.released,
        "nextBillingAt": subscription.next_billing_at,
        "bookingIds": list(subscription.booking_ids),
        "conflicts": [{"key": c.key, "start": c.start, "noticedAt": c.noticed_at} for c in subscription.conflicts],
        "endedAt": subscription.ended_at,
        # The roll-forward job's query: running plans at the end of their paid
        # period, unpaid ones when their Checkout has run out.
        "nextCheckAt": subscription.paid_through if running else _unpaid_until(subscription),
    }
