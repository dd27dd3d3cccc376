"""Customers for admins: the list, one profile with its history and consent
log, editing tags and notes, and merging two profiles of one person."""

from __future__ import annotations

from dataclasses import dataclass

from booking.adapters import customer_queries, customer_store
from booking.adapters.booking_queries import UnknownCursor
from booking.domain import customer_list
from booking.domain.consent import ConsentEntry
from booking.domain.customer import CustomerProfile, merged
from booking.domain.customer_list import CustomerFilter
from booking.domain.errors import InvalidInput, NotFound
from booking.domain.record import BookingRecord


@dataclass(frozen=True)
class CustomerQuery:
    site_id: str
    where: CustomerFilter
    page_size: int = 25
    cursor: str | None = None


@dataclass(frozen=True)
class CustomerPage:
    customers: tuple[CustomerProfile, ...]
    next_cursor: str | None


@dataclass(frozen=True)
class CustomerDetail:
    profile: CustomerProfile
    history: tuple[BookingRecord, ...]
    next_cursor: str | None
    consent_log: tuple[ConsentEntry, ...]


def list_customers(query: CustomerQuery) -> CustomerPage:
    plan = customer_list.plan(query.where)
    try:
        found, more = customer_queries.page(query.site_id, plan, query.page_size, query.cursor)
    except UnknownCursor:
        raise InvalidInput("cursor", "is not a customer of this site") from None
    return CustomerPage(tuple(found), found[-1].id if more else None)


def _require(site_id: str, customer_id: str, field: str = "customerId") -> CustomerProfile:
    profile = customer_queries.get(site_id, customer_id)
    if profile is None:
        raise NotFound(f"Customer not found ({field})")
    return profile


def get_customer(site_id: str, customer_id: str, page_size: int = 20, cursor: str | None = None) -> CustomerDetail:
    profile = _require(site_id, customer_id)
    try:
        found, more = customer_queries.history(site_id, customer_id, page_size, cursor)
    except UnknownCursor:
        raise InvalidInput("cursor", "is not a booking of this site") from None
    log = tuple(customer_store.log(site_id, customer_id))
    return CustomerDetail(profile, tuple(found), found[-1].id if more else None, log)


def update_customer(site_id: str, customer_id: str, tags: tuple[str, ...], notes: str) -> CustomerDetail:
    _require(site_id, customer_id)
    customer_queries.update_details(site_id, customer_id, tags, notes)
    return get_customer(site_id, customer_id)


def merge_customers(site_id: str, keep_id: str, merge_id: str) -> CustomerDetail:
    """`merge_id`'s bookings, consent log, tags and notes join `keep_id`; the
    counts are recounted from the bookings; `merge_id` is deleted."""
    if keep_id == merge_id:
        raise InvalidInput("mergeId", "must be another customer")
    keep, gone = _require(site_id, keep_id, "keepId"), _require(site_id, merge_id, "mergeId")
    customer_queries.merge(site_id, keep, gone, merged(keep, gone))
    return get_customer(site_id, keep_id)
