"""Security rules, one test per rule, for anonymous visitors, signed-in users
without a role, the admin of another site and the admin of the site."""

from __future__ import annotations

from typing import Any

import pytest

from tests.support.rules import ADMIN, ANONYMOUS, NO_ROLE, OTHER_ADMIN

EVERYONE = [ANONYMOUS, NO_ROLE, OTHER_ADMIN, ADMIN]
NOT_ADMIN = [ANONYMOUS, NO_ROLE, OTHER_ADMIN]
PUBLIC_CATALOG = [
    "sites/demo",
    "sites/demo/services/haircut",
    "sites/demo/branches/centrum",
    "sites/demo/staff/anna",
    "sites/demo/schedules/site",
]
SERVER_OWNED = [
    "sites/demo/bookings/b1",
    "sites/demo/locks/anna_20300101T0900Z",
    "sites/demo/customers/c1",
    "sites/demo/calendars/anna_2030-01",
    "sites/demo/blockedTime/b1",
    "sites/demo/staffPrivate/anna",
    "sites/demo/outbox/m1",
    "sites/demo/payments/p1",
    "sites/demo/sales/s1",
    "sites/demo/private/pos",
    "sites/demo/private/posReceipts",
    "sites/demo/receiptNumbers/1",
    "rateLimits/slots_abc_1",
]


@pytest.fixture
def site(demo: Any) -> Any:
    site = demo.collection("sites").document("demo")
    site.collection("bookings").document("b1").set({"status": "confirmed"})
    site.collection("customers").document("c1").set({"email": "a@example.com"})
    site.collection("staffPrivate").document("anna").set({"pinHash": "x"})
    demo.collection("rateLimits").document("slots_abc_1").set({"count": 1})
    return site


@pytest.mark.parametrize("path", PUBLIC_CATALOG)
def test_anyone_reads_the_catalog_of_an_activated_site(site: Any, path: str) -> None:
    assert all(client.can_read(path) for client in EVERYONE)


@pytest.mark.parametrize("path", PUBLIC_CATALOG)
def test_only_the_sites_admin_reads_the_catalog_of_a_deactivated_site(site: Any, path: str) -> None:
    site.update({"bookingEnabled": False})
    assert [client.can_read(path) for client in EVERYONE] == [False, False, False, True]


@pytest.mark.parametrize("path", PUBLIC_CATALOG)
def test_no_client_writes_the_catalog(site: Any, path: str) -> None:
    assert not any(client.can_write(path) for client in EVERYONE)
    assert not any(client.can_delete(path) for client in EVERYONE)


@pytest.mark.parametrize("path", ["sites/demo/bookings/b1", "sites/demo/customers/c1"])
def test_only_the_sites_admin_reads_bookings_and_customers(site: Any, path: str) -> None:
    assert [client.can_read(path) for client in EVERYONE] == [False, False, False, True]


@pytest.mark.parametrize("path", SERVER_OWNED)
def test_no_client_ever_writes_server_owned_documents(site: Any, path: str) -> None:
    for client in EVERYONE:
        assert not client.can_write(path, {"status": "confirmed"}), path
        assert not client.can_delete(path), path


@pytest.mark.parametrize(
    "path",
    [
        "sites/demo/locks/anna_20300101T0900Z",
        "sites/demo/calendars/anna_2030-01",
        "sites/demo/blockedTime/b1",
        "sites/demo/staffPrivate/anna",
        "sites/demo/outbox/m1",
        "sites/demo/sales/s1",
        "sites/demo/private/pos",
        "sites/demo/private/posReceipts",
        "sites/demo/receiptNumbers/1",
        "rateLimits/slots_abc_1",
    ],
)
def test_server_only_documents_are_unreadable_even_for_admins(site: Any, path: str) -> None:
    assert not any(client.can_read(path) for client in EVERYONE)


def test_a_new_booking_cannot_be_created_by_a_client(site: Any) -> None:
    for client in EVERYONE:
        assert not client.can_write("sites/demo/bookings/new-one", {"status": "confirmed"})
    assert not site.collection("bookings").document("new-one").get().exists


def test_site_admins_of_another_site_read_nothing_private(site: Any) -> None:
    assert not OTHER_ADMIN.can_read("sites/demo/bookings/b1")
    assert not OTHER_ADMIN.can_list("sites/demo/bookings")
    assert ADMIN.can_list("sites/demo/bookings")


@pytest.mark.parametrize("path", ["sites/demo/waitlist/e1", "sites/demo/waitlistOffers/o1"])
def test_no_client_reads_or_writes_the_waitlist_not_even_the_sites_admin(site: Any, path: str) -> None:
    site.collection("waitlist").document("e1").set({"status": "waiting", "customer": {"email": "a@example.com"}})
    site.collection("waitlistOffers").document("o1").set({"status": "open", "tokenHash": "x"})
    for client in EVERYONE:
        assert not client.can_read(path), path
        assert not client.can_write(path, {"status": "booked"}), path
        assert not client.can_delete(path), path
    assert not ADMIN.can_list(path.rsplit("/", 1)[0])


@pytest.mark.parametrize("path", ["sites/demo/subscriptionPlans/p1", "sites/demo/subscriptions/s1"])
def test_no_client_reads_or_writes_subscriptions_not_even_the_sites_admin(site: Any, path: str) -> None:
    site.collection("subscriptionPlans").document("p1").set({"name": "Monthly haircut", "stripePriceId": "price_1"})
    site.collection("subscriptions").document("s1").set({"state": "active", "customer": {"email": "a@example.com"}})
    for client in EVERYONE:
        assert not client.can_read(path), path
        assert not client.can_write(path, {"state": "ended"}), path
        assert not client.can_delete(path), path
    assert not ADMIN.can_list(path.rsplit("/", 1)[0])
