"""The receipt of a paid sale: ESC/POS bytes for the printer and the same
text for the HTML receipt (printed from the browser or e-mailed)."""

from __future__ import annotations

from dataclasses import dataclass

from booking.adapters import sale_store, site_store
from booking.domain.pos import Sale, SaleStatus
from booking.domain.receipt import Receipt, receipt_bytes, text_lines
from booking.domain.strings import language


@dataclass(frozen=True)
class PrintedReceipt:
    business: str
    escpos: bytes
    head: tuple[str, ...]
    body: tuple[str, ...]
    foot: tuple[str, ...]
    paper_mm: int


def receipt_of(sale: Sale) -> PrintedReceipt | None:
    """None until the sale is paid (only then does it have a number)."""
    if sale.status is not SaleStatus.PAID or sale.receipt_number is None or sale.paid_at is None:
        return None
    place = site_store.site_with_branch(sale.site_id, sale.branch_id)
    settings = sale_store.settings(sale.site_id)
    branch = place.branch
    address = tuple(part for part in ((branch.address, branch.city, branch.phone) if branch else ()) if part)
    receipt = Receipt(
        business=place.site.name,
        address=address,
        number=sale.receipt_number,
        paid_at=sale.paid_at,
        timezone=sale.timezone,
        lines=sale.lines,
        totals=sale.totals,
        tender=sale.tender,
        currency=sale.currency,
        language=language(place.site.locale),
        options=settings.receipt,
    )
    head, body, foot = text_lines(receipt)
    return PrintedReceipt(
        place.site.name, receipt_bytes(receipt), tuple(head), tuple(body), tuple(foot), settings.receipt.paper_mm
    )
