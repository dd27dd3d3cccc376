"""What follows a booking's status change, done even if the function that
made the change dies right after its commit.

The change's transaction marks the booking (`followUp`: the action, when,
and the status it led to). The caller then does the work and clears the
mark; if it died first, the sweep finds the mark once it is older than
`LEASE` and does the work again. Every step is safe to repeat: each e-mail
has one outbox id per event, the no-show count follows a flag on the
booking, the no-show fee is recorded once, and its overrule and the end of
a Checkout Session change nothing the second time.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from booking.adapters import booking_store
from booking.adapters.booking_store import FOLLOW_UP
from booking.adapters.firestore_client import due_in_sites, site_ref
from booking.domain.transitions import Action
from booking.services.email import notifications
from booking.services.payments import fee_refund as payments_no_show_refund

LEASE = timedelta(minutes=5)
"""A mark this old was left by a function that died: the caller's own
follow-up takes well under a second."""
BATCH = 200
OVERRULING = (Action.OVERRULE_NO_SHOW, Action.COMPLETE)
"""The actions that take a no-show back (completing one: the client came after all)."""
log = logging.getLogger(__name__)


def after_change(site_id: str, booking_id: str, action: Action, booking: dict[str, Any]) -> None:
    """The work after a committed change; `booking` as the change left it.
    Never raises: the change itself has happened."""
    if action is Action.NO_SHOW or action in OVERRULING:
        _step("no-show count", booking_store.sync_no_show_count, site_id, booking_id)
    if action is Action.NO_SHOW:
        _step("no-show fee", _record_no_show_fee, site_id, booking_id, booking)
    elif action in OVERRULING:
        at = booking.get("updatedAt") or datetime.now(UTC)
        _step("overruled no-show fee", payments_no_show_refund.no_show_overruled, site_id, booking_id, at)
    notifications.status_changed(site_id, booking_id, action, booking)
    if action is Action.CANCEL:
        _step("end of the Checkout Session", _end_checkout, site_id, booking_id, booking)
    if mark := booking.get(FOLLOW_UP):
        # Left in place, the sweep repeats the work (which changes nothing) and clears it.
        _step("follow-up mark", booking_store.clear_follow_up, site_id, booking_id, mark)


def _step(what: str, work: Callable[..., object], site_id: str, booking_id: str, *args: Any) -> None:
    """One step of the follow-up: a failing one must not keep the others from running."""
    try:
        work(site_id, booking_id, *args)
    except Exception:
        log.exception("The %s of booking %s/%s failed", what, site_id, booking_id)


# Imported where used: the payment services use this module.
def _record_no_show_fee(site_id: str, booking_id: str, booking: dict[str, Any]) -> None:
    from booking.services.payments import no_show_fee as payments_no_show

    payments_no_show.booking_no_show(site_id, booking_id, booking)


def _end_checkout(site_id: str, booking_id: str, booking: dict[str, Any]) -> None:
    from booking.services.payments import checkout as payments_checkout

    payments_checkout.booking_cancelled(site_id, booking_id, booking)


def retry_due(now: datetime) -> int:
    """The sweep: follow-ups a function left undone; returns how many it did."""
    done = 0
    for site_id, booking_id in list(due_in_sites("bookings", now - LEASE, BATCH, field=f"{FOLLOW_UP}.at")):
        try:
            done += _finish(site_id, booking_id)
        except Exception:  # one broken booking must not hold up the others
            log.exception("Follow-up of booking %s/%s not finished", site_id, booking_id)
    return done


def _finish(site_id: str, booking_id: str) -> int:
    stored = site_ref(site_id).collection("bookings").document(booking_id).get().to_dict() or {}
    mark = stored.get(FOLLOW_UP)
    if not mark:
        return 0  # done meanwhile
    log.warning("Finishing the follow-up of %s on booking %s/%s", mark["action"], site_id, booking_id)
    # As the change left the booking, for the e-mail to find its history entry.
    changed = {**stored, "status": mark["to"], "updatedAt": mark["at"]}
    after_change(site_id, booking_id, Action(mark["action"]), changed)
    return 1
