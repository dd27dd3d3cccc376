"""Callables of the Customers pages: the site's admins only."""

from __future__ import annotations

from typing import Any

from firebase_functions import https_fn

from booking.api.admin import customer_views as views
from booking.api.admin import customers_schema as schema
from booking.api.admin.schemas import site_of
from booking.api.auth import require_site_admin
from booking.api.errors import maps_domain_errors
from booking.api.startup import on_call
from booking.services.admin import customers

Request = https_fn.CallableRequest[Any]


@on_call()
@maps_domain_errors
def adminListCustomers(request: Request) -> dict[str, Any]:  # noqa: N802 - callable name
    require_site_admin(request, site_of(request.data))
    return views.customer_page(customers.list_customers(schema.customer_query(request.data)))


@on_call()
@maps_domain_errors
def adminGetCustomer(request: Request) -> dict[str, Any]:  # noqa: N802
    require_site_admin(request, site_of(request.data))
    site_id, customer_id, cursor = schema.customer_ref(request.data)
    return views.customer_detail(customers.get_customer(site_id, customer_id, cursor=cursor))


@on_call()
@maps_domain_errors
def adminUpdateCustomer(request: Request) -> dict[str, Any]:  # noqa: N802
    """Tags and notes; who the customer is and their consent are theirs."""
    require_site_admin(request, site_of(request.data))
    return views.customer_detail(customers.update_customer(*schema.customer_update(request.data)))


@on_call()
@maps_domain_errors
def adminMergeCustomers(request: Request) -> dict[str, Any]:  # noqa: N802
    """The same person under two addresses: `mergeId` joins `keepId`."""
    require_site_admin(request, site_of(request.data))
    return views.customer_detail(customers.merge_customers(*schema.customer_merge(request.data)))
