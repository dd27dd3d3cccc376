"""What a site publishes about itself: profile, widget options and terms."""

from __future__ import annotations

from dataclasses import dataclass, field

from booking.domain.model import Hours, Settings
from booking.domain.payments import NoShowFee


@dataclass(frozen=True)
class Widget:
    heading: str = "Book an appointment"
    accent_color: str = "#2563eb"
    layout: str = "full"
    """`compact` or `full`."""
    show_staff: bool = True


@dataclass(frozen=True)
class Terms:
    required: bool = False
    text: str = ""
    url: str = ""
    version: str = ""
    """Changes whenever the text or URL changes; stored with each booking."""


@dataclass(frozen=True)
class EmailBrand:
    """How the site's e-mails to clients look and whom clients answer."""

    logo_url: str = ""
    footer: str = ""
    reply_to: str = ""


@dataclass(frozen=True)
class Site:
    id: str
    name: str
    timezone: str
    locale: str = "en"
    currency: str = "EUR"
    booking_enabled: bool = False
    widget: Widget = field(default_factory=Widget)
    settings: Settings = field(default_factory=Settings)
    terms: Terms = field(default_factory=Terms)
    email: EmailBrand = field(default_factory=EmailBrand)
    hours: Hours = field(default_factory=Hours)
    """Site-wide hours: the schedule without branches, overrides for all."""
    no_show_fee: NoShowFee = field(default_factory=NoShowFee)
    """`settings.noShowFee`: stated in the widget before booking and in the confirmation e-mail."""


@dataclass(frozen=True)
class Branch:
    id: str
    name: str
    address: str = ""
    city: str = ""
    phone: str = ""
    active: bool = True
    timezone: str | None = None
    """Set when the branch lies in another zone than the site."""
    hours: Hours | None = None
