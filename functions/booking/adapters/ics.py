"""Calendar entries for a booking: the .ics attached to e-mails and the
"Add to Google Calendar" link.

One booking is one calendar event for its whole life: the UID never changes
and SEQUENCE grows with every change, so a calendar that imported the
confirmation updates (or removes) that same entry when a later e-mail
arrives. Times carry their zone (TZID plus a VTIMEZONE), so an event keeps
its wall-clock time across daylight-saving changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

PRODID = "-//Booking//Appointments//EN"
GOOGLE_CALENDAR = "https://calendar.google.com/calendar/render"
ZONE_MARGIN = timedelta(days=366)


class Method(StrEnum):
    REQUEST = "REQUEST"
    """A new or changed appointment."""
    CANCEL = "CANCEL"
    """The appointment no longer takes place."""


@dataclass(frozen=True)
class CalendarEvent:
    uid: str
    sequence: int
    start: datetime
    end: datetime
    timezone: str
    summary: str
    location: str
    description: str
    organizer_email: str
    organizer_name: str
    attendee_email: str
    attendee_name: str
    url: str = ""
    staff_name: str | None = None


def booking_uid(booking_id: str, domain: str) -> str:
    """Stable per booking; the same form as the widget's own .ics download."""
    return f"{booking_id}@{domain}"


def build_ics(event: CalendarEvent, method: Method, stamp: datetime) -> bytes:
    """An iTIP message (RFC 5546) with one event, as bytes ready to attach."""
    from icalendar import Calendar, Event, vCalAddress, vText

    zone = ZoneInfo(event.timezone)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method.value)

    entry = Event()
    entry.add("uid", event.uid)
    entry.add("sequence", event.sequence)
    entry.add("dtstamp", stamp.astimezone(UTC))
    entry.add("dtstart", event.start.astimezone(zone))
    entry.add("dtend", event.end.astimezone(zone))
    entry.add("summary", event.summary)
    entry.add("status", "CANCELLED" if method is Method.CANCEL else "CONFIRMED")
    entry.add("transp", "OPAQUE")
    if event.location:
        entry.add("location", event.location)
    if event.description:
        entry.add("description", event.description)
    if event.url:
        entry.add("url", event.url)

    organizer = vCalAddress(f"mailto:{event.organizer_email}")
    organizer.params["cn"] = vText(event.organizer_name)
    entry.add("organizer", organizer)
    attendee = vCalAddress(f"mailto:{event.attendee_email}")
    attendee.params["cn"] = vText(event.attendee_name)
    attendee.params["role"] = vText("REQ-PARTICIPANT")
    attendee.params["partstat"] = vText("ACCEPTED")
    attendee.params["rsvp"] = vText("FALSE")
    entry.add("attendee", attendee)
    if event.staff_name:
        # Who the client will see; not an attendee, as staff get no mail from it.
        entry.add("contact", event.staff_name)
    calendar.add_component(entry)
    # The zone's rules for the year around the event: enough for any client,
    # and far smaller than the full history.
    first, last = event.start.date() - ZONE_MARGIN, event.end.date() + ZONE_MARGIN
    calendar.add_missing_timezones(first_date=first, last_date=last)
    ical: bytes = calendar.to_ical()
    return ical


def utc_stamp(instant: datetime) -> str:
    return instant.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def google_calendar_url(event: CalendarEvent) -> str:
    """Google's event template link: UTC times, shown in the booking's zone."""
    query = {
        "action": "TEMPLATE",
        "text": event.summary,
        "dates": f"{utc_stamp(event.start)}/{utc_stamp(event.end)}",
        "ctz": event.timezone,
        "details": event.description,
        "location": event.location,
    }
    return f"{GOOGLE_CALENDAR}?{urlencode(query)}"
