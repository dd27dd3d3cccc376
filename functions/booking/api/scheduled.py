"""Scheduled jobs. Cloud Scheduler delivers at least once, so every job is
safe to run twice at the same moment. Locally, scheduled/runner.py fires
them on these same schedules."""

from __future__ import annotations

import logging

from firebase_functions import options, scheduler_fn

from booking.api.context import now

# Each job imports its use case when it runs, not at module load: every cold
# start of every function imports this module (docs/booking-speed.md).

log = logging.getLogger(__name__)


@scheduler_fn.on_schedule(
    schedule="*/10 * * * *",
    timezone=options.Timezone("Etc/UTC"),
)
def expireHolds(event: scheduler_fn.ScheduledEvent) -> None:  # noqa: N802 - function name
    """Unpaid deposit bookings after 30 minutes, unconfirmed ones after the branch's expiry."""
    from booking.services import holds

    log.info("expireHolds released %d bookings", holds.expire_holds(now()))


@scheduler_fn.on_schedule(schedule="*/5 * * * *", timezone=options.Timezone("Etc/UTC"))
def markNoShows(event: scheduler_fn.ScheduledEvent) -> None:  # noqa: N802 - function name
    """Confirmed bookings past their start plus the branch's no-show timer;
    and refunds of overruled no-show fees that failed before, retried."""
    from booking.services import no_show
    from booking.services.payments import fee_refund as payments_no_show_refund

    log.info("markNoShows retried %d fee refunds", payments_no_show_refund.retry_due(now()))
    log.info("markNoShows marked %d bookings", no_show.mark_no_shows(now()))


@scheduler_fn.on_schedule(schedule="*/5 * * * *", timezone=options.Timezone("Etc/UTC"))
def sendReminders(event: scheduler_fn.ScheduledEvent) -> None:  # noqa: N802 - function name
    """Reminders due within the last 5 minutes, and retries of e-mails that failed."""
    from booking.services.email import reminders

    log.info("sendReminders wrote %d reminders", reminders.send_reminders(now()))


@scheduler_fn.on_schedule(schedule="*/5 * * * *", timezone=options.Timezone("Etc/UTC"))
def finishFollowUps(event: scheduler_fn.ScheduledEvent) -> None:  # noqa: N802 - function name
    """The e-mails and payment steps of status changes whose function died
    right after committing the change."""
    from booking.services import follow_ups

    log.info("finishFollowUps finished %d status changes", follow_ups.retry_due(now()))


@scheduler_fn.on_schedule(schedule="*/5 * * * *", timezone=options.Timezone("Etc/UTC"))
def expireWaitlistOffers(event: scheduler_fn.ScheduledEvent) -> None:  # noqa: N802 - function name
    """Waitlist offers whose hold ran out: closed, and passed to the next in line."""
    from booking.services import waitlist_client

    log.info("expireWaitlistOffers passed on %d offers", waitlist_client.expire_offers(now()))


@scheduler_fn.on_schedule(schedule="0 * * * *", timezone=options.Timezone("Etc/UTC"))
def refreshDashboards(event: scheduler_fn.ScheduledEvent) -> None:  # noqa: N802 - function name
    """Every site's dashboard aggregate, once an hour (docs/analytics.md)."""
    from booking.services import analytics

    log.info("refreshDashboards computed %d dashboards", analytics.refresh_all(now()))


@scheduler_fn.on_schedule(schedule="0 * * * *", timezone=options.Timezone("Etc/UTC"))
def rollForwardSubscriptions(event: scheduler_fn.ScheduledEvent) -> None:  # noqa: N802 - function name
    """Subscriptions whose paid period is over: appointments booked ahead
    that a webhook missed, and cancelled plans ended and released."""
    from booking.services.subscriptions import ahead

    log.info("rollForwardSubscriptions looked at %d subscriptions", ahead.roll_forward(now()))


@scheduler_fn.on_schedule(schedule="*/5 * * * *", timezone=options.Timezone("Etc/UTC"), timeout_sec=300)
def syncCalendars(event: scheduler_fn.ScheduledEvent) -> None:  # noqa: N802 - function name
    """Connected calendars whose sync is due, read into the busy calendars;
    and failed calendar pushes whose backoff ran out, tried again."""
    from booking.services.calendar_sync import pull

    log.info("syncCalendars synced %d connections", pull.sync_due(now()))
