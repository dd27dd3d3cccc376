"""The customer list's filters and the one indexed query each combination is.

Every query is equalities (tier, consent, and one array-contains: a tag or
a search prefix) plus at most one range, ordered by that range's field
first, so one composite index serves it however many profiles there are
(firestore.indexes.json declares them all, a unit test checks). Name and
e-mail search is an exact match on `searchPrefixes`, the lowercased prefixes
of the name, its words and the address, stored with the profile.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from booking.domain.errors import InvalidInput
from booking.domain.loyalty import Tier

PREFIX_LENGTH = 20
"""Search terms are cut to this length, and so are the stored prefixes."""
NEVER = 0
"""`lastVisitDay` (and `firstVisitDay`) of a profile without visits."""


class Sort(StrEnum):
    LAST_VISIT = "lastVisit"
    VISITS = "visits"


SORT_FIELDS = {Sort.LAST_VISIT: "lastVisitDay", Sort.VISITS: "visitCount"}
ORDER_FIELDS = ("lastVisitDay", "visitCount", "noShowCount")
"""Every field a list is ordered by, newest or most first."""


@dataclass(frozen=True)
class CustomerFilter:
    search: str | None = None
    tier: Tier | None = None
    tag: str | None = None
    opted_in: bool | None = None
    visited_after: date | None = None
    """A last visit on or after this day."""
    visited_before: date | None = None
    """A last visit before this day (customers who never came are left out)."""
    min_no_shows: int | None = None
    sort: Sort = Sort.LAST_VISIT


@dataclass(frozen=True)
class Plan:
    """The query: equalities, one array-contains, ranges, the order field."""

    equal: tuple[tuple[str, object], ...]
    contains: tuple[str, str] | None
    ranges: tuple[tuple[str, str, int], ...]
    order: str


def day_number(day: date) -> int:
    return day.year * 10000 + day.month * 100 + day.day


def search_term(text: str) -> str:
    return " ".join(text.lower().split())[:PREFIX_LENGTH]


def search_prefixes(name: str, email: str) -> list[str]:
    """Every prefix a search may type: of the whole name, of each word of it
    and of the e-mail address (lowercased, spaces folded)."""
    words = search_term(name).split(" ")
    sources = {search_term(name), *words, email.strip().lower()[:PREFIX_LENGTH]}
    return sorted({source[:end] for source in sources if source for end in range(1, len(source) + 1)})


def plan(where: CustomerFilter) -> Plan:
    """The one query for `where`, or InvalidInput naming what can't combine."""
    if where.search and where.tag:
        raise InvalidInput("tag", "can't be combined with a search; search first, then filter by tag")
    visit_range = where.visited_after is not None or where.visited_before is not None
    if visit_range and where.min_no_shows is not None:
        raise InvalidInput("minNoShows", "can't be combined with a last-visit filter")
    if visit_range and where.sort is Sort.VISITS:
        raise InvalidInput("sort", "a last-visit filter lists by last visit")
    if where.min_no_shows is not None and where.sort is Sort.VISITS:
        raise InvalidInput("sort", "a no-show filter lists by no-shows")
    equal: list[tuple[str, object]] = []
    if where.tier is not None:
        equal.append(("tier", where.tier.value))
    if where.opted_in is not None:
        equal.append(("marketingOptIn", where.opted_in))
    contains = None
    if where.search:
        contains = ("searchPrefixes", search_term(where.search))
    elif where.tag:
        contains = ("tags", where.tag)
    ranges: list[tuple[str, str, int]] = []
    if where.visited_after is not None:
        ranges.append(("lastVisitDay", ">=", day_number(where.visited_after)))
    if where.visited_before is not None:
        ranges.append(("lastVisitDay", "<", day_number(where.visited_before)))
        if where.visited_after is None:
            ranges.append(("lastVisitDay", ">", NEVER))
    if where.min_no_shows is not None:
        ranges.append(("noShowCount", ">=", where.min_no_shows))
        return Plan(tuple(equal), contains, tuple(ranges), "noShowCount")
    order = "lastVisitDay" if visit_range else SORT_FIELDS[where.sort]
    return Plan(tuple(equal), contains, tuple(ranges), order)


def index_fields(query: Plan) -> list[str]:
    """The composite index the query needs, as its field paths in order
    (the equalities sorted, the array, then the order field)."""
    fields = sorted(field for field, _ in query.equal)
    if query.contains is not None:
        fields.append(query.contains[0])
    return [*fields, query.order]
