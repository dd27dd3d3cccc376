"""The admin's Booking -> Subscriptions page: plans (create, edit, archive)
and the subscribers of each, whom an admin may cancel."""

from __future__ import annotations

from typing import Any

from firebase_functions import https_fn

from booking.api import schemas, subscription_views
from booking.api.admin.schemas import site_of
from booking.api.auth import require_site_admin
from booking.api.context import now
from booking.api.errors import maps_domain_errors
from booking.api.startup import on_call
from booking.domain.errors import InvalidInput

Request = https_fn.CallableRequest[Any]


@on_call()
@maps_domain_errors
def adminListSubscriptions(request: Request) -> dict[str, Any]:  # noqa: N802 - callable name
    from booking.services.subscriptions import plans

    require_site_admin(request, site_of(request.data))
    data = schemas.fields(request.data, {"siteId"})
    return subscription_views.overview(plans.overview(str(data["siteId"])))


@on_call()
@maps_domain_errors
def adminSavePlan(request: Request) -> dict[str, Any]:  # noqa: N802
    from booking.services.subscriptions import plans

    require_site_admin(request, site_of(request.data))
    data = schemas.fields(
        request.data, {"siteId", "name", "frequency", "priceCents", "serviceId"}, {"planId", "appointmentsPerPeriod"}
    )
    price, per_period = data["priceCents"], data.get("appointmentsPerPeriod", 1)
    for key, value in (("priceCents", price), ("appointmentsPerPeriod", per_period)):
        if not isinstance(value, int) or isinstance(value, bool):
            raise InvalidInput(key, "must be a whole number")
    saved = plans.save_plan(
        plans.PlanInput(
            site_id=str(data["siteId"]),
            plan_id=schemas.identifier(data, "planId", optional=True),
            name=schemas.text(data, "name", 80, required=True),
            frequency=str(data["frequency"]),
            price_cents=price,
            service_id=str(schemas.identifier(data, "serviceId")),
            appointments_per_period=per_period,
        ),
        now(),
    )
    return subscription_views.plan(saved)


@on_call()
@maps_domain_errors
def adminArchivePlan(request: Request) -> dict[str, Any]:  # noqa: N802
    from booking.services.subscriptions import plans

    require_site_admin(request, site_of(request.data))
    data = schemas.fields(request.data, {"siteId", "planId"}, {"archived"})
    archived = schemas.flag(data, "archived") if "archived" in data else True
    plan = plans.archive_plan(str(data["siteId"]), str(schemas.identifier(data, "planId")), archived, now())
    return subscription_views.plan(plan)


@on_call()
@maps_domain_errors
def adminCancelSubscription(request: Request) -> dict[str, Any]:  # noqa: N802
    from booking.services.subscriptions import cancel

    require_site_admin(request, site_of(request.data))
    data = schemas.fields(request.data, {"siteId", "subscriptionId"})
    cancelled = cancel.cancel_by_admin(str(data["siteId"]), str(schemas.identifier(data, "subscriptionId")), now())
    return subscription_views.subscription(cancelled)
