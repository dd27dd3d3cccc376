"""Client e-mails as subject, HTML and plain text, in the site's language.

One branded layout for every kind of e-mail; the templates and all wording
live in booking/templates/ (Jinja2; HTML autoescaped, so names typed by
clients or admins can never become markup; no template links user text, and
the client's name is made `unlinkable` so mail clients can't either). No I/O beyond reading those
files, so the same code renders for SendGrid and for the dev mailbox.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from booking.domain import strings
from booking.domain.money import format_money

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
DEFAULT_ACCENT = "#2563eb"
HEX_COLOUR = re.compile(r"#(?:[0-9a-fA-F]{3}){1,2}")


class Kind(StrEnum):
    CONFIRMATION = "confirmation"
    REQUEST = "request"
    """Double opt-in: the client must confirm."""
    RESCHEDULED = "rescheduled"
    CANCELLED = "cancelled"
    UNCONFIRMED = "unconfirmed"
    """Not confirmed in time: cancelled by the system."""
    REMINDER = "reminder"
    NO_SHOW = "no_show"
    REFUNDED = "refunded"
    """A deposit paid for a booking that can't happen went back automatically."""


class WaitlistKind(StrEnum):
    """The waitlist's e-mails (services/email/waitlist_emails.py): about an
    entry or an offer, not a booking, so they link to the waitlist page."""

    WAITLIST_JOINED = "waitlist_joined"
    WAITLIST_OFFER = "waitlist_offer"
    """A freed time held for a client on the waitlist until `deadline`."""
    WAITLIST_LAPSED = "waitlist_lapsed"


class SubscriptionKind(StrEnum):
    """A subscription's e-mails (services/subscriptions/emails.py): about the
    plan, linking to the manage page of one of its appointments."""

    SUBSCRIBED = "subscribed"
    SUBSCRIPTION_PAYMENT_FAILED = "subscription_payment_failed"
    SUBSCRIPTION_CANCELLING = "subscription_cancelling"
    SUBSCRIPTION_ENDED = "subscription_ended"
    SUBSCRIPTION_NOT_FREE = "subscription_not_free"
    """An occurrence was not free: the client picks another time."""


AnyKind = Kind | WaitlistKind | SubscriptionKind

REASONS: dict[AnyKind, tuple[str, ...]] = {
    Kind.CANCELLED: ("client", "business"),
    Kind.REFUNDED: ("booking_cancelled", "time_taken"),
}
"""The reasons each kind words differently; anything else reads as the last."""


@dataclass(frozen=True)
class Brand:
    name: str
    accent: str = DEFAULT_ACCENT
    logo_url: str = ""
    footer: str = ""
    address_lines: tuple[str, ...] = ()
    phone: str = ""

    def __post_init__(self) -> None:
        # Both end up in attributes: only a colour and a web address may.
        if not HEX_COLOUR.fullmatch(self.accent or ""):
            object.__setattr__(self, "accent", DEFAULT_ACCENT)
        if not re.fullmatch(r"https?://[^\s\"'<>]+", self.logo_url or ""):
            object.__setattr__(self, "logo_url", "")

    @property
    def on_accent(self) -> str:
        """Text colour readable on the accent: dark on light colours, else white."""
        digits = self.accent.lstrip("#")
        if len(digits) == 3:
            digits = "".join(c * 2 for c in digits)
        red, green, blue = (int(digits[i : i + 2], 16) / 255 for i in (0, 2, 4))
        return "#111827" if 0.299 * red + 0.587 * green + 0.114 * blue > 0.6 else "#ffffff"


@dataclass(frozen=True)
class Links:
    manage: str
    book: str
    google: str = ""
    confirm: str = ""
    offer: str = ""
    """The waitlist page of one offer: accept, decline, leave the list."""
    leave: str = ""
    """The waitlist page of one entry: leave the list."""
    unsubscribe: str = ""
    """The marketing unsubscribe page: every e-mail carries it (docs/customers.md)."""


@dataclass(frozen=True)
class EmailContent:
    """Everything an e-mail shows; times are aware datetimes in any zone."""

    kind: AnyKind
    locale: str
    brand: Brand
    customer_name: str
    service: str
    start: datetime
    end: datetime
    timezone: str
    links: Links
    reference: str
    staff: str | None = None
    location: str = ""
    price_cents: int | None = None
    currency: str = "EUR"
    reason: str = "client"
    """Cancellations: `client` or `business`."""
    soon: bool = False
    """Reminders: the short-notice wording (an hour or so before)."""
    deadline: datetime | None = None
    previous: tuple[datetime, datetime] | None = None
    ics: str | None = None
    """`new`, `update` or `cancel`: which note about the attachment to show."""
    change_cutoff_hours: int = 0
    """The site's cutoff for cancelling and moving online, told with the link."""
    deposit_paid_cents: int | None = None
    """Confirmations of a paid deposit: what was paid (what is still due follows from the price)."""
    refunded_cents: int | None = None
    """Refunds: the amount that went back."""
    payment_currency: str = ""
    """The currency of the deposit or refund, if not the site's."""
    no_show_policy: str = ""
    """Confirmations: the site's no-show fee policy, when it applies to this booking."""
    window: str = ""
    """Waitlist entries: the dates and parts of the day the client asked for,
    shown instead of a date and time."""
    plan: str = ""
    """Subscriptions: the plan's name and how it repeats, shown as a detail."""


@dataclass(frozen=True)
class Rendered:
    subject: str
    html: str
    text: str


def format_date(instant: date, lang: str) -> str:
    table = strings.table(lang)
    return str(table["dateFormat"]).format(
        weekday=table["weekdays"][instant.weekday()],
        day=instant.day,
        month=table["months"][instant.month - 1],
        year=instant.year,
    )


def format_time(instant: datetime) -> str:
    return instant.strftime("%H:%M")


def when_text(start: datetime, end: datetime, timezone: str, lang: str) -> str:
    """'Monday 2 March 2026, 10:00–10:30 (Europe/Amsterdam)' in the booking's zone."""
    from zoneinfo import ZoneInfo

    zone = ZoneInfo(timezone)
    local_start, local_end = start.astimezone(zone), end.astimezone(zone)
    times = str(strings.table(lang)["timeRange"]).format(
        start=format_time(local_start), end=format_time(local_end), zone=timezone
    )
    return f"{format_date(local_start, lang)}, {times}"


def hours_text(hours: int, lang: str) -> str:
    """'1 hour', '24 hours' (or '24 uur')."""
    return str(strings.table(lang)["duration.hour" if hours == 1 else "duration.hours"]).format(hours=hours)


def moment_text(instant: datetime, timezone: str, lang: str) -> str:
    """'Monday 2 March 2026, 10:00' in the booking's zone."""
    from zoneinfo import ZoneInfo

    local = instant.astimezone(ZoneInfo(timezone))
    return f"{format_date(local, lang)}, {format_time(local)}"


def _translator(lang: str, html: bool) -> Any:
    from markupsafe import Markup, escape

    table = strings.table(lang)

    def translate(key: str, **values: Any) -> Any:
        wording = str(table[key])
        if html:
            return Markup(escape(wording)).format(**values)  # escapes every value
        return wording.format(**values)

    return translate


@functools.cache
def _environment(html: bool) -> Any:
    import jinja2

    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=html,
        undefined=jinja2.StrictUndefined,
        # Plain text keeps every line break as written; _tidy folds blank runs.
        trim_blocks=html,
        lstrip_blocks=html,
        keep_trailing_newline=True,
    )


WORD_JOINER = "\u2060"
LINK_PUNCTUATION = re.compile(r"([.:@])")


def unlinkable(value: str) -> str:
    """Client-typed text that no mail client will turn into a link.

    Clients link anything that looks like a web or e-mail address, even
    without `https://`. An invisible word joiner before every `.`, `:` and
    `@` leaves the text as it reads but makes it no valid host, scheme or
    e-mail address, so a name like "www.evil.example" stays plain text (in
    the HTML and the text part alike).
    """
    return LINK_PUNCTUATION.sub(WORD_JOINER + r"\1", value)


def _one_line(value: str) -> str:
    """Header values must never carry line breaks."""
    return re.sub(r"[\r\n\t]+", " ", value).strip()


def render(content: EmailContent) -> Rendered:
    from zoneinfo import ZoneInfo

    lang = strings.language(content.locale)
    zone = ZoneInfo(content.timezone)
    start, end = content.start.astimezone(zone), content.end.astimezone(zone)
    table = strings.table(lang)
    date, time = format_date(start, lang), format_time(start)
    details: list[tuple[str, str]] = [(table["label.service"], content.service)]
    if content.window:
        details.append((table["label.preference"], content.window))
    else:
        details.append((table["label.date"], date))
        time_range = str(table["timeRange"]).format(start=time, end=format_time(end), zone=content.timezone)
        details.append((table["label.time"], time_range))
    if content.plan:
        details.append((table["label.plan"], content.plan))
    if content.staff:
        details.append((table["label.staff"], content.staff))
    if content.location:
        details.append((table["label.location"], content.location))
    if content.price_cents is not None:
        details.append(
            (table["label.price"], format_money(content.price_cents, content.currency, lang, code_first=True))
        )
    details.extend(_payment_details(content, lang))
    reference_label = "label.waitlistReference" if isinstance(content.kind, WaitlistKind) else "label.reference"
    details.append((table[reference_label], content.reference))
    subject = _one_line(
        str(table[f"subject.{content.kind.value}"]).format(service=content.service, date=date, time=time)
    )
    context = {
        "kind": content.kind.value,
        "locale": lang,
        "subject": subject,
        "brand": content.brand,
        "customer_name": unlinkable(content.customer_name),
        "details": details,
        "links": content.links,
        "booking": {"service": content.service, "date": date, "time": time},
        "reason": _reason(content),
        "soon": content.soon,
        "deadline": moment_text(content.deadline, content.timezone, lang) if content.deadline else "",
        "previous": when_text(*content.previous, content.timezone, lang) if content.previous else "",
        "ics": content.ics,
        "manage_note": "note.manage.cutoff" if content.change_cutoff_hours else "note.manage",
        "change_cutoff": hours_text(content.change_cutoff_hours, lang),
        "no_show_policy": content.no_show_policy,
        "refunded": _money(content.refunded_cents, content, lang) if content.refunded_cents is not None else "",
    }
    html = _environment(True).get_template(f"{content.kind.value}.html").render(t=_translator(lang, True), **context)
    text = _environment(False).get_template(f"{content.kind.value}.txt").render(t=_translator(lang, False), **context)
    return Rendered(subject=subject, html=html, text=_tidy(text))


def _reason(content: EmailContent) -> str:
    allowed = REASONS.get(content.kind, ("client", "business"))
    return content.reason if content.reason in allowed else allowed[-1]


def _money(cents: int, content: EmailContent, lang: str) -> str:
    return format_money(cents, (content.payment_currency or content.currency).upper(), lang, code_first=True)


def _payment_details(content: EmailContent, lang: str) -> list[tuple[str, str]]:
    """A paid deposit and what is left to pay at the appointment; a refund's amount."""
    table = strings.table(lang)
    rows: list[tuple[str, str]] = []
    if content.deposit_paid_cents:
        rows.append((table["label.depositPaid"], _money(content.deposit_paid_cents, content, lang)))
        if content.price_cents is not None:
            due = max(content.price_cents - content.deposit_paid_cents, 0)
            rows.append((table["label.stillDue"], _money(due, content, lang) if due else table["amount.nothingDue"]))
    if content.refunded_cents is not None:
        rows.append((table["label.refunded"], _money(content.refunded_cents, content, lang)))
    return rows


def _tidy(text: str) -> str:
    """At most one blank line in a row: templates are written for reading."""
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"
