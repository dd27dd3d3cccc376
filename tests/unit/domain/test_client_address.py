"""Which client a request counts as, from the hops in front of the function."""

from __future__ import annotations

import pytest

from booking.domain.client_address import client_key

EDGE = "151.101.2.10"
"""An address of Hosting's CDN edge (Fastly)."""
SHIELD = "199.232.44.5"
"""Another Fastly address, as when the edge forwards through a shield."""


def test_called_directly_the_last_hop_is_the_visitor() -> None:
    assert client_key("203.0.113.9", None) == "203.0.113.9"


def test_called_directly_entries_the_visitor_wrote_are_ignored() -> None:
    assert client_key("10.0.0.1, 198.51.100.7, 203.0.113.9", None) == "203.0.113.9"


def test_through_hosting_the_entry_the_edge_appended_is_the_visitor() -> None:
    assert client_key(f"203.0.113.9, {EDGE}", None) == "203.0.113.9"


def test_through_hosting_a_forged_entry_never_chooses_the_bucket() -> None:
    for forged in ("198.51.100.1", "198.51.100.2", "garbage", EDGE):
        assert client_key(f"{forged}, 203.0.113.9, {EDGE}", None) == "203.0.113.9"


def test_through_a_shield_every_edge_hop_is_stepped_over() -> None:
    assert client_key(f"6.6.6.6, 203.0.113.9, {EDGE}, {SHIELD}", None) == "203.0.113.9"


def test_an_edge_that_forwarded_nothing_usable_counts_as_itself() -> None:
    assert client_key(EDGE, None) == EDGE
    assert client_key(f"not-an-address, {EDGE}", None) == EDGE


def test_a_visitor_cannot_pose_as_the_edge_to_choose_an_entry() -> None:
    """The edge's address written by the client is not the last hop, so it
    changes nothing: the front end still appends the real peer."""
    assert client_key(f"198.51.100.1, {EDGE}, 203.0.113.9", None) == "203.0.113.9"


def test_ipv6_addresses_share_the_bucket_of_their_64() -> None:
    one = client_key("2001:db8:1:2::5", None)
    other = client_key("2001:db8:1:2:ffff:eeee:dddd:cccc", None)
    assert one == other == "2001:db8:1:2::/64"
    assert client_key("2001:db8:1:3::5", None) != one


def test_ipv6_visitors_behind_hosting_are_keyed_by_their_64() -> None:
    assert client_key("2001:db8:1:2::5, 2a04:4e42:200::313", None) == "2001:db8:1:2::/64"


def test_ipv4_mapped_ipv6_counts_as_the_ipv4_address() -> None:
    assert client_key("::ffff:203.0.113.9", None) == "203.0.113.9"


@pytest.mark.parametrize("header", ["", " , ", "not-an-address"])
def test_without_a_usable_header_the_peer_address_counts(header: str) -> None:
    assert client_key(header, "198.51.100.4") == "198.51.100.4"
    assert client_key(header, None) == "unknown"
