"""The client's side of the waitlist: join, see an offer, accept it (a
booking like any other), decline it, leave the list; and the expiry sweep
that passes lapsed offers on (docs/waitlist.md)."""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from booking.adapters import site_store, waitlist_store
from booking.domain import tokens
from booking.domain.booking import Customer, hash_token, hold_expiry, initial_status
from booking.domain.catalog import Catalog
from booking.domain.errors import AccessDenied, Conflict, InvalidInput, NotFound, SlotUnavailable
from booking.domain.model import BookingSource, BookingStatus
from booking.domain.record import new_booking
from booking.domain.waitlist import ALL_DAY, DayPart, Entry, EntryStatus, Mode, Offer, OfferStatus, Preference
from booking.services import waitlist
from booking.services.public_booking import BookingMade

log = logging.getLogger(__name__)
INVALID = "This link is not valid"


class TimeTaken(SlotUnavailable):
    """The offered time was booked by someone else first; the entry stays on the list."""

    def __init__(self) -> None:
        super().__init__("This time was just taken. You are still on the waitlist.")


class OfferClosed(Conflict):
    """The offer was answered, lapsed or withdrawn: nothing changes."""


@dataclass(frozen=True)
class JoinRequest:
    site_id: str
    branch_id: str | None
    service_id: str
    customer: Customer
    first_day: date | None
    last_day: date | None
    parts: frozenset[DayPart] = ALL_DAY
    staff_id: str | None = None
    locale: str = "en"


@dataclass(frozen=True)
class OfferView:
    offer: Offer
    entry: Entry | None
    catalog: Catalog


def join(request: JoinRequest, now: datetime, admit: Callable[[], None] = lambda: None) -> Entry:
    """Put the client on the branch's list, with a 'joined' e-mail. Refused
    where the branch keeps no waitlist, for dates outside the booking horizon,
    and when the client waits for this service there already."""
    from booking.services.email import messages, waitlist_emails

    catalog = site_store.load_catalog(request.site_id)
    branch = catalog.branch(request.branch_id)
    if not catalog.policy(branch).waitlist.enabled:
        raise Conflict("This business keeps no waitlist")
    service = catalog.service(request.service_id)
    if request.staff_id and service.id not in catalog.staff_member(request.staff_id).service_ids:
        raise InvalidInput("staffId", "doesn't give this service")
    today = now.astimezone(ZoneInfo(catalog.timezone_of(branch))).date()
    first = request.first_day or today
    last = request.last_day or first
    if first < today:
        raise InvalidInput("from", "must not be in the past")
    if last < first:
        raise InvalidInput("to", "must not be before from")
    if last > today + timedelta(days=catalog.site.settings.horizon_days):
        raise InvalidInput("to", "must be within the days this business takes bookings for")
    branch_id = branch.id if branch else None
    for waiting in waitlist_store.entries(request.site_id, branch_id):
        if waiting.customer.email.lower() == request.customer.email.lower() and waiting.service_id == service.id:
            raise Conflict("You are on this waitlist already; the e-mail we sent has the link to leave it")
    admit()
    token = secrets.token_urlsafe(tokens.TOKEN_BYTES)
    entry = Entry(
        id=secrets.token_hex(10),
        site_id=request.site_id,
        branch_id=branch_id,
        service_id=service.id,
        customer=request.customer,
        preference=Preference(first, last, request.parts, request.staff_id),
        status=EntryStatus.WAITING,
        joined_at=now,
        queued_at=now,
        locale=request.locale,
        token_hashes=(hash_token(token),),
    )
    outgoing = waitlist_emails.joined(catalog, entry, token, now)
    waitlist_store.add_entry(entry, outgoing.entry if outgoing else None)
    if outgoing is not None:
        messages.dispatch(request.site_id, outgoing, now)
    return entry


def _require_token(digests: tuple[str, ...], token: str) -> None:
    if not any(secrets.compare_digest(digest, hash_token(token)) for digest in digests if digest):
        raise AccessDenied(INVALID)


def _offer(site_id: str, offer_id: str, token: str) -> Offer:
    offer = waitlist_store.get_offer(site_id, offer_id)
    if offer is None:
        raise AccessDenied(INVALID)  # ids are no oracle
    _require_token((offer.token_hash,), token)
    return offer


def view_offer(site_id: str, offer_id: str, token: str) -> OfferView:
    offer = _offer(site_id, offer_id, token)
    return OfferView(offer, waitlist_store.get_entry(site_id, offer.entry_id), site_store.load_catalog(site_id))


def require_open(offer: Offer, now: datetime) -> None:
    """OfferClosed saying why, unless the offer is open and in time."""
    if offer.status is OfferStatus.ACCEPTED:
        raise OfferClosed("You accepted this offer already; your booking is made")
    if offer.status is OfferStatus.TAKEN:
        raise OfferClosed("This time was just taken. You are still on the waitlist.")
    if offer.status is not OfferStatus.OPEN or offer.hold_expires_at is None or offer.hold_expires_at <= now:
        raise OfferClosed("This offer has expired or was declined; you are still on the waitlist")


def accept(site_id: str, offer_id: str, token: str, now: datetime, return_url: str | None = None) -> BookingMade:
    """Book the offered time through `new_booking` and the same locks as any
    booking; a deposit leads to Checkout with the usual 30-minute hold."""
    from booking.services.email import notifications
    from booking.services.payments import checkout

    offer = _offer(site_id, offer_id, token)
    require_open(offer, now)
    entry = waitlist_store.get_entry(site_id, offer.entry_id)
    if entry is None:
        raise NotFound("Waitlist entry not found")
    catalog = site_store.load_catalog(site_id)
    service = catalog.service(offer.service_id)
    branch = waitlist.branch_of(catalog, offer.branch_id)
    staff = catalog.staff_member(offer.staff_id) if offer.staff_id else None
    # The offer's link proved the address: no double opt-in; a deposit comes first.
    status = initial_status(False, bool(service.deposit_cents))
    manage = tokens.issue(offer.end)
    booking = new_booking(
        booking_id=offer.id,  # one offer, one booking: a second accept can't make another
        site_id=site_id,
        branch_id=offer.branch_id,
        service=service,
        staff=staff,
        start=offer.start,
        end=offer.end,
        timezone=catalog.timezone_of(branch),
        customer=entry.customer,
        status=status,
        now=now,
        manage_token_hash=manage.digest,
        buffer_minutes=catalog.site.settings.buffer_minutes,
        source=BookingSource.ONLINE,
        hold_expires_at=hold_expiry(status, now, catalog.policy(branch).confirmation_expiry_hours),
        deposit_cents=service.deposit_cents,
    )
    email = notifications.new_booking_email(catalog.site, branch, booking, manage.raw, now)
    result = waitlist_store.accept(
        site_id, offer_id, booking, email.entry if email else None, now, lambda stored, _: require_open(stored, now)
    )
    if result is waitlist_store.Accepted.TAKEN:
        raise TimeTaken()
    notifications.booking_stored(site_id, email, now)
    from booking.services.calendar_sync import push as calendar_push

    calendar_push.booking_changed(booking, now)
    payment = None
    if booking.status is BookingStatus.PENDING_PAYMENT:
        payment = checkout.start_checkout(catalog.site, booking, now, manage.raw, return_url)
    return BookingMade(booking, manage.raw, payment)


def decline(site_id: str, offer_id: str, token: str, now: datetime) -> Offer:
    """The client lets the time go: it goes to the next in line at once."""
    _offer(site_id, offer_id, token)
    offer, _ = waitlist_store.pass_back(
        site_id, offer_id, OfferStatus.DECLINED, now, lambda stored, _: require_open(stored, now)
    )
    pass_on(offer, now)
    return offer


def leave(site_id: str, token: str, now: datetime, entry_id: str | None = None, offer_id: str | None = None) -> Entry:
    """Leave the list with the link of any waitlist e-mail; an open offer is declined and passed on."""
    if offer_id:
        entry_id = _offer(site_id, offer_id, token).entry_id
        check: Callable[[Entry], None] = lambda entry: None  # noqa: E731 - the offer's token was checked
    elif entry_id:
        check = lambda entry: _require_token(entry.token_hashes, token)  # noqa: E731
    else:
        raise InvalidInput("entryId", "is required")
    try:
        entry, declined = waitlist_store.leave(site_id, entry_id, now, check)
    except NotFound as error:
        raise AccessDenied(INVALID) from error
    if declined is not None:
        pass_on(declined, now)
    return entry


def pass_on(offer: Offer, now: datetime) -> None:
    """A closed offer's freed time goes to the next matching entry (automatic mode)."""
    try:
        catalog = site_store.load_catalog(offer.site_id)
    except NotFound:
        return
    if catalog.policy_of(offer.branch_id).waitlist.mode is Mode.AUTOMATIC:
        waitlist.offer_next(catalog, offer.freed, now)


def expire_offers(now: datetime) -> int:
    """The sweep: close offers whose hold ran out and pass each on, once.
    Safe to run twice at once: the close re-reads the offer in a
    transaction, so only one run closes (and passes on) each offer."""
    from booking.services.email import waitlist_emails

    def require_lapsed(offer: Offer, _: Entry | None) -> None:
        if offer.status is not OfferStatus.OPEN or offer.hold_expires_at is None or offer.hold_expires_at > now:
            raise OfferClosed("Offer answered meanwhile")

    lapsed = 0
    for site_id, offer_id in list(waitlist_store.lapsed_due(now)):
        try:
            offer, entry = waitlist_store.pass_back(site_id, offer_id, OfferStatus.LAPSED, now, require_lapsed)
        except (OfferClosed, NotFound):
            continue
        lapsed += 1
        try:
            catalog = site_store.load_catalog(site_id)
            if entry is not None and catalog.policy_of(offer.branch_id).waitlist.notify_lapsed:
                token = secrets.token_urlsafe(tokens.TOKEN_BYTES)
                waitlist_store.add_token(site_id, entry.id, hash_token(token))
                waitlist_emails.lapsed(catalog, entry, offer, token, now)
        except Exception:
            log.exception("Lapse of offer %s/%s not told", site_id, offer_id)
        pass_on(offer, now)
    return lapsed
