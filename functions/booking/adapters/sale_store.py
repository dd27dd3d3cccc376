"""POS sales in `sites/{siteId}/sales/{saleId}`, the receipt numbers given
(`receiptNumbers/{n}`, with the highest in `private/posReceipts`) and the POS
settings (`private/pos`).

A sale is created once per client-made id, and settled (receipt number,
payment records, status) in one transaction, so receipt numbers have no
gaps and a repeated settle does nothing (docs/pos.md).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from decimal import Decimal
from typing import Any

from google.api_core import exceptions as gexc
from google.cloud import firestore

from booking.adapters import payments_store
from booking.adapters.firestore_client import db, site_ref
from booking.domain.errors import Conflict
from booking.domain.payment_record import PaymentRecord
from booking.domain.pos import PosSettings, Reader, Sale, SaleStatus
from booking.domain.receipt import ReceiptOptions
from booking.domain.sale import LineKind, Method, SaleLine, Tender, Totals

TRANSACTION_ATTEMPTS = 10
NUMBER_ATTEMPTS = 200
"""Receipt numbers tried by one sale before it gives up (each one another sale took)."""


def _sales(site_id: str) -> firestore.CollectionReference:
    collection: firestore.CollectionReference = site_ref(site_id).collection("sales")
    return collection


def _counter(site_id: str) -> firestore.DocumentReference:
    ref: firestore.DocumentReference = site_ref(site_id).collection("private").document("posReceipts")
    return ref


def _numbers(site_id: str) -> firestore.CollectionReference:
    """`receiptNumbers/{n}`: one document per receipt number given, naming its sale."""
    collection: firestore.CollectionReference = site_ref(site_id).collection("receiptNumbers")
    return collection


def _settings_ref(site_id: str) -> firestore.DocumentReference:
    ref: firestore.DocumentReference = site_ref(site_id).collection("private").document("pos")
    return ref


# Mapping


def sale_doc(sale: Sale) -> dict[str, Any]:
    tender = sale.tender
    return {
        "branchId": sale.branch_id,
        "bookingId": sale.booking_id,
        "lines": [
            {
                "kind": line.kind.value,
                "description": line.description,
                "quantity": line.quantity,
                "unitCents": line.unit_cents,
                "serviceId": line.service_id,
            }
            for line in sale.lines
        ],
        "subtotalCents": sale.totals.subtotal_cents,
        "discountCents": sale.totals.discount_cents,
        "totalCents": sale.totals.total_cents,
        "tender": {
            "cardCents": tender.card_cents,
            "cashCents": tender.cash_cents,
            "cashReceivedCents": tender.cash_received_cents,
            "changeCents": tender.change_cents,
        },
        "method": sale.method.value,
        "currency": sale.currency,
        "timezone": sale.timezone,
        "status": sale.status.value,
        "by": sale.by,
        "createdAt": sale.created_at,
        "readerId": sale.reader_id,
        "paymentIntentId": sale.payment_intent_id,
        "error": sale.error,
        "receiptNumber": sale.receipt_number,
        "paidAt": sale.paid_at,
        "refundedCents": sale.refunded_cents,
        "clientEmail": sale.client_email,
    }


def sale_from(site_id: str, sale_id: str, doc: Mapping[str, Any]) -> Sale:
    tender = doc.get("tender") or {}
    return Sale(
        id=sale_id,
        site_id=site_id,
        branch_id=doc.get("branchId"),
        booking_id=doc.get("bookingId"),
        lines=tuple(
            SaleLine(
                LineKind(line["kind"]),
                str(line.get("description") or ""),
                int(line.get("quantity") or 1),
                int(line.get("unitCents") or 0),
                line.get("serviceId"),
            )
            for line in doc.get("lines") or ()
        ),
        totals=Totals(int(doc.get("subtotalCents") or 0), int(doc.get("discountCents") or 0), int(doc["totalCents"])),
        tender=Tender(
            int(tender.get("cardCents") or 0),
            int(tender.get("cashCents") or 0),
            int(tender.get("cashReceivedCents") or 0),
            int(tender.get("changeCents") or 0),
        ),
        method=Method(doc.get("method", "cash")),
        currency=str(doc.get("currency") or "EUR"),
        timezone=str(doc.get("timezone") or "UTC"),
        status=SaleStatus(doc["status"]),
        by=str(doc.get("by") or ""),
        created_at=doc["createdAt"],
        reader_id=doc.get("readerId"),
        payment_intent_id=doc.get("paymentIntentId"),
        error=doc.get("error"),
        receipt_number=doc.get("receiptNumber"),
        paid_at=doc.get("paidAt"),
        refunded_cents=int(doc.get("refundedCents") or 0),
        client_email=str(doc.get("clientEmail") or ""),
    )


# Sales


def get(site_id: str, sale_id: str) -> Sale | None:
    snapshot = _sales(site_id).document(sale_id).get()
    return sale_from(site_id, sale_id, snapshot.to_dict() or {}) if snapshot.exists else None


def create_once(sale: Sale) -> tuple[Sale, bool]:
    """Store a new sale; (the stored sale, False) if its id was used before."""
    ref = _sales(sale.site_id).document(sale.id)

    @firestore.transactional
    def run(transaction: firestore.Transaction) -> tuple[Sale, bool]:
        snapshot = ref.get(transaction=transaction)
        if snapshot.exists:
            return sale_from(sale.site_id, sale.id, snapshot.to_dict() or {}), False
        transaction.create(ref, sale_doc(sale))
        return sale, True

    result: tuple[Sale, bool] = run(db().transaction(max_attempts=TRANSACTION_ATTEMPTS))
    return result


def update(sale: Sale, **fields: Any) -> Sale:
    """Write plain fields of a sale (the card's PaymentIntent, the e-mail)."""
    changed = dataclasses.replace(sale, **fields)
    doc = sale_doc(changed)
    keys = {"payment_intent_id": "paymentIntentId", "client_email": "clientEmail", "refunded_cents": "refundedCents"}
    _sales(sale.site_id).document(sale.id).update({keys[name]: doc[keys[name]] for name in fields})
    return changed


def fail(site_id: str, sale_id: str, error: str) -> Sale | None:
    """Mark a sale whose card part failed; only a sale still waiting for its card."""
    ref = _sales(site_id).document(sale_id)

    @firestore.transactional
    def run(transaction: firestore.Transaction) -> Sale | None:
        snapshot = ref.get(transaction=transaction)
        if not snapshot.exists:
            return None
        sale = sale_from(site_id, sale_id, snapshot.to_dict() or {})
        if sale.status is not SaleStatus.OPEN:
            return sale
        transaction.update(ref, {"status": SaleStatus.FAILED.value, "error": error})
        return dataclasses.replace(sale, status=SaleStatus.FAILED, error=error)

    result: Sale | None = run(db().transaction(max_attempts=TRANSACTION_ATTEMPTS))
    return result


def _next_number(site_id: str) -> int:
    """One past the highest receipt number given so far (a hint: every
    number up to it is taken, a higher one may be taken meanwhile)."""
    snapshot = _counter(site_id).get()
    return int((snapshot.to_dict() or {}).get("last") or 0) + 1 if snapshot.exists else 1


def settle(
    site_id: str, sale_id: str, now: datetime, payments: Callable[[Sale], Sequence[PaymentRecord]]
) -> tuple[Sale | None, bool]:
    """Mark a sale paid with the next receipt number of its site and create
    its payment records, in one transaction; (sale, True) when this call
    settled it, (sale, False) when it was settled (or failed) before.

    The number is claimed by creating `receiptNumbers/{n}` in that same
    transaction, which fails as a whole when another sale took `n` first;
    then the next number is tried. A number is only tried once the one
    before it is taken, and only a committed sale takes one: no gaps, no
    doubles. Nothing reads a shared document inside the transaction, so
    sales never queue behind each other's locks.
    """
    ref = _sales(site_id).document(sale_id)
    number = _next_number(site_id)

    @firestore.transactional
    def run(transaction: firestore.Transaction, number: int) -> tuple[Sale | None, bool]:
        snapshot = ref.get(transaction=transaction)
        if not snapshot.exists:
            return None, False
        sale = sale_from(site_id, sale_id, snapshot.to_dict() or {})
        if sale.status is not SaleStatus.OPEN:
            return sale, False
        paid = dataclasses.replace(sale, status=SaleStatus.PAID, receipt_number=number, paid_at=now)
        transaction.create(_numbers(site_id).document(str(number)), {"saleId": sale_id, "at": now})
        transaction.update(ref, {"status": paid.status.value, "receiptNumber": number, "paidAt": now, "error": None})
        transaction.set(_counter(site_id), {"last": firestore.Maximum(number), "updatedAt": now}, merge=True)
        payments_store.add_records(transaction, site_id, payments(paid))
        return paid, True

    for _ in range(NUMBER_ATTEMPTS):
        try:
            result: tuple[Sale | None, bool] = run(db().transaction(max_attempts=TRANSACTION_ATTEMPTS), number)
        except gexc.AlreadyExists:
            number = max(number + 1, _next_number(site_id))
            continue
        return result
    raise Conflict("The register is very busy: please try again")


# Settings


def settings(site_id: str) -> PosSettings:
    snapshot = _settings_ref(site_id).get()
    doc = snapshot.to_dict() if snapshot.exists else None
    return settings_from(doc or {})


def settings_from(doc: Mapping[str, Any]) -> PosSettings:
    receipt = doc.get("receipt") or {}
    vat = receipt.get("vatPercent")
    return PosSettings(
        enabled=bool(doc.get("enabled")),
        location_id=doc.get("locationId") or None,
        readers=tuple(
            Reader(str(r["id"]), str(r.get("label") or r["id"]), bool(r.get("simulated")))
            for r in doc.get("readers") or ()
        ),
        default_reader_id=doc.get("defaultReaderId") or None,
        receipt=ReceiptOptions(
            header=str(receipt.get("header") or ""),
            footer=str(receipt.get("footer") or ""),
            vat_percent=None if vat is None else Decimal(str(vat)),
            paper_mm=int(receipt.get("paperWidth") or 80),
        ),
    )


def settings_doc(pos: PosSettings) -> dict[str, Any]:
    vat = pos.receipt.vat_percent
    return {
        "enabled": pos.enabled,
        "locationId": pos.location_id,
        "readers": [{"id": r.id, "label": r.label, "simulated": r.simulated} for r in pos.readers],
        "defaultReaderId": pos.default_reader_id,
        "receipt": {
            "header": pos.receipt.header,
            "footer": pos.receipt.footer,
            "vatPercent": None if vat is None else float(vat),
            "paperWidth": pos.receipt.paper_mm,
        },
    }


def save_settings(site_id: str, pos: PosSettings, now: datetime) -> None:
    _settings_ref(site_id).set({**settings_doc(pos), "updatedAt": now})


def recent(site_id: str, limit: int = 30) -> list[Sale]:
    """The latest sales of a site, newest first (the admin's POS page)."""
    query = _sales(site_id).order_by("createdAt", direction=firestore.Query.DESCENDING).limit(limit)
    return [sale_from(site_id, snap.id, snap.to_dict() or {}) for snap in query.stream()]
