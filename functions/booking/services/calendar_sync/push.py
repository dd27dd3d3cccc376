"""Push: a booking's event in the write calendar of each connection of its
resource, as the booking now is. Run after every change, retried on failure
with backoff, never raising: the booking stands whatever the calendar does.
"""

from __future__ import annotations

import logging
from datetime import datetime

from booking.adapters import booking_store, calendar_clients, calendar_connections
from booking.adapters.calendar_provider import CredentialsRejected, ProviderError, PushedEvent
from booking.domain.calendar_sync import Connection, ConnectionStatus, event_uid, next_push_attempt
from booking.domain.record import BookingRecord, FollowUp

RETRY_BATCH = 100
PUSH_TIMEOUT_S = 5
"""A push runs inside the call that changed the booking: a slow calendar
fails it fast, and the retry sweep takes over."""
log = logging.getLogger(__name__)


def after_change(follow_up: FollowUp) -> None:
    """The follow-up step of every status change."""
    booking_changed(follow_up.booking, follow_up.now)


def booking_changed(booking: BookingRecord, now: datetime) -> None:
    """Called after a booking is made, moved or changes status; never raises:
    the booking stands whatever its calendars do."""
    try:
        for connection in calendar_connections.for_site(booking.site_id):
            if connection.staff_id in (None, booking.staff_id):
                push(connection, booking, now)
    except Exception:
        log.exception("Calendar push of booking %s/%s failed", booking.site_id, booking.id)


def pushed_event(booking: BookingRecord) -> PushedEvent:
    summary = f"{booking.service.name} – {booking.customer.name}"
    lines = [f"Booking {booking.id}", booking.customer.email, booking.customer.phone or ""]
    return PushedEvent(
        uid=event_uid(booking.id),
        start=booking.start,
        end=booking.end,
        timezone=booking.timezone or "UTC",
        summary=summary,
        description="\n".join(line for line in lines if line),
    )


def push(connection: Connection, booking: BookingRecord, now: datetime) -> bool:
    """Make the write calendar show the booking as it is; False when it failed
    (recorded for a retry and shown on the Calendar Sync page)."""
    if not connection.write_calendar or connection.status is ConnectionStatus.RECONNECT:
        return False
    try:
        provider = calendar_clients.provider_for(connection, PUSH_TIMEOUT_S)
        if booking.holds_time:
            provider.put_event(connection.write_calendar, pushed_event(booking))
        else:
            provider.delete_event(connection.write_calendar, event_uid(booking.id))
    except ProviderError as error:  # refused credentials included
        if isinstance(error, CredentialsRejected):
            calendar_connections.sync_failed(connection, str(error), now, None)
        failures = calendar_connections.failures_of(connection, booking.id) + 1
        calendar_connections.push_failed(connection, booking.id, str(error), next_push_attempt(failures, now), now)
        log.warning("Calendar push of %s/%s failed: %s", booking.site_id, booking.id, error)
        return False
    calendar_connections.mark_pushed(connection, booking.id, booking.holds_time)
    return True


def retry_due(now: datetime) -> int:
    """Failed pushes whose backoff ran out, tried again; returns how many succeeded."""
    done = 0
    for site_id, connection_id, booking_id in list(calendar_connections.pushes_due(now, RETRY_BATCH)):
        try:
            connection = calendar_connections.get(site_id, connection_id)
            booking = booking_store.get(site_id, booking_id)
            if connection is None or booking is None:
                continue
            done += push(connection, booking, now)
        except Exception:  # one broken push must not hold up the others
            log.exception("Retry of calendar push %s/%s/%s failed", site_id, connection_id, booking_id)
    return done
