"""Booking → Customers: the list with its filters and cursors, a profile with
its history, tags and notes, and merging two profiles, for the site's admins only."""

from __future__ import annotations

from typing import Any

import pytest

from tests.emulator.email_support import book
from tests.emulator.test_admin_access import NO_ROLE_TOKEN, OTHER_ADMIN_TOKEN, admin_call, admin_error
from tests.support.dates import local, next_workday

PEOPLE = [
    # id, name, email, visits, tier, last visit, no-shows, tags, opted in
    ("c-ada", "Ada Lovelace", "ada@example.com", 12, "vip", 20261120, 0, ["colour"], True),
    ("c-grace", "Grace Hopper", "grace@example.com", 6, "regular", 20260901, 2, [], False),
    ("c-alan", "Alan Turing", "alan@example.com", 3, "returning", 20261201, 3, ["colour"], True),
    ("c-new", "Nina New", "nina@example.com", 0, "new", 0, 0, [], False),
]


def seed_people(db: Any) -> None:
    from booking.domain.customer_list import search_prefixes

    for cid, name, email, visits, tier, last, no_shows, tags, opted in PEOPLE:
        db.document(f"sites/demo/customers/{cid}").set(
            {
                "name": name,
                "email": email,
                "phone": "",
                "visitCount": visits,
                "tier": tier,
                "lastVisitDay": last,
                "firstVisitDay": last,
                "noShowCount": no_shows,
                "tags": tags,
                "marketingOptIn": opted,
                "searchPrefixes": search_prefixes(name, email),
                "bookingCount": visits,
            }
        )


def ids(result: dict[str, Any]) -> list[str]:
    return [customer["id"] for customer in result["customers"]]


def listed(**filters: Any) -> list[str]:
    return ids(admin_call("adminListCustomers", {"siteId": "demo", **filters}))


def test_the_list_filters_sorts_and_pages_with_a_cursor(demo: Any) -> None:
    seed_people(demo)
    assert listed() == ["c-alan", "c-ada", "c-grace", "c-new"]
    assert listed(sort="visits") == ["c-ada", "c-grace", "c-alan", "c-new"]
    assert listed(search="gra") == ["c-grace"]
    assert listed(search="TURING") == ["c-alan"]
    assert listed(search="ada@ex") == ["c-ada"]
    assert listed(tier="vip") == ["c-ada"]
    assert listed(tag="colour", consent="opted_in") == ["c-alan", "c-ada"]
    assert listed(consent="not_opted_in") == ["c-grace", "c-new"]
    assert listed(visitedBefore="2026-11-01") == ["c-grace"]
    assert listed(visitedAfter="2026-11-01") == ["c-alan", "c-ada"]
    assert listed(minNoShows=2) == ["c-alan", "c-grace"]
    first = admin_call("adminListCustomers", {"siteId": "demo", "pageSize": 3})
    assert ids(first) == ["c-alan", "c-ada", "c-grace"]
    rest = admin_call("adminListCustomers", {"siteId": "demo", "pageSize": 3, "cursor": first["nextCursor"]})
    assert (ids(rest), rest["nextCursor"]) == (["c-new"], None)
    vip = admin_call("adminListCustomers", {"siteId": "demo", "tier": "vip"})["customers"][0]
    assert (vip["visits"], vip["lastVisit"], vip["tags"]) == (12, "2026-11-20", ["colour"])


def test_filters_that_no_index_serves_are_refused_by_name(demo: Any) -> None:
    error = admin_error("adminListCustomers", {"siteId": "demo", "search": "a", "tag": "colour"})
    assert (error.status, error.message.split(":")[0]) == ("INVALID_ARGUMENT", "tag")
    assert admin_error("adminListCustomers", {"siteId": "demo", "tier": "gold"}).status == "INVALID_ARGUMENT"


def customer_of(db: Any, booking: dict[str, Any]) -> str:
    customer_id: str = db.document(f"sites/demo/bookings/{booking['bookingId']}").get().get("customerId")
    return customer_id


def test_a_profile_shows_its_history_newest_first_and_keeps_tags_and_notes(demo: Any) -> None:
    day = next_workday(2)
    first, second = book(local(day, 10)), book(local(day, 12))
    customer_id = customer_of(demo, first)
    detail = admin_call("adminGetCustomer", {"siteId": "demo", "customerId": customer_id})
    assert (detail["name"], detail["email"], detail["tier"]) == ("Ada Lovelace", "ada@example.com", "new")
    assert [b["id"] for b in detail["history"]] == [second["bookingId"], first["bookingId"]]
    saved = admin_call(
        "adminUpdateCustomer",
        {"siteId": "demo", "customerId": customer_id, "tags": [" VIP ", "colour", "vip"], "notes": "Likes tea"},
    )
    assert (saved["tags"], saved["notes"]) == (["vip", "colour"], "Likes tea")
    assert listed(tag="vip") == [customer_id]
    assert demo.document(f"sites/demo/customers/{customer_id}").get().get("name") == "Ada Lovelace"


def test_merging_moves_the_bookings_and_deletes_the_other_profile(demo: Any) -> None:
    day = next_workday(2)
    home = book(local(day, 10), email="ada@example.com")
    work = book(local(day, 12), email="ada@work.example")
    keep, gone = customer_of(demo, home), customer_of(demo, work)
    admin_call("adminUpdateCustomer", {"siteId": "demo", "customerId": gone, "tags": ["colour"], "notes": "Work"})
    merged = admin_call("adminMergeCustomers", {"siteId": "demo", "keepId": keep, "mergeId": gone})
    assert {b["id"] for b in merged["history"]} == {home["bookingId"], work["bookingId"]}
    assert (merged["bookings"], merged["tags"], merged["aliases"]) == (2, ["colour"], ["ada@work.example"])
    assert not demo.document(f"sites/demo/customers/{gone}").get().exists
    assert customer_of(demo, work) == keep
    error = admin_error("adminMergeCustomers", {"siteId": "demo", "keepId": keep, "mergeId": keep})
    assert error.status == "INVALID_ARGUMENT"


CALLS = {
    "adminListCustomers": {"siteId": "demo"},
    "adminGetCustomer": {"siteId": "demo", "customerId": "c-ada"},
    "adminUpdateCustomer": {"siteId": "demo", "customerId": "c-ada", "tags": ["x"], "notes": ""},
    "adminMergeCustomers": {"siteId": "demo", "keepId": "c-ada", "mergeId": "c-grace"},
}


@pytest.mark.parametrize("auth", [None, NO_ROLE_TOKEN, OTHER_ADMIN_TOKEN], ids=["signed-out", "no-role", "other"])
def test_only_the_sites_admins_see_or_change_customers(demo: Any, auth: str | None) -> None:
    seed_people(demo)
    for name, data in CALLS.items():
        status = admin_error(name, data, auth=auth).status
        assert status == ("UNAUTHENTICATED" if auth is None else "PERMISSION_DENIED"), name
    assert demo.document("sites/demo/customers/c-grace").get().exists
    assert demo.document("sites/demo/customers/c-ada").get().get("tags") == ["colour"]
