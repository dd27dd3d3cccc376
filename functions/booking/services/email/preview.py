"""The confirmation e-mail as a client would get it, with the branding an
admin is still typing: the real composer and templates (messages.compose,
render.py) on a sample booking that is never stored. Nothing is written."""

from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from booking.adapters import site_store
from booking.domain.booking import Customer
from booking.domain.model import BookingSource, BookingStatus, Service
from booking.domain.record import new_booking
from booking.domain.site import EmailBrand
from booking.services.email import messages
from booking.services.email.render import Kind, Rendered

SAMPLE_CUSTOMER = Customer(name="Alex Example", email="alex@example.com")
SAMPLE_SERVICE = Service(id="sample", name="Appointment", duration_minutes=30)
SAMPLE_REFERENCE = "preview"
SAMPLE_TOKEN = "preview"
"""Links in the preview lead nowhere: no token is issued."""


def confirmation_preview(site_id: str, branding: EmailBrand, now: datetime) -> Rendered:
    """The site's confirmation with `branding`, for its first service and
    branch, tomorrow at 10:00 in the site's time zone."""
    catalog = site_store.load_catalog(site_id, require_enabled=False)
    site = dataclasses.replace(catalog.site, email=branding)
    branch = next(iter(catalog.active_branches), None)
    service = next(iter(s for s in catalog.services if s.active), SAMPLE_SERVICE)
    staff = next((member for member in catalog.staff if member.active and service.id in member.service_ids), None)
    timezone = catalog.timezone_of(branch)
    tomorrow = (now.astimezone(ZoneInfo(timezone)) + timedelta(days=1)).date()
    start = datetime(tomorrow.year, tomorrow.month, tomorrow.day, 10, tzinfo=ZoneInfo(timezone))
    booking = new_booking(
        booking_id=SAMPLE_REFERENCE,
        site_id=site_id,
        branch_id=branch.id if branch else None,
        service=service,
        staff=staff,
        start=start,
        end=start + timedelta(minutes=service.duration_minutes),
        timezone=timezone,
        customer=SAMPLE_CUSTOMER,
        status=BookingStatus.CONFIRMED,
        now=now,
        manage_token_hash="",
        buffer_minutes=0,
        source=BookingSource.ONLINE,
    )
    message = messages.compose(messages.site_mail_for(site, branch), booking, Kind.CONFIRMATION, SAMPLE_TOKEN, now)
    return Rendered(subject=message.subject, html=message.html, text=message.text)
