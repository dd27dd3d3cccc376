"""Does a paid-deposit event pay for the deposit we asked for?

Stripe signs every event it sends, but a signature only proves Stripe sent
it, not that it is about the Checkout Session we opened for this booking:
metadata is free text that anyone able to create a session or a
PaymentIntent (on the platform, or on a connected account) can fill with our
site and booking ids. So before a deposit confirms its booking, the event
must match the stored deposit in every point that decides what was paid.
"""

from __future__ import annotations

from enum import StrEnum

from booking.domain.payments import PaymentEvent
from booking.domain.record import DepositPayment


class Mismatch(StrEnum):
    """Why a paid-deposit event was not applied (`mismatch_…` in the event record)."""

    NO_DEPOSIT = "mismatch_no_deposit"
    """The booking never asked for a deposit."""
    ACCOUNT = "mismatch_account"
    """The event happened on a connected account, or pays another account than the site's."""
    SESSION = "mismatch_session"
    """Another Checkout Session than the booking's."""
    PAYMENT_INTENT = "mismatch_payment_intent"
    """Another PaymentIntent than the one already recorded for the deposit."""
    AMOUNT = "mismatch_amount"
    CURRENCY = "mismatch_currency"


def deposit_mismatch(event: PaymentEvent, deposit: DepositPayment | None) -> Mismatch | None:
    """The first point where `event` differs from the deposit asked for, or None.

    Our deposits are destination charges made on the platform's account, so
    an event that Stripe delivers from a connected account (`account` set) is
    never one of ours. A session event must name the booking's session (the
    session was created with the site's account as destination, so the match
    proves that too); a PaymentIntent event names no session, so its
    destination is compared with the site's account the deposit was made for.
    """
    if deposit is None or deposit.deposit_cents <= 0:
        return Mismatch.NO_DEPOSIT
    if event.account is not None:
        return Mismatch.ACCOUNT
    if event.session_id is not None:
        if event.session_id != deposit.checkout_session_id:
            return Mismatch.SESSION
    elif event.destination != deposit.connected_account_id:
        return Mismatch.ACCOUNT
    known_intent = deposit.payment_intent_id
    if known_intent and event.payment_intent_id and event.payment_intent_id != known_intent:
        return Mismatch.PAYMENT_INTENT
    if event.amount_cents != deposit.deposit_cents:
        return Mismatch.AMOUNT
    if event.currency.upper() != (deposit.currency or "").upper():
        return Mismatch.CURRENCY
    return None
