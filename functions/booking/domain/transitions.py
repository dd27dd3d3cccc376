"""Which status changes admins, staff and the system may make, and what each
does to the booking's hold on its time."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from booking.domain.errors import Conflict
from booking.domain.model import BookingStatus

S = BookingStatus


class Action(StrEnum):
    CONFIRM = "confirm"
    CANCEL = "cancel"
    COMPLETE = "complete"
    NO_SHOW = "no_show"
    OVERRULE_NO_SHOW = "overrule_no_show"
    REOPEN = "reopen"
    EXPIRE = "expire"
    """The system ends a hold the client let run out (unpaid or unconfirmed)."""


@dataclass(frozen=True)
class Transition:
    sources: frozenset[BookingStatus]
    target: BookingStatus
    by_source: Mapping[BookingStatus, BookingStatus] = field(default_factory=dict)
    """Targets that depend on the source; `target` for every other source."""
    releases_time: bool = False
    """The locks are deleted in the same transaction: the time is free at once."""
    claims_time: bool = False
    """The locks are created again; fails when the time was taken meanwhile."""
    once_begun: bool = False
    """Only from the booking's start on: nobody can be a no-show in advance
    (and a no-show charges the saved card at once)."""

    def target_from(self, source: BookingStatus) -> BookingStatus:
        return self.by_source.get(source, self.target)


TRANSITIONS: dict[Action, Transition] = {
    Action.CONFIRM: Transition(frozenset({S.PENDING, S.PENDING_PAYMENT}), S.CONFIRMED),
    Action.CANCEL: Transition(frozenset({S.PENDING, S.PENDING_PAYMENT, S.CONFIRMED}), S.CANCELLED, releases_time=True),
    Action.COMPLETE: Transition(frozenset({S.CONFIRMED, S.NO_SHOW}), S.COMPLETED),
    Action.NO_SHOW: Transition(frozenset({S.CONFIRMED}), S.NO_SHOW, once_begun=True),
    Action.OVERRULE_NO_SHOW: Transition(frozenset({S.NO_SHOW}), S.CONFIRMED),
    Action.REOPEN: Transition(frozenset({S.CANCELLED}), S.CONFIRMED, claims_time=True),
    Action.EXPIRE: Transition(
        frozenset({S.PENDING, S.PENDING_PAYMENT}), S.EXPIRED, {S.PENDING: S.CANCELLED}, releases_time=True
    ),
}
ENDS_WAITING = (Action.CANCEL, Action.EXPIRE)
"""Actions after which a booking no longer waits for its client (or payment)."""


def transition_for(action: Action, current: BookingStatus) -> Transition:
    """The transition `action` makes from `current`, or Conflict saying why not."""
    transition = TRANSITIONS[action]
    if current not in transition.sources:
        raise Conflict(f"A {current.value.replace('_', ' ')} booking can't be changed with '{action.value}'")
    return transition


def waives_deposit(action: Action, source: BookingStatus) -> bool:
    """Confirming a booking that still waits for its deposit lets the client
    off the deposit: the booking no longer waits for payment."""
    return action is Action.CONFIRM and source is S.PENDING_PAYMENT


def require_begun(action: Action, start: datetime, now: datetime) -> None:
    """Conflict when `action` may only follow the booking's start and `now` is before it."""
    if TRANSITIONS[action].once_begun and now < start:
        raise Conflict("A booking can't be marked a no-show before it begins")
