"""The rules a location follows: client confirmation, reminders, automatic
no-shows and their e-mail, the waitlist.

A branch has its own. A site has the same block: it applies to bookings
without a branch (a site with no branches works as one location) and fills
in what a branch leaves out, so it is the default for new branches.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

DEFAULT_RULES: dict[str, dict[str, Any]] = {
    "noShow": {"automatic": False, "timerMinutes": 15, "notifyClient": False},
    "waitlist": {"enabled": False, "mode": "manual", "offerExpiryHours": 2},
    "clientConfirmation": {"required": False, "expiryHours": 2},
    "reminders": {"enabled": True, "leadHours": 24, "oneHour": False},
}
RULE_SECTIONS = tuple(DEFAULT_RULES)


def _section(settings: Mapping[str, Any] | None, name: str) -> Mapping[str, Any]:
    value = (settings or {}).get(name)
    return value if isinstance(value, Mapping) else {}


def site_rules(site_settings: Mapping[str, Any] | None) -> dict[str, dict[str, Any]]:
    """The site's block (its `settings` map's rule sections), defaults filled in."""
    return {name: {**DEFAULT_RULES[name], **_section(site_settings, name)} for name in RULE_SECTIONS}


def rules_for(
    site_settings: Mapping[str, Any] | None, branch_settings: Mapping[str, Any] | None
) -> dict[str, dict[str, Any]]:
    """The rules a booking follows: its branch's, completed by the site's;
    the site's alone when `branch_settings` is None (no branch)."""
    site = site_rules(site_settings)
    if branch_settings is None:
        return site
    return {name: {**site[name], **_section(branch_settings, name)} for name in RULE_SECTIONS}
