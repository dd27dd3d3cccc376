"""The CSV export of customers: an `on_request` function (the file streams
as it is written), so it checks the admin's ID token itself.

GET /api/exportCustomers?siteId=…&segment=vip|win-back|regulars|opted-in|custom[&the list's filters]
with `Authorization: Bearer <ID token>`.
"""

from __future__ import annotations

import json
from typing import Any

from firebase_functions import https_fn
from flask import Request, Response, stream_with_context

from booking.adapters import firebase_auth
from booking.api.admin import customers_schema
from booking.api.admin.schemas import one_of, site_of
from booking.api.auth import admin_of_claims
from booking.api.context import now
from booking.domain.errors import AccessDenied, DomainError, InvalidInput, NotFound, Unauthenticated
from booking.domain.segments import Segment
from booking.services.admin import customer_export

STATUS = {Unauthenticated: 401, AccessDenied: 403, NotFound: 404, InvalidInput: 400}


def _refusal(error: DomainError) -> Response:
    status = next((code for kind, code in STATUS.items() if isinstance(error, kind)), 400)
    body: dict[str, Any] = {"error": {"message": str(error)}}
    if isinstance(error, InvalidInput):
        body["error"] |= {"field": error.field, "problem": error.problem}
    return Response(json.dumps(body), status=status, mimetype="application/json")


def _query(args: Any) -> dict[str, Any]:
    """The query string as the list's JSON would have it (numbers as numbers)."""
    data: dict[str, Any] = {key: args.get(key) for key in args}
    if data.get("minNoShows", "").isdigit():
        data["minNoShows"] = int(data["minNoShows"])
    return data


@https_fn.on_request()
def exportCustomers(request: Request) -> Response:  # noqa: N802 - function name
    if request.method != "GET":
        return Response(json.dumps({"error": {"message": "GET only"}}), status=405, mimetype="application/json")
    try:
        header = request.headers.get("Authorization", "")
        claims = firebase_auth.verify_id_token(header[7:]) if header.startswith("Bearer ") else None
        if claims is None:
            raise Unauthenticated("Sign in as an admin of this site")
        data = _query(request.args)
        site_id = site_of(data)
        admin_of_claims(str(claims.get("uid") or claims.get("sub") or ""), claims, site_id)
        segment = Segment(one_of(data, "segment", "", tuple(s.value for s in Segment)))
        filters = {key: value for key, value in data.items() if key in customers_schema.FILTERS}
        queries = customer_export.plans(site_id, segment, customers_schema.customer_filter(filters), now())
    except DomainError as error:
        return _refusal(error)
    return Response(
        stream_with_context(customer_export.lines(site_id, queries)),
        mimetype="text/csv",
        headers={
            "Content-Type": "text/csv; charset=utf-8",
            "Content-Disposition": f'attachment; filename="customers-{segment.value}.csv"',
            "Cache-Control": "no-store",
        },
    )
