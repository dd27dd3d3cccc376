"""The customer list's filters: what combines, and one declared index per query."""

from __future__ import annotations

import itertools
import json
from datetime import date
from pathlib import Path

import pytest

from booking.domain import customer_list
from booking.domain.customer_list import CustomerFilter, Sort
from booking.domain.errors import InvalidInput
from booking.domain.loyalty import Tier

ROOT = Path(__file__).resolve().parents[3]


def declared() -> list[list[str]]:
    indexes = json.loads((ROOT / "firestore.indexes.json").read_text())["indexes"]
    return [
        [field["fieldPath"] for field in index["fields"]]
        for index in indexes
        if index["collectionGroup"] == "customers"
    ]


OPTIONS = {
    "search": [None, "gra"],
    "tier": [None, Tier.VIP],
    "tag": [None, "vip"],
    "opted_in": [None, True],
    "visited_after": [None, date(2026, 1, 1)],
    "min_no_shows": [None, 2],
    "sort": list(Sort),
}


def every_filter() -> list[CustomerFilter]:
    found = []
    for values in itertools.product(*OPTIONS.values()):
        try:
            where = CustomerFilter(**dict(zip(OPTIONS, values, strict=True)))  # type: ignore[arg-type]
            customer_list.plan(where)
        except InvalidInput:
            continue
        found.append(where)
    return found


def test_every_query_the_list_can_make_has_its_composite_index() -> None:
    indexes = declared()
    for where in every_filter():
        fields = customer_list.index_fields(customer_list.plan(where))
        assert len(fields) == 1 or fields in indexes, (where, fields)


@pytest.mark.parametrize(
    ("where", "field"),
    [
        (CustomerFilter(search="ada", tag="vip"), "tag"),
        (CustomerFilter(visited_after=date(2026, 1, 1), min_no_shows=2), "minNoShows"),
        (CustomerFilter(visited_before=date(2026, 1, 1), sort=Sort.VISITS), "sort"),
    ],
)
def test_combinations_no_index_can_serve_are_refused_by_name(where: CustomerFilter, field: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        customer_list.plan(where)
    assert refused.value.field == field


def test_a_last_visit_before_leaves_out_customers_who_never_came() -> None:
    plan = customer_list.plan(CustomerFilter(visited_before=date(2026, 3, 1)))
    assert set(plan.ranges) == {("lastVisitDay", "<", 20260301), ("lastVisitDay", ">", 0)}


def test_search_finds_the_start_of_the_name_of_any_word_and_of_the_address() -> None:
    prefixes = customer_list.search_prefixes("Grace  Hopper", "G.Hopper@Example.com")
    for typed in ("g", "grace h", "hop", "g.hopper@ex"):
        assert customer_list.search_term(typed) in prefixes
    assert "race" not in prefixes
