"""POS settings: the admin's page (enable, readers, default location and
reader, receipt options) and what the desk needs to sell (docs/pos.md)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import datetime

from booking.adapters import payments_store, sale_store, site_store, terminal_gateway
from booking.domain.errors import InvalidInput, NotFound
from booking.domain.model import Service
from booking.domain.pos import LOCAL_SIMULATED_READER, MAX_READERS, PosSettings, Reader, Sale
from booking.domain.receipt import ReceiptOptions


@dataclass(frozen=True)
class DeskSetup:
    """What the staff app's checkout needs before the first sale."""

    settings: PosSettings
    currency: str
    services: tuple[Service, ...]
    """Active services with a price: the extra lines the desk can add."""


@dataclass(frozen=True)
class AdminPos:
    settings: PosSettings
    local_reader: bool
    """The local simulated reader can be added (emulator only)."""
    sales: tuple[Sale, ...]


@dataclass(frozen=True)
class SettingsChange:
    enabled: bool | None = None
    location_id: str | None = None
    default_reader_id: str | None = None
    receipt: ReceiptOptions | None = None
    remove_reader_id: str | None = None


def desk_setup(site_id: str) -> DeskSetup:
    catalog = site_store.load_catalog(site_id, require_enabled=False)
    services = tuple(s for s in catalog.services if s.active and s.price_cents)
    return DeskSetup(sale_store.settings(site_id), catalog.site.currency, services)


def admin_view(site_id: str) -> AdminPos:
    if payments_store.site_payments(site_id) is None:
        raise NotFound("Site not found")
    return AdminPos(sale_store.settings(site_id), terminal_gateway.local_available(), tuple(sale_store.recent(site_id)))


def update(site_id: str, change: SettingsChange, now: datetime) -> AdminPos:
    current = admin_view(site_id).settings
    readers = tuple(r for r in current.readers if r.id != change.remove_reader_id)
    default = change.default_reader_id if change.default_reader_id is not None else current.default_reader_id
    if default and default not in {r.id for r in readers}:
        if change.default_reader_id:
            raise InvalidInput("defaultReaderId", "is not one of the site's readers")
        default = None
    settings = dataclasses.replace(
        current,
        enabled=current.enabled if change.enabled is None else change.enabled,
        location_id=current.location_id if change.location_id is None else (change.location_id or None),
        readers=readers,
        default_reader_id=default or None,
        receipt=change.receipt or current.receipt,
    )
    sale_store.save_settings(site_id, settings, now)
    return admin_view(site_id)


def register_reader(site_id: str, code: str, label: str, local: bool, now: datetime) -> AdminPos:
    """Add a Stripe Terminal reader by its registration code (`simulated-wpe`
    in test mode), or the local simulated reader (emulator, no Stripe key)."""
    current = admin_view(site_id).settings
    if len(current.readers) >= MAX_READERS:
        raise InvalidInput("registrationCode", f"a site has at most {MAX_READERS} readers")
    if local:
        if not terminal_gateway.local_available():
            raise InvalidInput("local", "the local simulated reader exists only in the emulator")
        reader = Reader(LOCAL_SIMULATED_READER, label or "Simulated reader", True)
    else:
        if not code:
            raise InvalidInput("registrationCode", "is required")
        account = payments_store.private_config(site_id).connected_account_id
        reader = terminal_gateway.terminal_for(None).register_reader(code, label, current.location_id, account)
    readers = (*(r for r in current.readers if r.id != reader.id), reader)
    default = current.default_reader_id or reader.id
    sale_store.save_settings(site_id, dataclasses.replace(current, readers=readers, default_reader_id=default), now)
    return admin_view(site_id)
