"""The payment result page's view of a booking and its deposit."""

from __future__ import annotations

from datetime import timedelta

from booking.api.payment_views import payment_status
from booking.domain.model import BookingStatus
from booking.domain.payments import SitePayments
from booking.domain.record import DepositPayment
from booking.services.payments.checkout import PaymentStatus
from tests.support.records import START, booking_record

DEPOSIT = DepositPayment(mode="dev", deposit_cents=2000, checkout_url="https://pay.example/cs_1")


def test_the_result_page_offers_checkout_only_while_the_booking_waits_for_payment() -> None:
    hold = START - timedelta(days=1) + timedelta(minutes=30)
    waiting = booking_record(status=BookingStatus.PENDING_PAYMENT, payment=DEPOSIT, hold_expires_at=hold)
    view = payment_status(
        PaymentStatus(waiting, SitePayments(name="Salon", locale="nl", logo_url="https://x.example/l.png"))
    )
    assert (view["status"], view["depositStatus"], view["amountCents"]) == ("pending_payment", "pending", 2000)
    assert (view["checkoutUrl"], view["holdExpiresAt"]) == ("https://pay.example/cs_1", hold.isoformat())
    assert (view["siteName"], view["locale"], view["devCheckout"], view["serviceName"]) == (
        "Salon",
        "nl",
        True,
        "Haircut",
    )

    cancelled = booking_record(status=BookingStatus.CANCELLED, payment=DEPOSIT)
    view = payment_status(PaymentStatus(cancelled, None))
    assert (view["checkoutUrl"], view["holdExpiresAt"], view["siteName"]) == (None, None, "demo")


def test_the_result_page_wears_the_sites_colour_and_logo() -> None:
    site = SitePayments(name="Salon", accent_color="#be185d", logo_url="https://salon.example/logo.png")
    view = payment_status(PaymentStatus(booking_record(status=BookingStatus.CONFIRMED, payment=DEPOSIT), site))
    assert (view["siteId"], view["accentColor"], view["logoUrl"]) == (
        "demo",
        "#be185d",
        "https://salon.example/logo.png",
    )
    assert payment_status(PaymentStatus(booking_record(payment=DEPOSIT), None))["logoUrl"] is None
