"""The CSV export: streamed from an on_request function that checks the
admin's ID token; segments respect consent; every cell is safe to open."""

from __future__ import annotations

import csv
import io
from datetime import datetime, timedelta
from typing import Any

import requests

from tests.emulator.test_admin_access import ADMIN_TOKEN, OTHER_ADMIN_TOKEN
from tests.support.dates import AMSTERDAM
from tests.support.emulator import FUNCTIONS_URL

HEADER = ["Name", "E-mail", "Phone", "Tier", "Visits", "Last visit", "No-shows", "Tags", "Marketing opt-in"]


def day(back: int) -> int:
    d = datetime.now(AMSTERDAM).date() - timedelta(days=back)
    return d.year * 10000 + d.month * 100 + d.day


def seed(db: Any) -> None:
    from booking.domain.customer_list import search_prefixes

    people = [
        # id, name, email, phone, visits, tier, last visit (days back), tags, opted in
        ("c-evil", '=HYPERLINK("http://x")', "evil@example.com", "+31 6 1234", 11, "vip", 5, ["@home", "-5"], True),
        ("c-quiet", "Quiet VIP", "quiet@example.com", "", 14, "vip", 2, [], False),
        ("c-lapsed", "Lapsed Lou", "lou@example.com", "", 3, "returning", 120, [], True),
        ("c-recent", "Recent Rita", "rita@example.com", "", 3, "returning", 10, [], True),
        ("c-once", "Once Olga", "olga@example.com", "", 1, "new", 200, [], True),
    ]
    for cid, name, email, phone, visits, tier, back, tags, opted in people:
        db.document(f"sites/demo/customers/{cid}").set(
            {
                "name": name,
                "email": email,
                "phone": phone,
                "visitCount": visits,
                "tier": tier,
                "lastVisitDay": day(back),
                "firstVisitDay": day(back + 300),
                "noShowCount": 0,
                "tags": tags,
                "marketingOptIn": opted,
                "searchPrefixes": search_prefixes(name, email),
            }
        )


def export(params: dict[str, Any], token: str | None = ADMIN_TOKEN) -> requests.Response:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return requests.get(f"{FUNCTIONS_URL}/exportCustomers", params=params, headers=headers, timeout=60)


def rows(response: requests.Response) -> list[list[str]]:
    assert response.status_code == 200, response.text
    assert response.headers["Content-Type"].startswith("text/csv")
    assert response.content.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"), newline="")))


def test_the_vip_segment_holds_only_consenting_vips_with_every_cell_safe(demo: Any) -> None:
    seed(demo)
    table = rows(export({"siteId": "demo", "segment": "vip"}))
    assert table == [
        HEADER,
        [
            '\'=HYPERLINK("http://x")',
            "evil@example.com",
            "'+31 6 1234",
            "vip",
            "11",
            datetime.strptime(str(day(5)), "%Y%m%d").date().isoformat(),
            "0",
            "'@home, -5",
            "yes",
        ],
    ]
    for row in table:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell


def test_win_back_is_two_visits_or_more_and_none_in_90_days(demo: Any) -> None:
    seed(demo)
    table = rows(export({"siteId": "demo", "segment": "win-back"}))
    assert [row[1] for row in table[1:]] == ["lou@example.com"]
    opted = rows(export({"siteId": "demo", "segment": "opted-in"}))
    assert len(opted) == 1 + 4
    custom = rows(export({"siteId": "demo", "segment": "custom", "tier": "vip", "consent": "not_opted_in"}))
    assert [row[1] for row in custom[1:]] == ["quiet@example.com"]


def test_without_a_valid_admin_token_nothing_is_exported(demo: Any) -> None:
    seed(demo)
    assert export({"siteId": "demo", "segment": "vip"}, token=None).status_code == 401
    assert export({"siteId": "demo", "segment": "vip"}, token="not-a-token").status_code == 401
    assert export({"siteId": "demo", "segment": "vip"}, token=OTHER_ADMIN_TOKEN).status_code == 403
    refused = export({"siteId": "demo", "segment": "everyone"})
    assert (refused.status_code, refused.json()["error"]["field"]) == (400, "segment")
    mixed = export({"siteId": "demo", "segment": "custom", "search": "a", "tag": "x"})
    assert (mixed.status_code, mixed.json()["error"]["field"]) == (400, "tag")
