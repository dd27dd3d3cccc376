"""The waitlist's e-mails: joined, spot offered, offer expired (optional per
branch, docs/waitlist.md). Same branded layout and languages as the booking
e-mails (render.py); each carries the link to the waitlist page, where the
client answers an offer or leaves the list with a button (POST), never by
merely opening the link.

Composing never raises: an e-mail that can't be composed must not block
the entry or the offer it reports.
"""

from __future__ import annotations

import logging
from datetime import datetime
from urllib.parse import urlencode

from booking.adapters import email, email_outbox
from booking.adapters.email_message import Message
from booking.domain import strings
from booking.domain.catalog import Catalog
from booking.domain.waitlist import DayPart, Entry, Offer
from booking.services.email import messages
from booking.services.email.render import EmailContent, Links, WaitlistKind, format_date, render

log = logging.getLogger(__name__)


def page_url(site_id: str, token: str, *, offer_id: str = "", entry_id: str = "") -> str:
    """The waitlist page of an offer or an entry; the token after `#` never reaches a server log."""
    query = {"site": site_id, **({"offer": offer_id} if offer_id else {"entry": entry_id})}
    return f"{email.app_url()}/waitlist?{urlencode(query)}#token={token}"


def offer_email_id(offer: Offer, kind: WaitlistKind) -> str:
    return f"offer-{offer.id}-{kind.value}"


def window_text(catalog: Catalog, entry: Entry, lang: str) -> str:
    """'Monday 2 March 2026 to Friday 6 March 2026, mornings, with anyone'."""
    table = strings.table(lang)
    preference = entry.preference
    first, last = format_date(preference.first_day, lang), format_date(preference.last_day, lang)
    dates = first if first == last else str(table["window.range"]).format(first=first, last=last)
    parts = [str(table[f"part.{part.value}"]) for part in DayPart if part in preference.parts]
    staff = next((member.name for member in catalog.staff if member.id == preference.staff_id), None)
    who = str(table["window.staff"]).format(staff=staff) if staff else str(table["window.anyone"])
    return ", ".join([dates, *([", ".join(parts)] if len(parts) < len(DayPart) else []), who])


def _record(
    catalog: Catalog, entry: Entry, kind: WaitlistKind, email_id: str, now: datetime, links: Links, offer: Offer | None
) -> messages.Outgoing | None:
    if not entry.customer.email:
        return None
    branch = next((b for b in catalog.branches if b.id == entry.branch_id), None)
    site = messages.site_mail_for(catalog.site, branch)
    service = next((s.name for s in catalog.services if s.id == entry.service_id), entry.service_id)
    staff = next((m.name for m in catalog.staff if offer and m.id == offer.staff_id), None)
    timezone = catalog.timezone_of(branch)
    lang = strings.language(entry.locale or site.locale)
    content = EmailContent(
        kind=kind,
        locale=lang,
        brand=site.brand,
        customer_name=entry.customer.name,
        service=service,
        start=offer.start if offer else now,
        end=offer.end if offer else now,
        timezone=timezone,
        links=links,
        reference=entry.id,
        staff=staff,
        location=site.location,
        deadline=offer.hold_expires_at if offer and kind is WaitlistKind.WAITLIST_OFFER else None,
        window="" if offer else window_text(catalog, entry, lang),
    )
    rendered = render(content)
    message = Message(
        to_email=entry.customer.email,
        to_name=entry.customer.name,
        from_email=email.from_address(),
        from_name=site.name,
        subject=rendered.subject,
        html=rendered.html,
        text=rendered.text,
        reply_to=site.reply_to,
        categories=("waitlist", kind.value),
    )
    record = email_outbox.record_for(message, offer.id if offer else entry.id, kind.value, now, email.transport())
    return messages.Outgoing(email_outbox.Entry(email_id, record), message)


def joined(catalog: Catalog, entry: Entry, token: str, now: datetime) -> messages.Outgoing | None:
    """The confirmation of joining, with the link to leave the list."""
    try:
        links = Links(manage="", book="", leave=page_url(entry.site_id, token, entry_id=entry.id))
        return _record(catalog, entry, WaitlistKind.WAITLIST_JOINED, f"waitlist-{entry.id}-joined", now, links, None)
    except Exception:
        log.exception("Waitlist e-mail for entry %s/%s not composed", entry.site_id, entry.id)
        return None


def offered(catalog: Catalog, entry: Entry, offer: Offer, token: str, now: datetime) -> messages.Outgoing | None:
    """The offer, with the link to the page that accepts or declines it."""
    try:
        links = Links(manage="", book="", offer=page_url(offer.site_id, token, offer_id=offer.id))
        return _record(
            catalog,
            entry,
            WaitlistKind.WAITLIST_OFFER,
            offer_email_id(offer, WaitlistKind.WAITLIST_OFFER),
            now,
            links,
            offer,
        )
    except Exception:
        log.exception("Waitlist offer e-mail %s/%s not composed", offer.site_id, offer.id)
        return None


def lapsed(catalog: Catalog, entry: Entry, offer: Offer, token: str, now: datetime) -> None:
    """The offer ran out (only where the branch wants it), with a fresh link
    to leave the list; written once per offer."""
    try:
        links = Links(manage="", book="", leave=page_url(entry.site_id, token, entry_id=entry.id))
        email_id = offer_email_id(offer, WaitlistKind.WAITLIST_LAPSED)
        outgoing = _record(catalog, entry, WaitlistKind.WAITLIST_LAPSED, email_id, now, links, offer)
        if outgoing is not None and email_outbox.create(offer.site_id, outgoing.entry):
            messages.dispatch(offer.site_id, outgoing, now)
    except Exception:
        log.exception("Waitlist lapse e-mail %s/%s not written", offer.site_id, offer.id)
