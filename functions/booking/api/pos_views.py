"""The JSON of the POS register, for the staff app and the admin pages."""

from __future__ import annotations

import base64
from typing import TYPE_CHECKING, Any

from booking.domain.pos import PosSettings, Sale, failure_message
from booking.domain.sale import SaleLine, Totals

if TYPE_CHECKING:  # the use cases load with the callables that run them (cold starts)
    from booking.services.pos.receipts import PrintedReceipt
    from booking.services.pos.sales import Quote
    from booking.services.pos.settings import AdminPos, DeskSetup


def line_view(line: SaleLine) -> dict[str, Any]:
    return {
        "kind": line.kind.value,
        "description": line.description,
        "quantity": line.quantity,
        "unitCents": line.unit_cents,
        "amountCents": line.amount_cents,
        "serviceId": line.service_id,
    }


def totals_view(totals: Totals) -> dict[str, int]:
    return {
        "subtotalCents": totals.subtotal_cents,
        "discountCents": totals.discount_cents,
        "totalCents": totals.total_cents,
    }


def settings_view(settings: PosSettings) -> dict[str, Any]:
    receipt = settings.receipt
    return {
        "enabled": settings.enabled,
        "locationId": settings.location_id,
        "readers": [{"id": r.id, "label": r.label, "simulated": r.simulated} for r in settings.readers],
        "defaultReaderId": settings.default_reader_id,
        "receipt": {
            "header": receipt.header,
            "footer": receipt.footer,
            "vatPercent": None if receipt.vat_percent is None else float(receipt.vat_percent),
            "paperWidth": receipt.paper_mm,
        },
    }


def quote_view(quote: Quote) -> dict[str, Any]:
    settings = quote.settings
    return {
        "lines": [line_view(line) for line in quote.lines],
        **totals_view(quote.totals),
        "currency": quote.currency,
        "readers": [{"id": r.id, "label": r.label} for r in settings.readers],
        "defaultReaderId": settings.default_reader_id,
    }


def receipt_view(receipt: PrintedReceipt | None) -> dict[str, Any] | None:
    if receipt is None:
        return None
    return {
        "business": receipt.business,
        "escpos": base64.b64encode(receipt.escpos).decode("ascii"),
        "head": list(receipt.head),
        "body": list(receipt.body),
        "foot": list(receipt.foot),
        "paperWidth": receipt.paper_mm,
    }


def sale_view(sale: Sale, receipt: PrintedReceipt | None = None) -> dict[str, Any]:
    tender = sale.tender
    return {
        "id": sale.id,
        "status": sale.status.value,
        "bookingId": sale.booking_id,
        "branchId": sale.branch_id,
        "method": sale.method.value,
        "lines": [line_view(line) for line in sale.lines],
        **totals_view(sale.totals),
        "cardCents": tender.card_cents,
        "cashCents": tender.cash_cents,
        "cashReceivedCents": tender.cash_received_cents,
        "changeCents": tender.change_cents,
        "currency": sale.currency,
        "readerId": sale.reader_id,
        "error": sale.error,
        "errorMessage": failure_message(sale.error) if sale.error else None,
        "receiptNumber": sale.receipt_number,
        "paidAt": sale.paid_at.isoformat() if sale.paid_at else None,
        "refundedCents": sale.refunded_cents,
        "clientEmail": sale.client_email,
        "receipt": receipt_view(receipt),
    }


def desk_setup_view(setup: DeskSetup) -> dict[str, Any]:
    settings = setup.settings
    return {
        "enabled": settings.enabled,
        "readers": [{"id": r.id, "label": r.label} for r in settings.readers],
        "defaultReaderId": settings.default_reader_id,
        "paperWidth": settings.receipt.paper_mm,
        "currency": setup.currency,
        "services": [{"id": s.id, "name": s.name, "priceCents": s.price_cents} for s in setup.services],
    }


def admin_pos_view(pos: AdminPos) -> dict[str, Any]:
    return {
        **settings_view(pos.settings),
        "localReaderAvailable": pos.local_reader,
        "sales": [sale_view(sale) for sale in pos.sales],
    }
