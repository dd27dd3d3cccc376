"""Stripe Terminal behind a small interface, beside `stripe_gateway`.

Card payments at the desk are server-driven: the server creates a
`card_present` PaymentIntent and asks the reader to process it; the
reader's result comes back as a webhook, or when the desk asks (polling).
The local simulated reader (`domain.pos.LOCAL_SIMULATED_READER`) needs no
Stripe key: its payments succeed as soon as they are looked at, for
development in the emulator. On Connect sites the readers and payments live
on the connected account (the `Stripe-Account` header).
The SDK is imported only inside the calls that need it.
"""

from __future__ import annotations

import logging
import os
import secrets
from dataclasses import dataclass
from typing import Any, Protocol, cast

from booking.adapters.stripe_gateway import KEY_PREFIXES, PaymentsUnavailable
from booking.config import STRIPE_SECRET_KEY, is_emulator
from booking.domain.errors import Conflict, InvalidInput
from booking.domain.pos import Reader

log = logging.getLogger(__name__)
OFFLINE_CODES = {"terminal_reader_offline", "terminal_reader_timeout"}
BUSY_CODE = "terminal_reader_busy"


class ReaderUnavailable(Conflict):
    """The reader can't take the payment: `code` says why (`reader_offline`, `reader_busy`)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class CardPayment:
    site_id: str
    sale_id: str
    booking_id: str | None
    amount_cents: int
    currency: str
    reader_id: str
    description: str
    connected_account: str | None = None


@dataclass(frozen=True)
class CardState:
    status: str
    """`processing`, `succeeded` or `failed`."""
    error: str = ""
    """Why it failed: `card_declined`, `customer_canceled`, ..."""


class Terminal(Protocol):
    mode: str

    def register_reader(self, code: str, label: str, location_id: str | None, account: str | None) -> Reader: ...
    def start_payment(self, payment: CardPayment) -> str: ...
    def card_state(self, reader_id: str, payment_intent_id: str, account: str | None) -> CardState: ...
    def refund(self, payment_intent_id: str, amount_cents: int, account: str | None, key: str) -> tuple[str, str]: ...


def terminal_for(reader: Reader | None) -> Terminal:
    """The local simulated reader without Stripe; Stripe's Terminal otherwise."""
    if reader is not None and reader.local:
        return LocalTerminal()
    key = STRIPE_SECRET_KEY.value
    if key.startswith(KEY_PREFIXES):
        return StripeTerminal(key, os.environ.get("STRIPE_API_BASE") or None)
    raise PaymentsUnavailable("Stripe is not configured on this server: only the local simulated reader works")


def local_available() -> bool:
    """The local simulated reader exists only in the emulator."""
    return is_emulator()


class StripeTerminal:
    def __init__(self, api_key: str, api_base: str | None = None) -> None:
        import stripe

        addresses = cast(Any, {"api": api_base}) if api_base else None
        self.client = stripe.StripeClient(api_key, base_addresses=addresses, max_network_retries=2)
        self.mode = "test" if api_key.startswith(("sk_test_", "rk_test_")) else "live"

    @staticmethod
    def _options(account: str | None, key: str | None = None) -> Any:
        options: dict[str, str] = {}
        if account:
            options["stripe_account"] = account
        if key:
            options["idempotency_key"] = key
        return options

    def register_reader(self, code: str, label: str, location_id: str | None, account: str | None) -> Reader:
        import stripe

        params: dict[str, Any] = {"registration_code": code, "label": label}
        if location_id:
            params["location"] = location_id
        try:
            reader = self.client.v1.terminal.readers.create(cast(Any, params), self._options(account))
        except stripe.InvalidRequestError as error:
            raise InvalidInput("registrationCode", error.user_message or "was not accepted by Stripe") from error
        except stripe.StripeError as error:
            raise PaymentsUnavailable() from error
        simulated = str(getattr(reader, "device_type", "")).startswith("simulated") or code.startswith("simulated")
        return Reader(str(reader.id), str(reader.label or label), simulated)

    def start_payment(self, payment: CardPayment) -> str:
        """Create the PaymentIntent and hand it to the reader; its id."""
        import stripe

        metadata = {"siteId": payment.site_id, "saleId": payment.sale_id, "kind": "pos"}
        if payment.booking_id:
            metadata["bookingId"] = payment.booking_id
        params = {
            "amount": payment.amount_cents,
            "currency": payment.currency.lower(),
            "payment_method_types": ["card_present"],
            "capture_method": "automatic",
            "description": payment.description,
            "metadata": metadata,
        }
        key = f"pos-{payment.site_id}-{payment.sale_id}"
        options = self._options(payment.connected_account, key)
        try:
            intent = self.client.v1.payment_intents.create(cast(Any, params), options)
            readers = self.client.v1.terminal.readers
            readers.process_payment_intent(
                payment.reader_id,
                cast(Any, {"payment_intent": intent.id}),
                self._options(payment.connected_account, f"{key}-process"),
            )
        except stripe.InvalidRequestError as error:
            if error.code in OFFLINE_CODES:
                raise ReaderUnavailable("reader_offline", "The card reader is offline") from error
            if error.code == BUSY_CODE:
                raise ReaderUnavailable("reader_busy", "The card reader is busy with another payment") from error
            log.warning("Terminal payment refused: %s", error)
            raise PaymentsUnavailable() from error
        except stripe.StripeError as error:
            log.warning("Terminal payment failed: %s", error)
            raise PaymentsUnavailable() from error
        return str(intent.id)

    def card_state(self, reader_id: str, payment_intent_id: str, account: str | None) -> CardState:
        import stripe

        try:
            intent = self.client.v1.payment_intents.retrieve(payment_intent_id, None, self._options(account))
            if intent.status == "succeeded":
                return CardState("succeeded")
            reader = self.client.v1.terminal.readers.retrieve(reader_id, None, self._options(account))
        except stripe.StripeError as error:
            log.warning("Terminal state unknown: %s", error)
            return CardState("processing")
        action = reader.action
        process = getattr(action, "process_payment_intent", None) if action else None
        if action is None or _id_of(getattr(process, "payment_intent", None)) != payment_intent_id:
            return CardState("processing")
        if action.status == "failed":
            return CardState("failed", str(action.failure_code or "card_declined"))
        return CardState("processing")

    def refund(self, payment_intent_id: str, amount_cents: int, account: str | None, key: str) -> tuple[str, str]:
        """Refund a card-present payment, on the connected account where it was made."""
        import stripe

        params = {"payment_intent": payment_intent_id, "amount": amount_cents}
        try:
            refund = self.client.v1.refunds.create(cast(Any, params), self._options(account, key))
        except stripe.StripeError as error:
            log.warning("Terminal refund failed: %s", error)
            raise PaymentsUnavailable() from error
        return str(refund.id), str(refund.status or "pending")


class LocalTerminal:
    """The local simulated reader: every payment succeeds, no money moves."""

    mode = "dev"

    def register_reader(self, code: str, label: str, location_id: str | None, account: str | None) -> Reader:
        raise InvalidInput("registrationCode", "the local simulated reader needs no registration")

    def start_payment(self, payment: CardPayment) -> str:
        return f"pi_local_{secrets.token_hex(12)}"

    def card_state(self, reader_id: str, payment_intent_id: str, account: str | None) -> CardState:
        return CardState("succeeded")

    def refund(self, payment_intent_id: str, amount_cents: int, account: str | None, key: str) -> tuple[str, str]:
        return f"re_local_{secrets.token_hex(12)}", "succeeded"


def _id_of(value: Any) -> str | None:
    if value is None or isinstance(value, str):
        return value or None
    found = getattr(value, "id", None)
    return found if isinstance(found, str) else None
