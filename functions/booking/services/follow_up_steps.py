"""The table of what follows each status change: `Action -> steps`.

A feature that must act when bookings change (the waitlist on freed time,
calendar sync, CRM counters) adds its step here; the pipeline
(services/follow_ups.py) runs the steps of an action in order, each on its
own, after the change committed, and again from the sweep if the function
died first. So every step must be safe to repeat and must not raise for
anything but a bug; it receives the booking as the change left it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from booking.adapters import booking_store
from booking.domain.record import FollowUp
from booking.domain.transitions import Action
from booking.services import waitlist
from booking.services.calendar_sync import push as calendar_push
from booking.services.email import notifications
from booking.services.payments import fee_refund, no_show_fee, session_end


@dataclass(frozen=True)
class Step:
    name: str
    """What the logs call it when it fails."""
    run: Callable[[FollowUp], object]


def _count_no_show(follow_up: FollowUp) -> None:
    booking_store.sync_no_show_count(follow_up.booking)


NO_SHOW_COUNT = Step("no-show count", _count_no_show)
NO_SHOW_FEE = Step("no-show fee", no_show_fee.booking_no_show)
OVERRULED_FEE = Step("overruled no-show fee", fee_refund.no_show_overruled)
CLIENT_EMAIL = Step("client e-mail", notifications.status_changed)
END_CHECKOUT = Step("end of the Checkout Session", session_end.booking_cancelled)
WAIVED_DEPOSIT = Step("end of the Checkout Session of a waived deposit", session_end.deposit_waived)
FREED_TIME = Step("waitlist offer of the freed time", waitlist.freed_by_change)
CALENDAR_PUSH = Step("calendar push", calendar_push.after_change)

STEPS: dict[Action, tuple[Step, ...]] = {
    Action.CONFIRM: (CLIENT_EMAIL, WAIVED_DEPOSIT, CALENDAR_PUSH),
    Action.CANCEL: (CLIENT_EMAIL, END_CHECKOUT, FREED_TIME, CALENDAR_PUSH),
    Action.EXPIRE: (CLIENT_EMAIL, END_CHECKOUT, FREED_TIME, CALENDAR_PUSH),
    Action.NO_SHOW: (NO_SHOW_COUNT, NO_SHOW_FEE, CLIENT_EMAIL, FREED_TIME, CALENDAR_PUSH),
    Action.OVERRULE_NO_SHOW: (NO_SHOW_COUNT, OVERRULED_FEE, CLIENT_EMAIL, CALENDAR_PUSH),
    # Completing a no-show takes it back too: the client came after all.
    Action.COMPLETE: (NO_SHOW_COUNT, OVERRULED_FEE, CLIENT_EMAIL, CALENDAR_PUSH),
    Action.REOPEN: (CLIENT_EMAIL, CALENDAR_PUSH),
}
