"""Deleting a catalog item: refused while something still uses it, decided
on what the delete's own transaction read."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pytest

from booking.adapters import catalog_store
from booking.adapters.catalog_store import ItemUse
from booking.domain.errors import Conflict, NotFound
from booking.services.admin import catalog

NOW = datetime(2026, 3, 10, 9, tzinfo=UTC)
UNUSED = ItemUse(exists=True, future_bookings=False, staff=False)


def delete_with(monkeypatch: pytest.MonkeyPatch, use: ItemUse, collection: str) -> list[str]:
    deleted: list[str] = []

    def delete_item(site_id: str, kind: str, item_id: str, now: datetime, check: Callable[[ItemUse], None]) -> None:
        check(use)
        deleted.append(f"{kind}/{item_id}")

    monkeypatch.setattr(catalog_store, "delete_item", delete_item)
    catalog.delete_item("demo", "x1", collection, NOW)
    return deleted


@pytest.mark.parametrize("collection", ["services", "staff", "branches"])
def test_an_unused_item_is_deleted(monkeypatch: pytest.MonkeyPatch, collection: str) -> None:
    assert delete_with(monkeypatch, UNUSED, collection) == [f"{collection}/x1"]


def test_a_missing_item_is_not_found_by_its_name(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(NotFound, match="Staff member not found"):
        delete_with(monkeypatch, ItemUse(exists=False, future_bookings=False, staff=False), "staff")


def test_an_item_with_future_bookings_must_be_deactivated_instead(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(Conflict, match="Service has future bookings"):
        delete_with(monkeypatch, ItemUse(exists=True, future_bookings=True, staff=False), "services")


def test_a_branch_with_staff_is_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(Conflict, match="Branch still has staff"):
        delete_with(monkeypatch, ItemUse(exists=True, future_bookings=False, staff=True), "branches")
