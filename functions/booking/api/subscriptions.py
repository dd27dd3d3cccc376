"""Callables of subscriptions: the widget's preview and subscribe, the
manage page's cancel (a POST with the link's token), the emulator's dev
checkout, and the admin's Subscriptions page (plans, subscribers, cancel)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from firebase_functions import https_fn

from booking.api import schemas, subscription_views
from booking.api.context import limit, now
from booking.api.errors import maps_domain_errors
from booking.api.public import PUBLIC_CORS
from booking.api.startup import on_call
from booking.config import RATE_LIMIT_BOOKINGS_PER_MINUTE, RATE_LIMIT_SLOTS_PER_MINUTE, dev_tools_enabled
from booking.domain.booking import Customer
from booking.domain.errors import AccessDenied

if TYPE_CHECKING:
    from booking.services.subscriptions.subscribe import SubscribeRequest

Request = https_fn.CallableRequest[Any]
WHERE = {"siteId", "planId", "start"}
WHERE_OPTIONAL = {"branchId", "staffId"}


def _request(data: Any, customer: bool) -> SubscribeRequest:
    from booking.services.subscriptions.subscribe import SubscribeRequest

    extra = {"customer"} if customer else set()
    data = schemas.fields(data, WHERE | extra, WHERE_OPTIONAL | ({"termsAccepted"} if customer else set()))
    return SubscribeRequest(
        site_id=str(schemas.identifier(data, "siteId")),
        plan_id=str(schemas.identifier(data, "planId")),
        branch_id=schemas.identifier(data, "branchId", optional=True),
        staff_id=schemas.identifier(data, "staffId", optional=True),
        start=schemas.instant(data, "start"),
        customer=schemas.customer(data["customer"]) if customer else Customer("", ""),
        terms_accepted=schemas.flag(data, "termsAccepted") if customer else False,
    )


@on_call(cors=PUBLIC_CORS)
@maps_domain_errors
def getPlans(request: Request) -> dict[str, Any]:  # noqa: N802 - public API name
    """The plans a visitor may subscribe to, for the widget's "Subscribe"."""
    from booking.services.subscriptions import subscribe

    site_id = schemas.site_id(request.data)
    limit(request, "slots", RATE_LIMIT_SLOTS_PER_MINUTE)
    return {"plans": [subscription_views.plan(plan) for plan in subscribe.open_plans(site_id)]}


@on_call(cors=PUBLIC_CORS)
@maps_domain_errors
def previewSubscription(request: Request) -> dict[str, Any]:  # noqa: N802 - public API name
    from booking.services.subscriptions import subscribe

    query = _request(request.data, customer=False)
    limit(request, "slots", RATE_LIMIT_SLOTS_PER_MINUTE)
    return subscription_views.preview(subscribe.preview(query, now()))


@on_call(cors=PUBLIC_CORS)
@maps_domain_errors
def subscribe(request: Request) -> dict[str, Any]:
    from booking.services.subscriptions import subscribe as subscribing

    wanted = _request(request.data, customer=True)
    admit = lambda: limit(request, "bookings", RATE_LIMIT_BOOKINGS_PER_MINUTE)  # noqa: E731
    return subscription_views.subscribed(subscribing.subscribe(wanted, now(), admit))


@on_call(cors=PUBLIC_CORS)
@maps_domain_errors
def cancelSubscription(request: Request) -> dict[str, Any]:  # noqa: N802
    from booking.services.subscriptions import cancel

    site_id, booking_id, token = schemas.cancel_request(request.data)
    limit(request, "bookings", RATE_LIMIT_BOOKINGS_PER_MINUTE)
    return subscription_views.subscription(cancel.cancel_by_client(site_id, booking_id, token, now()))


@on_call(cors=PUBLIC_CORS)
@maps_domain_errors
def getManagedSubscription(request: Request) -> dict[str, Any]:  # noqa: N802
    """The manage page of a subscription's appointment shows the plan."""
    from booking.services.subscriptions import cancel

    site_id, booking_id, token = schemas.cancel_request(request.data)
    limit(request, "slots", RATE_LIMIT_SLOTS_PER_MINUTE)
    return subscription_views.subscription(cancel.subscription_of_link(site_id, booking_id, token, now()))


@on_call(cors=PUBLIC_CORS)
@maps_domain_errors
def completeDevSubscription(request: Request) -> dict[str, Any]:  # noqa: N802
    """The Pay button of the emulator's stand-in Checkout for a subscription; refused when deployed."""
    if not dev_tools_enabled():
        raise AccessDenied("Only available in the emulator")
    from booking.services.subscriptions import dev_checkout

    site_id, booking_id, token = schemas.cancel_request(request.data)
    return subscription_views.subscription(dev_checkout.complete_dev_subscription(site_id, booking_id, token, now()))
