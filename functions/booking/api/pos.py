"""Callables of the POS register: staff (their site and branch, from the
staff session) and site admins (docs/pos.md, docs/api.md)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from firebase_functions import https_fn

from booking.api import pos_views, schemas
from booking.api.admin import schemas as admin_schemas
from booking.api.auth import require_site_admin
from booking.api.context import now
from booking.api.errors import maps_domain_errors
from booking.api.startup import on_call
from booking.domain.errors import InvalidInput
from booking.domain.sale import Method, parse_discount

# The use cases are imported by the callables that run them, not at module
# load: every cold start of every function imports this module.

QUOTE_FIELDS = {"bookingId", "extras", "discount", "branchId"}
SALE_FIELDS = QUOTE_FIELDS | {"cardCents", "cashReceivedCents", "readerId"}


def _seller(request: https_fn.CallableRequest[Any], admin: bool) -> Any:
    """The seller: a staff session (its site and branch), or a site's admin."""
    from booking.services.pos.sales import Seller
    from booking.services.staff import session as staff_session

    if admin:
        site_id = admin_schemas.site_of(request.data)
        who = require_site_admin(request, site_id)
        return Seller(site_id, who.label)
    session = staff_session.session_from_claims(request.auth.token if request.auth else None, now())
    return Seller(session.site_id, session.name, session.branch_id)


def _request(data: Mapping[str, Any], sale_id: str = "", method: Method = Method.CASH) -> Any:
    from booking.services.pos.sales import SaleRequest, parse_extras

    def cents(key: str) -> int:
        value = data.get(key, 0)
        if isinstance(value, bool) or not isinstance(value, int):
            raise InvalidInput(key, "must be a whole number of cents")
        return value

    return SaleRequest(
        sale_id=sale_id,
        method=method,
        booking_id=schemas.identifier(data, "bookingId", optional=True),
        extras=parse_extras(data.get("extras")),
        discount=parse_discount(data.get("discount")),
        card_cents=cents("cardCents"),
        cash_received_cents=cents("cashReceivedCents"),
        reader_id=schemas.identifier(data, "readerId", optional=True),
        branch_id=schemas.identifier(data, "branchId", optional=True),
    )


def _method(data: Mapping[str, Any]) -> Method:
    try:
        return Method(str(data.get("method")))
    except ValueError:
        raise InvalidInput("method", "must be 'card', 'cash' or 'split'") from None


def _fields(request: https_fn.CallableRequest[Any], admin: bool, required: set[str], optional: set[str]) -> Any:
    return schemas.fields(request.data, required | ({"siteId"} if admin else set()), optional)


def quote(request: https_fn.CallableRequest[Any], admin: bool) -> dict[str, Any]:
    from booking.services.pos import sales

    seller = _seller(request, admin)
    data = _fields(request, admin, set(), QUOTE_FIELDS)
    return pos_views.quote_view(sales.quote(seller, _request(data)))


def sell(request: https_fn.CallableRequest[Any], admin: bool) -> dict[str, Any]:
    from booking.services.pos import receipts, sales

    seller = _seller(request, admin)
    data = _fields(request, admin, {"saleId", "method"}, SALE_FIELDS)
    sale_id = schemas.identifier(data, "saleId") or ""
    sale = sales.sell(seller, _request(data, sale_id, _method(data)), now())
    return pos_views.sale_view(sale, receipts.receipt_of(sale))


def status(request: https_fn.CallableRequest[Any], admin: bool) -> dict[str, Any]:
    from booking.services.pos import receipts, sales

    seller = _seller(request, admin)
    data = _fields(request, admin, {"saleId"}, set())
    sale = sales.refresh(seller, schemas.identifier(data, "saleId") or "", now())
    return pos_views.sale_view(sale, receipts.receipt_of(sale))


@on_call()
@maps_domain_errors
def staffPosQuote(request: https_fn.CallableRequest[Any]) -> dict[str, Any]:  # noqa: N802 - API name
    """The lines and totals of a checkout, before payment."""
    return quote(request, admin=False)


@on_call()
@maps_domain_errors
def staffPosSale(request: https_fn.CallableRequest[Any]) -> dict[str, Any]:  # noqa: N802
    """Take payment: cash settles at once, a card part starts at the reader."""
    return sell(request, admin=False)


@on_call()
@maps_domain_errors
def staffPosSaleStatus(request: https_fn.CallableRequest[Any]) -> dict[str, Any]:  # noqa: N802
    """A sale as it stands; asks the reader about a card part still waiting."""
    return status(request, admin=False)


@on_call()
@maps_domain_errors
def staffPosSetup(request: https_fn.CallableRequest[Any]) -> dict[str, Any]:  # noqa: N802
    """Whether the register is on, its readers and the prices of extra lines."""
    from booking.services.pos import settings

    seller = _seller(request, admin=False)
    schemas.fields(request.data or {}, set())
    return pos_views.desk_setup_view(settings.desk_setup(seller.site_id))


@on_call()
@maps_domain_errors
def staffPosEmailReceipt(request: https_fn.CallableRequest[Any]) -> dict[str, Any]:  # noqa: N802
    """E-mail the receipt of a paid sale to the client (once per address)."""
    from booking.services.pos import receipt_email, receipts

    seller = _seller(request, admin=False)
    data = schemas.fields(request.data, {"saleId"}, {"email"})
    to = schemas.matching(data, "email", 254, schemas.EMAIL_PATTERN, "must be a valid e-mail address")
    sale = receipt_email.send(seller, schemas.identifier(data, "saleId") or "", to, now())
    return pos_views.sale_view(sale, receipts.receipt_of(sale))
