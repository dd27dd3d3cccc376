"""Refund of a paid POS sale from the admin: the card part back through
Stripe Terminal's account (the local simulated reader moves no money), the cash part
handed back at the desk; one refund record per sale, so a repeat is once."""

from __future__ import annotations

from datetime import datetime

from booking.adapters import payments_store, sale_store, terminal_gateway
from booking.domain.errors import Conflict, NotFound
from booking.domain.payment_record import PaymentRecord, StripeIds
from booking.domain.payments import PaymentKind, PaymentStatus
from booking.domain.pos import LOCAL_SIMULATED_READER, Reader, Sale, SaleStatus, pos_payment_id

LOCAL_INTENT = "pi_local_"


def refund_sale(site_id: str, sale_id: str, now: datetime) -> Sale:
    """Refund the whole sale; Conflict when it isn't paid or was refunded."""
    sale = sale_store.get(site_id, sale_id)
    if sale is None:
        raise NotFound("Sale not found")
    if sale.status is not SaleStatus.PAID:
        raise Conflict("Only a paid sale can be refunded")
    if sale.refunded_cents:
        raise Conflict("This sale was refunded already")
    record_id = pos_payment_id("refund", sale.id)
    ids = StripeIds()
    intent = sale.payment_intent_id
    if sale.tender.card_cents and intent:
        reader = next((r for r in sale_store.settings(site_id).readers if r.id == sale.reader_id), None)
        if reader is None and intent.startswith(LOCAL_INTENT):  # the local reader was removed since
            reader = Reader(LOCAL_SIMULATED_READER, "", True)
        account = payments_store.private_config(site_id).connected_account_id
        terminal = terminal_gateway.terminal_for(reader)
        key = f"pos-refund-{site_id}-{sale.id}"
        refund_id, status = terminal.refund(intent, sale.tender.card_cents, account, key)
        ids = StripeIds(payment_intent_id=intent, refund_id=refund_id, refund_status=status)
    paid = sale.tender.card_cents + sale.tender.cash_cents
    payments_store.create_payment(
        site_id,
        PaymentRecord(
            id=record_id,
            booking_id=sale.booking_id or "",
            kind=PaymentKind.REFUND,
            amount_cents=paid,
            currency=sale.currency,
            status=PaymentStatus.SUCCEEDED,
            stripe=ids,
            reason="pos_refund",
            created_at=now,
            updated_at=now,
            sale_id=sale.id,
        ),
    )
    return sale_store.update(sale, refunded_cents=paid)
