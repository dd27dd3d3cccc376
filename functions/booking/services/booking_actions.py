"""The one path of every status change, whoever makes it: the client, an
admin, staff, a scheduled job. (A paid deposit confirms its booking in the
transaction that records the Stripe event, through the same
`booking_store.write_status`, and then calls `follow_ups.after_change` just
as `apply` does.)
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from booking.adapters import booking_store, site_store
from booking.domain import tokens
from booking.domain.booking import StatusChange
from booking.domain.record import BookingRecord, DepositStatus, TokenPurpose
from booking.domain.transitions import TRANSITIONS, Action, require_begun, transition_for, waives_deposit
from booking.domain.waitlist import no_show_frees_from

Check = Callable[[BookingRecord], None]
"""Raises a domain error when the caller may not make the change now."""


def apply(
    site_id: str,
    booking_id: str,
    action: Action,
    by: str,
    now: datetime,
    *,
    check: Check | None = None,
    token: str | None = None,
    token_use: TokenPurpose = TokenPurpose.MANAGE,
) -> BookingRecord:
    """Change the booking's status in one transaction, then do what follows
    the change (services/follow_ups.py); returns the booking as changed.
    Raises NotFound, AccessDenied, Conflict (not allowed from the current
    status) or SlotUnavailable (reopening a booking whose time was taken
    meanwhile); see `commit` for `check` and `token`.
    """
    # Imported here, not at module load: the follow-up steps (e-mails,
    # payments) are only needed after a change, and every cold start pays
    # for what `main` loads (docs/booking-speed.md).
    from booking.services import follow_ups

    changed = commit(site_id, booking_id, action, by, now, check=check, token=token, token_use=token_use)
    follow_ups.after_change(changed, action, now)
    return changed


def commit(
    site_id: str,
    booking_id: str,
    action: Action,
    by: str,
    now: datetime,
    *,
    check: Check | None = None,
    token: str | None = None,
    token_use: TokenPurpose = TokenPurpose.MANAGE,
) -> BookingRecord:
    """The change alone, in one transaction, marked for its follow-up.

    With `token` (a client's magic link), the token must be valid for
    `token_use` and is used up by the change. `check` sees the stored
    booking inside the transaction. Whoever asks, a no-show is refused
    before the booking begins (`transitions.require_begun`), and confirming a
    booking whose deposit is unpaid waives it (`transitions.waives_deposit`).
    """
    transition = TRANSITIONS[action]
    interval = site_store.slot_interval_minutes(site_id) if action is Action.NO_SHOW else 0

    def decide(booking: BookingRecord) -> booking_store.StatusUpdate:
        if token is not None:
            tokens.verify(booking, token, now, token_use)
        if check is not None:
            check(booking)
        target = transition_for(action, booking.status).target_from(booking.status)
        require_begun(action, booking.start, now)
        return booking_store.StatusUpdate(
            change=StatusChange(at=now, by=by, to=target, source=booking.status),
            action=action,
            releases_time=transition.releases_time,
            claims_time=transition.claims_time,
            used_token=token,
            waives_deposit=waives_deposit(action, booking.status)
            and booking.payment is not None
            and booking.payment.deposit_status == DepositStatus.PENDING.value,
            frees_from=no_show_frees_from(booking.start, booking.end, now, interval) if interval else None,
        )

    return booking_store.change_status(site_id, booking_id, decide)
