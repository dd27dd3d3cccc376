"""Events from outside a user's request: Stripe's webhooks, and the payment
records whose creation starts a charge or a refund.

Stripe signs every delivery; anything else is refused before it is read.
Deliveries come late, twice or out of order: the use case copes with all.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from firebase_functions import firestore_fn, https_fn
from flask import Request, Response
from google.cloud.firestore_v1 import DocumentSnapshot

from booking.api.context import now
from booking.config import (
    CALENDAR_SYNC_KEY,
    GOOGLE_CLIENT_SECRET,
    SENDGRID_API_KEY,
    STRIPE_SECRET_KEY,
    STRIPE_WEBHOOK_SECRET,
)
from booking.domain.payments import PaymentKind, PaymentStatus

# What the functions run is imported by them, not at module load: every cold
# start of every function imports this module.

log = logging.getLogger(__name__)


def _reply(status: int, body: dict[str, object]) -> Response:
    return Response(json.dumps(body), status=status, mimetype="application/json")


@https_fn.on_request(
    secrets=[STRIPE_WEBHOOK_SECRET, STRIPE_SECRET_KEY, SENDGRID_API_KEY, CALENDAR_SYNC_KEY, GOOGLE_CLIENT_SECRET]
)
def stripeWebhook(request: Request) -> Response:  # noqa: N802 - function name
    """200 once handled (or seen before), 400 for a bad signature, 500 to have Stripe retry."""
    from booking.adapters import stripe_gateway
    from booking.services.payments import webhook as payments_webhook

    if request.method != "POST":
        return _reply(405, {"error": "POST only"})
    try:
        event = stripe_gateway.verify_event(request.get_data(), request.headers.get("Stripe-Signature"))
    except stripe_gateway.InvalidSignature as error:
        log.warning("refused a webhook request: %s", error)
        return _reply(400, {"error": "invalid signature"})
    try:
        outcome = payments_webhook.handle(event, now())
    except Exception:
        log.exception("Stripe event %s failed; Stripe will retry it", event.get("id"))
        return _reply(500, {"error": "not processed"})
    return _reply(200, {"received": True, "outcome": outcome})


@firestore_fn.on_document_created(
    document="sites/{siteId}/payments/{paymentId}",
    secrets=[STRIPE_SECRET_KEY, SENDGRID_API_KEY, CALENDAR_SYNC_KEY, GOOGLE_CLIENT_SECRET],
)
def chargeNoShowFee(event: firestore_fn.Event[DocumentSnapshot[Any] | None]) -> None:  # noqa: N802
    """A pending no-show fee was recorded: charge the saved card. A refund of
    an overruled one was recorded: make it (failures wait for the sweep)."""
    from booking.adapters import payments_mapper
    from booking.services.payments import fee_refund as payments_no_show_refund
    from booking.services.payments import no_show_fee as payments_no_show

    site_id, record_id = event.params["siteId"], event.params["paymentId"]
    doc = event.data.to_dict() if event.data is not None else None
    record = payments_mapper.record_from(record_id, doc) if doc else None
    if record is None or record.status is not PaymentStatus.PENDING:
        return
    if record.kind is PaymentKind.NO_SHOW_FEE:
        payments_no_show.charge_pending_fee(site_id, record_id, now())
    elif payments_no_show_refund.is_fee_refund(record):
        payments_no_show_refund.refund_fee(site_id, record_id, now())
