"""The JSON of the payment result page: the booking, its deposit and the
site's branding (the page is the business's, not the platform's)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from booking.domain.model import BookingStatus
from booking.domain.record import DepositPayment

if TYPE_CHECKING:  # types only: the payment use cases load when a payment call runs
    from booking.services.payments.checkout import PaymentStatus


def payment_status(view: PaymentStatus) -> dict[str, Any]:
    """The result page's JSON (the booking has a deposit)."""
    booking, site = view.booking, view.site
    payment = booking.payment or DepositPayment()
    hold = booking.hold_expires_at
    waiting = booking.status is BookingStatus.PENDING_PAYMENT
    return {
        "bookingId": booking.id,
        "siteId": booking.site_id,
        "status": booking.status.value,
        "depositStatus": payment.deposit_status,
        "amountCents": payment.deposit_cents,
        "currency": payment.currency,
        "checkoutUrl": payment.checkout_url if waiting else None,
        "holdExpiresAt": hold.isoformat() if hold else None,
        "start": booking.start.isoformat(),
        "timezone": booking.timezone,
        "serviceName": booking.service.name,
        "siteName": site.name if site else booking.site_id,
        "locale": site.locale if site else "en",
        "accentColor": site.accent_color if site else None,
        "logoUrl": (site.logo_url or None) if site else None,
        "devCheckout": payment.mode == "dev",
    }
