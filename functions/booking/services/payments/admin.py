"""A site admin's payment settings: Stripe Connect onboarding, the no-show
fee, and the public `payments.ready` flag that lets deposit services be
booked only once a charge can really be made."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any
from urllib.parse import urlencode

from google.cloud import firestore

from booking.adapters import payments_store, stripe_gateway
from booking.adapters.email import app_url
from booking.adapters.stripe_gateway import PaymentsUnavailable
from booking.domain.errors import NotFound
from booking.domain.payments import NoShowFee, no_show_fee_from, payments_ready
from booking.services.payments.checkout import fee_percent


def _site(site_id: str) -> dict[str, Any]:
    site = payments_store.site(site_id)
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
    config = payments_store.private_config(site_id)
    account = config.get("connectedAccountId")
    if not account:
        account = gateway.create_account(site_id)
        payments_store.save_private_config(
            site_id,
            {"connectedAccountId": account, "chargesEnabled": False, "detailsSubmitted": False, "updatedAt": now},
        )
    back = return_url or default_return_url(site_id)
    url = gateway.account_link(account, refresh_url=back, return_url=back)
    refresh(site_id, now)
    return {"url": url, "accountId": account}


def refresh(site_id: str, now: datetime) -> dict[str, Any]:
    """Ask Stripe how the connected account stands and set `payments.ready`."""
    site = _site(site_id)
    config = payments_store.private_config(site_id)
    account = config.get("connectedAccountId") or None
    if account and stripe_gateway.stripe_configured():
        try:
            charges, details = stripe_gateway.gateway().account_status(account)
        except PaymentsUnavailable:
            charges, details = bool(config.get("chargesEnabled")), bool(config.get("detailsSubmitted"))
        config = {**config, "chargesEnabled": charges, "detailsSubmitted": details, "checkedAt": now}
        payments_store.save_private_config(
            site_id, {"chargesEnabled": charges, "detailsSubmitted": details, "checkedAt": now}
        )
    ready = payments_ready(stripe_gateway.stripe_available(), account, bool(config.get("chargesEnabled")))
    if bool((site.get("payments") or {}).get("ready")) != ready:
        payments_store.update_site(site_id, {"payments.ready": ready})
    return {**config, "ready": ready}


def overview(site_id: str, now: datetime) -> dict[str, Any]:
    """Everything the admin's payments page shows, freshly checked."""
    config = refresh(site_id, now)
    site = _site(site_id)
    fee = no_show_fee_from((site.get("settings") or {}).get("noShowFee"))
    account = config.get("connectedAccountId")
    return {
        "ready": config["ready"],
        "mode": stripe_gateway.gateway().mode if stripe_gateway.stripe_available() else "off",
        "connect": (
            {
                "accountId": account,
                "chargesEnabled": bool(config.get("chargesEnabled")),
                "detailsSubmitted": bool(config.get("detailsSubmitted")),
            }
            if account
            else None
        ),
        "feePercent": float(fee_percent(config)) if account else 0.0,
        "currency": site.get("currency", "EUR"),
        "noShowFee": fee.to_doc(),
        "payments": [_json(record) for record in payments_store.recent_payments(site_id)],
    }


def update(site_id: str, no_show_fee: NoShowFee | None, disconnect: bool, now: datetime) -> dict[str, Any]:
    _site(site_id)
    if no_show_fee is not None:
        payments_store.update_site(site_id, {"settings.noShowFee": no_show_fee.to_doc()})
    if disconnect:
        payments_store.save_private_config(
            site_id,
            {
                "connectedAccountId": firestore.DELETE_FIELD,
                "chargesEnabled": firestore.DELETE_FIELD,
                "detailsSubmitted": firestore.DELETE_FIELD,
                "updatedAt": now,
            },
        )
    return overview(site_id, now)


def _json(value: Any) -> Any:
    """Callable results are JSON: instants become ISO-8601 text."""
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {key: _json(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_json(item) for item in value]
    return value
