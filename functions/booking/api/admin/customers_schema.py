"""Validation of the Customers pages' input."""

from __future__ import annotations

from datetime import date
from typing import Any

from booking.api.admin.schemas import MAX_PAGE_SIZE, Data, ident, integer, obj, one_of, required_id, string
from booking.api.schemas import local_date
from booking.domain.customer import MAX_NOTES, MAX_TAG_LENGTH, MAX_TAGS, clean_tags
from booking.domain.customer_list import CustomerFilter, Sort
from booking.domain.errors import InvalidInput
from booking.domain.loyalty import Tier
from booking.services.admin.customers import CustomerQuery

FILTERS = {"search", "tier", "tag", "consent", "visitedAfter", "visitedBefore", "minNoShows", "sort"}
CONSENT = {"opted_in": True, "not_opted_in": False}


def _day(data: Data, key: str) -> date | None:
    return local_date(data, key) if data.get(key) is not None else None


def _tag(value: Any, name: str) -> str:
    if not isinstance(value, str) or not value.strip() or len(value) > MAX_TAG_LENGTH:
        raise InvalidInput(name, f"must be text of 1 to {MAX_TAG_LENGTH} characters")
    return " ".join(value.lower().split())


def customer_filter(data: Data) -> CustomerFilter:
    """The list's filters (also the CSV export's custom segment)."""
    search = string(data, "search", 100).strip() or None
    after, before = _day(data, "visitedAfter"), _day(data, "visitedBefore")
    if after and before and before <= after:
        raise InvalidInput("visitedBefore", "must be after visitedAfter")
    consent = data.get("consent")
    return CustomerFilter(
        search=search,
        tier=Tier(one_of(data, "tier", "", tuple(t.value for t in Tier))) if data.get("tier") is not None else None,
        tag=_tag(data["tag"], "tag") if data.get("tag") is not None else None,
        opted_in=CONSENT[one_of(data, "consent", "", tuple(CONSENT))] if consent is not None else None,
        visited_after=after,
        visited_before=before,
        min_no_shows=integer(data, "minNoShows", "", 1, 1000) if data.get("minNoShows") is not None else None,
        sort=Sort(one_of(data, "sort", "", tuple(s.value for s in Sort)))
        if data.get("sort") is not None
        else Sort.LAST_VISIT,
    )


def customer_query(data: Any) -> CustomerQuery:
    data = obj(data, "", {"siteId"}, {*FILTERS, "pageSize", "cursor"})
    return CustomerQuery(
        site_id=required_id(data, "siteId"),
        where=customer_filter(data),
        page_size=integer(data, "pageSize", "", 1, MAX_PAGE_SIZE) if data.get("pageSize") is not None else 25,
        cursor=ident(data, "cursor", optional=True),
    )


def customer_ref(data: Any) -> tuple[str, str, str | None]:
    data = obj(data, "", {"siteId", "customerId"}, {"cursor"})
    return required_id(data, "siteId"), required_id(data, "customerId"), ident(data, "cursor", optional=True)


def customer_update(data: Any) -> tuple[str, str, tuple[str, ...], str]:
    data = obj(data, "", {"siteId", "customerId", "tags", "notes"})
    tags = data["tags"]
    if not isinstance(tags, list) or len(tags) > MAX_TAGS:
        raise InvalidInput("tags", f"must be a list of at most {MAX_TAGS} tags")
    cleaned = clean_tags([_tag(tag, f"tags.{index}") for index, tag in enumerate(tags)])
    notes = string(data, "notes", MAX_NOTES, multiline=True)
    return required_id(data, "siteId"), required_id(data, "customerId"), cleaned, notes


def customer_merge(data: Any) -> tuple[str, str, str]:
    data = obj(data, "", {"siteId", "keepId", "mergeId"})
    return required_id(data, "siteId"), required_id(data, "keepId"), required_id(data, "mergeId")
