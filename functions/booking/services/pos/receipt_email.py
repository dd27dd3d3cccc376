"""The HTML receipt of a paid sale, e-mailed to the client from the desk:
through the outbox like every client e-mail, once per sale and address."""

from __future__ import annotations

import hashlib
import html
from datetime import datetime

from booking.adapters import email, email_outbox, sale_store, site_store
from booking.adapters.email_message import Message
from booking.domain.errors import Conflict, InvalidInput, NotFound
from booking.domain.pos import Sale
from booking.domain.strings import language
from booking.services.email import messages
from booking.services.pos.receipts import PrintedReceipt, receipt_of
from booking.services.pos.sales import Seller, own_sale

SUBJECT = {"en": "Your receipt {number} from {name}", "nl": "Je bon {number} van {name}"}


def _body(receipt: PrintedReceipt) -> tuple[str, str]:
    lines = [*receipt.head, "", *receipt.body, "", *receipt.foot]
    text = "\n".join([receipt.business, *lines])
    rows = "".join(f"{html.escape(line)}\n" for line in lines)
    page = (
        '<!doctype html><html><body style="margin:0;padding:24px;background:#f4f4f5">'
        '<div style="max-width:32rem;margin:0 auto;background:#fff;padding:16px;border-radius:8px">'
        f'<h1 style="font:700 20px sans-serif;text-align:center;margin:0 0 12px">{html.escape(receipt.business)}</h1>'
        f'<pre style="font:14px/1.4 ui-monospace,Menlo,Consolas,monospace;margin:0;white-space:pre-wrap">{rows}</pre>'
        "</div></body></html>"
    )
    return page, text


def email_receipt(sale: Sale, to: str, now: datetime) -> bool:
    """Queue the receipt for `to`; False when it was sent there before."""
    receipt = receipt_of(sale)
    if receipt is None:
        raise Conflict("Only a paid sale has a receipt")
    site = site_store.site_with_branch(sale.site_id, sale.branch_id).site
    lang = language(site.locale)
    page, text = _body(receipt)
    message = Message(
        to_email=to,
        to_name="",
        from_email=email.from_address(),
        from_name=site.name,
        subject=SUBJECT[lang].format(number=sale.receipt_number, name=site.name),
        html=page,
        text=text,
        reply_to=site.email.reply_to,
        categories=("receipt",),
    )
    digest = hashlib.sha256(to.lower().encode()).hexdigest()[:16]
    email_id = f"receipt-{sale.id}-{digest}"
    record = email_outbox.record_for(message, sale.booking_id or "", "receipt", now, email.transport())
    entry = email_outbox.Entry(email_id, record)
    if not email_outbox.create(sale.site_id, entry):
        return False
    messages.dispatch(sale.site_id, messages.Outgoing(entry, message), now)
    sale_store.update(sale, client_email=to)
    return True


def send(seller: Seller, sale_id: str, to: str, now: datetime) -> Sale:
    """The desk e-mails a receipt: to `to`, else to the booking's client."""
    sale = sale_store.get(seller.site_id, sale_id)
    if sale is None:
        raise NotFound("Sale not found")
    sale = own_sale(seller, sale)
    address = to or sale.client_email
    if not address:
        raise InvalidInput("email", "is required: this sale has no client e-mail address")
    email_receipt(sale, address, now)
    return sale_store.get(seller.site_id, sale_id) or sale
