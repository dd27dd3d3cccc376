"""A site admin's payment settings: Stripe Connect onboarding, the no-show
fee, and the public `payments.ready` flag that lets deposit services be
booked only once a charge can really be made."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urlencode

from booking.adapters import payments_store, stripe_gateway
from booking.adapters.email import app_url
from booking.adapters.stripe_gateway import PaymentsUnavailable
from booking.config import PLATFORM_FEE_PERCENT
from booking.domain.errors import NotFound
from booking.domain.payment_record import PaymentRecord
from booking.domain.payments import NoShowFee, PaymentConfig, SitePayments, fee_percent, payments_ready


def _site(site_id: str) -> SitePayments:
    site = payments_store.site_payments(site_id)
    if site is None:
        raise NotFound("Site not found")
    return site


def default_return_url(site_id: str) -> str:
    return f"{app_url()}/admin/?{urlencode({'site': site_id})}#payments"


def connect(site_id: str, return_url: str | None, now: datetime) -> dict[str, Any]:
    """An onboarding link for the site's connected account, made on first use."""
    _site(site_id)
    if not stripe_gateway.stripe_configured():
        raise PaymentsUnavailable(stripe_gateway.NO_CONNECT)
    gateway = stripe_gateway.gateway()
    account = payments_store.private_config(site_id).connected_account_id
    if not account:
        account = gateway.create_account(site_id)
        payments_store.save_account(site_id, account, now)
    back = return_url or default_return_url(site_id)
    url = gateway.account_link(account, refresh_url=back, return_url=back)
    refresh(site_id, now)
    return {"url": url, "accountId": account}


def refresh(site_id: str, now: datetime) -> tuple[PaymentConfig, bool]:
    """Ask Stripe how the connected account stands and set `payments.ready`;
    returns the configuration as it now stands, and whether deposits are ready."""
    site = _site(site_id)
    config = payments_store.private_config(site_id)
    account = config.connected_account_id
    if account and stripe_gateway.stripe_configured():
        try:
            charges, details = stripe_gateway.gateway().account_status(account)
        except PaymentsUnavailable:
            charges, details = config.charges_enabled, config.details_submitted
        config = dataclasses.replace(config, charges_enabled=charges, details_submitted=details, checked_at=now)
        payments_store.save_account_status(site_id, charges, details, now)
    ready = payments_ready(stripe_gateway.stripe_available(), account, config.charges_enabled)
    if site.ready != ready:
        payments_store.set_ready(site_id, ready)
    return config, ready


@dataclass(frozen=True)
class PaymentsOverview:
    """Everything the admin's payments page shows (api/admin/views.py lays it out)."""

    ready: bool
    mode: str
    """`live`, `test`, `dev` or `off`."""
    config: PaymentConfig
    fee_percent: float
    """The platform's share of each payment; 0 without a connected account."""
    currency: str
    no_show_fee: NoShowFee
    payments: tuple[PaymentRecord, ...]
    """The most recent first."""


def overview(site_id: str, now: datetime) -> PaymentsOverview:
    """Everything the admin's payments page shows, freshly checked."""
    config, ready = refresh(site_id, now)
    site = _site(site_id)
    return PaymentsOverview(
        ready=ready,
        mode=stripe_gateway.gateway().mode if stripe_gateway.stripe_available() else "off",
        config=config,
        fee_percent=float(fee_percent(config, PLATFORM_FEE_PERCENT.value)) if config.connected_account_id else 0.0,
        currency=site.currency,
        no_show_fee=site.no_show_fee,
        payments=tuple(payments_store.recent_payments(site_id)),
    )


def update(site_id: str, no_show_fee: NoShowFee | None, disconnect: bool, now: datetime) -> PaymentsOverview:
    _site(site_id)
    if no_show_fee is not None:
        payments_store.save_no_show_fee(site_id, no_show_fee)
    if disconnect:
        payments_store.forget_account(site_id, now)
    return overview(site_id, now)
