"""CSV segments of customers for marketing, and cells a spreadsheet can't
mistake for a formula (docs/customers.md#csv-export)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from enum import StrEnum

from booking.domain.customer_list import CustomerFilter, Sort
from booking.domain.loyalty import Tier


class Segment(StrEnum):
    VIP = "vip"
    WIN_BACK = "win-back"
    REGULARS = "regulars"
    OPTED_IN = "opted-in"
    CUSTOM = "custom"


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
HEADERS = ("Name", "E-mail", "Phone", "Tier", "Visits", "Last visit", "No-shows", "Tags", "Marketing opt-in")


def filters(segment: Segment, custom: CustomerFilter, visited_before: date) -> list[CustomerFilter]:
    """The list queries that make up the segment, run one after another.
    Every preset is for marketing, so only customers whose consent holds
    are in it; a custom segment is the list's filters as given."""
    if segment is Segment.CUSTOM:
        return [custom]
    opted = CustomerFilter(opted_in=True)
    if segment is Segment.VIP:
        return [replace(opted, tier=Tier.VIP)]
    if segment is Segment.REGULARS:
        return [replace(opted, tier=Tier.REGULAR)]
    if segment is Segment.WIN_BACK:  # at least 2 visits, none in the last 90 days
        tiers = (Tier.VIP, Tier.REGULAR, Tier.RETURNING)
        return [replace(opted, tier=tier, visited_before=visited_before, sort=Sort.LAST_VISIT) for tier in tiers]
    return [opted]


def safe_cell(value: str) -> str:
    """A cell starting like a formula gets a leading apostrophe (CSV injection)."""
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value
