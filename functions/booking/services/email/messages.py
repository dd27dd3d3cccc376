"""Client e-mails about one booking: compose, record in the outbox, send.

Used only after the change an e-mail reports has committed. Every e-mail
carries a magic link with a token of its own (the raw token is never
stored, so a later e-mail can't reuse an earlier one). A failing provider
never reaches the caller: the outbox record says `failed` and the reminder
job retries it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlencode, urlsplit

from booking.adapters import booking_store, email, email_outbox, ics, site_store
from booking.adapters.email_message import Attachment, DeliveryFailed, Message
from booking.domain import tokens
from booking.domain.payments import NoShowFee, booking_no_show_policy
from booking.domain.record import BookingRecord, DepositStatus, TokenPurpose
from booking.domain.site import Branch, Site
from booking.services.email.render import Brand, EmailContent, Kind, Links, render

log = logging.getLogger(__name__)

ICS_METHOD = {Kind.CONFIRMATION: ics.Method.REQUEST, Kind.RESCHEDULED: ics.Method.REQUEST}
ICS_NOTE = {Kind.CONFIRMATION: "new", Kind.RESCHEDULED: "update"}
PAGE = None
"""`issue_token`'s kind for the token handed back to the manage page."""
LATE_LINK = timedelta(days=3)
"""E-mails about a past appointment (no-show) keep their link usable this long."""


@dataclass(frozen=True)
class SiteMail:
    """What e-mails show about the business: the site and the booking's branch."""

    site_id: str
    name: str
    locale: str = "en"
    currency: str = "EUR"
    brand: Brand = field(default_factory=lambda: Brand("Booking"))
    reply_to: str = ""
    address: str = ""
    """The branch's street address and city, for the calendar entry."""
    location: str = ""
    """Branch name and address, for people."""
    rules: dict[str, Any] = field(default_factory=dict)
    """The booking rules that apply (domain/booking_rules.py): reminders, the no-show e-mail."""
    booking_enabled: bool = False
    change_cutoff_hours: int = 0
    """Clients may cancel or move up to this many hours before the start."""
    no_show_fee: NoShowFee = field(default_factory=NoShowFee)


def site_mail(site_id: str, branch_id: str | None) -> SiteMail:
    """Read the site and the branch for one e-mail (two reads)."""
    read = site_store.site_with_branch(site_id, branch_id)
    return site_mail_for(read.site, read.branch, read.rules)


def site_mail_for(site: Site, branch: Branch | None, rules: dict[str, Any] | None = None) -> SiteMail:
    """What e-mails show, from a site and branch already at hand."""
    street = ", ".join(part for part in (branch.address, branch.city) if part) if branch else ""
    return SiteMail(
        site_id=site.id,
        name=site.name,
        locale=site.locale,
        currency=site.currency,
        brand=Brand(
            name=site.name,
            accent=site.widget.accent_color,
            logo_url=site.email.logo_url,
            footer=site.email.footer,
            address_lines=tuple(line for line in (branch.name, branch.address, branch.city) if line) if branch else (),
            phone=branch.phone if branch else "",
        ),
        reply_to=site.email.reply_to,
        address=", ".join(part for part in (site.name, street) if part),
        location=", ".join(part for part in (branch.name if branch else "", street) if part),
        rules=rules or {},
        booking_enabled=site.booking_enabled,
        change_cutoff_hours=site.settings.change_cutoff_hours,
        no_show_fee=site.no_show_fee,
    )


def manage_url(site_id: str, booking_id: str, token: str, action: str | None = None) -> str:
    query = {"site": site_id, "booking": booking_id, **({"action": action} if action else {})}
    return f"{email.app_url()}/manage?{urlencode(query)}#token={token}"


@dataclass(frozen=True)
class Options:
    """What varies between e-mails of one kind."""

    sequence: int = 0
    """The calendar entry's revision: the history index of the change."""
    reason: str = "client"
    """Cancellations: `client` or `business`."""
    soon: bool = False
    """Reminders: the short-notice wording."""
    previous: tuple[datetime, datetime] | None = None
    """Moves: the time the booking had before."""
    ics_method: ics.Method | None = None
    """Overrides the kind's calendar attachment (cancellations attach one
    only when the client had received an invitation)."""
    refunded_cents: int | None = None
    """Refunds: the amount that went back (`reason` says why)."""
    payment_currency: str = ""


NO_OPTIONS = Options()


def unsubscribe_url(site_id: str, booking_id: str, token: str, locale: str) -> str:
    """The unsubscribe page; the token, in the fragment, proves the address."""
    query = urlencode({"site": site_id, "booking": booking_id, "lang": locale})
    return f"{email.app_url()}/unsubscribe?{query}#token={token}"


def calendar_event(site: SiteMail, booking: BookingRecord, sequence: int) -> ics.CalendarEvent:
    service, staff = booking.service.name, booking.staff_name
    lines = [f"{service} – {staff}" if staff else service, f"{site.name}: {booking.id}"]
    if site.brand.phone:
        lines.append(site.brand.phone)
    return ics.CalendarEvent(
        uid=ics.booking_uid(booking.id, urlsplit(email.app_url()).hostname or "booking"),
        sequence=sequence,
        start=booking.start,
        end=booking.end,
        timezone=booking.timezone or "UTC",
        summary=f"{service} – {site.name}",
        location=site.address,
        description="\n".join(lines),
        organizer_email=email.from_address(),
        organizer_name=site.name,
        attendee_email=booking.customer.email,
        attendee_name=booking.customer.name,
        staff_name=staff,
    )


def compose(
    site: SiteMail, booking: BookingRecord, kind: Kind, token: str, now: datetime, options: Options = NO_OPTIONS
) -> Message:
    """The whole message, attachment included."""
    customer = booking.customer
    event = calendar_event(site, booking, options.sequence)
    method = options.ics_method or ICS_METHOD.get(kind)
    content = EmailContent(
        kind=kind,
        locale=site.locale,
        brand=site.brand,
        customer_name=customer.name,
        service=booking.service.name,
        start=booking.start,
        end=booking.end,
        timezone=booking.timezone or "UTC",
        links=Links(
            manage=manage_url(site.site_id, booking.id, token),
            book=f"{email.app_url()}/book?{urlencode({'site': site.site_id})}",
            google=ics.google_calendar_url(event),
            confirm=manage_url(site.site_id, booking.id, token, "confirm"),
            unsubscribe=unsubscribe_url(site.site_id, booking.id, token, site.locale),
        ),
        reference=booking.id,
        staff=booking.staff_name,
        location=site.location,
        price_cents=booking.service.price_cents,
        currency=site.currency,
        reason=options.reason,
        soon=options.soon,
        deadline=booking.hold_expires_at if kind is Kind.REQUEST else None,
        previous=options.previous,
        ics=("cancel" if method is ics.Method.CANCEL else ICS_NOTE.get(kind)) if method else None,
        change_cutoff_hours=site.change_cutoff_hours,
        deposit_paid_cents=_deposit_paid(booking) if kind is Kind.CONFIRMATION else None,
        refunded_cents=options.refunded_cents,
        payment_currency=options.payment_currency or (booking.payment.currency if booking.payment else ""),
        no_show_policy=(
            booking_no_show_policy(site.no_show_fee, _deposit_paid(booking), site.locale, site.currency)
            if kind is Kind.CONFIRMATION
            else ""
        ),
    )
    rendered = render(content)
    attachments: tuple[Attachment, ...] = ()
    if method:
        attachments = (
            Attachment(
                filename="invite.ics",
                content_type=f"text/calendar; method={method.value}; charset=UTF-8",
                content=ics.build_ics(event, method, now),
            ),
        )
    return Message(
        to_email=customer.email,
        to_name=customer.name,
        from_email=email.from_address(),
        from_name=site.name,
        subject=rendered.subject,
        html=rendered.html,
        text=rendered.text,
        reply_to=site.reply_to,
        attachments=attachments,
        categories=("booking", kind.value),
    )


def _deposit_paid(booking: BookingRecord) -> int | None:
    """The deposit the client paid, for the confirmation that follows the payment."""
    deposit = booking.payment
    return deposit.deposit_cents if deposit and deposit.deposit_status == DepositStatus.PAID.value else None


def token_purpose(kind: Kind) -> TokenPurpose:
    """Only the double opt-in e-mail's link confirms: it proves the address."""
    return TokenPurpose.CONFIRM if kind is Kind.REQUEST else TokenPurpose.MANAGE


def issue_token(booking: BookingRecord, now: datetime, kind: Kind | None) -> str:
    """A fresh token for one e-mail of `kind` (or, with PAGE, for the manage
    page), stored as its digest on the booking."""
    expires_at = booking.end if kind is not Kind.NO_SHOW else max(booking.end, now + LATE_LINK)
    issued = tokens.issue(expires_at)
    purpose = token_purpose(kind) if kind else TokenPurpose.MANAGE
    booking_store.add_token(booking, issued.digest, issued.entry(now, purpose))
    return issued.raw


def notify(
    booking: BookingRecord,
    kind: Kind,
    email_id: str,
    now: datetime,
    options: Options = NO_OPTIONS,
    site: SiteMail | None = None,
) -> bool:
    """Compose and deliver one e-mail for an event, once; True if written now."""
    if not booking.customer.email or email_outbox.written(booking.site_id, email_id):
        return False
    site = site or site_mail(booking.site_id, booking.branch_id)
    token = issue_token(booking, now, kind)
    outgoing = prepare(site, booking, kind, email_id, now, token, options)
    if outgoing is None or not email_outbox.create(booking.site_id, outgoing.entry):
        return False
    dispatch(booking.site_id, outgoing, now)
    return True


@dataclass(frozen=True)
class Outgoing:
    """A composed e-mail and its outbox entry, before the entry is stored."""

    entry: email_outbox.Entry
    message: Message


def prepare(
    site: SiteMail,
    booking: BookingRecord,
    kind: Kind,
    email_id: str,
    now: datetime,
    token: str,
    options: Options = NO_OPTIONS,
) -> Outgoing | None:
    """Compose an e-mail and its outbox entry without writing anything, so
    the entry can commit with the change it reports; None without an address."""
    if not booking.customer.email:
        return None
    message = compose(site, booking, kind, token, now, options)
    record = email_outbox.record_for(message, booking.id, kind.value, now, email.transport())
    return Outgoing(email_outbox.Entry(email_id, record), message)


def dispatch(site_id: str, outgoing: Outgoing, now: datetime) -> None:
    """Hand a stored entry to the provider when the outbox is not itself the delivery."""
    if outgoing.entry.transport is email.Transport.SENDGRID:
        send_now(site_id, outgoing.entry.email_id, outgoing.message, 0, now)


def send_now(site_id: str, email_id: str, message: Message, attempts: int, now: datetime) -> bool:
    """One delivery attempt of a recorded e-mail; the record says how it went."""
    via = email.transport()
    if via is email.Transport.LATER:
        return False
    if via is email.Transport.NONE:
        email_outbox.mark_skipped(site_id, email_id, now)
        return False
    try:
        provider_id = email.send(message, via)
    except DeliveryFailed as error:
        log.warning("E-mail %s/%s failed: %s", site_id, email_id, error)
        email_outbox.mark_failed(site_id, email_id, str(error), attempts + 1, now)
        return False
    except Exception as error:  # a bug must cost attempts too, or it would be retried forever
        log.exception("E-mail %s/%s could not be handed over", site_id, email_id)
        email_outbox.mark_failed(site_id, email_id, f"{type(error).__name__}: {error}", attempts + 1, now)
        return False
    email_outbox.mark_sent(site_id, email_id, via, provider_id, now)
    return True


def retry_due(now: datetime) -> int:
    """Send recorded e-mails that failed or were never sent; returns how many went out."""
    sent = 0
    for site_id, email_id in list(email_outbox.due(now)):
        try:
            claimed = email_outbox.claim(site_id, email_id, now)
            if claimed is None:
                continue
            if send_now(site_id, email_id, claimed.message, claimed.attempts, now):
                sent += 1
        except Exception:  # one broken record must not hold up the others
            log.exception("Retry of e-mail %s/%s failed", site_id, email_id)
    return sent
