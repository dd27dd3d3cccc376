"""The client address that rate limits count."""

from __future__ import annotations

from typing import Any

from firebase_functions import https_fn
from werkzeug.test import EnvironBuilder
from werkzeug.wrappers import Request

from booking.api.context import client_ip


def request_with(headers: dict[str, str], remote: str = "127.0.0.1") -> https_fn.CallableRequest[Any]:
    environ = EnvironBuilder(method="POST", headers=headers, environ_base={"REMOTE_ADDR": remote}).get_environ()
    return https_fn.CallableRequest(raw_request=Request(environ), data={})


def test_the_hop_the_platform_appended_is_the_client() -> None:
    assert client_ip(request_with({"X-Forwarded-For": "1.1.1.1, 203.0.113.9"})) == "203.0.113.9"


def test_addresses_the_client_prepends_are_ignored() -> None:
    forged = request_with({"X-Forwarded-For": "10.0.0.1, 10.0.0.2 , 203.0.113.9"})
    assert client_ip(forged) == "203.0.113.9"


def test_without_forwarding_the_peer_address_counts() -> None:
    assert client_ip(request_with({}, remote="198.51.100.4")) == "198.51.100.4"


def test_behind_a_hosting_rewrite_the_edge_is_not_the_client() -> None:
    through_hosting = request_with({"X-Forwarded-For": "6.6.6.6, 203.0.113.9, 151.101.2.10"})
    assert client_ip(through_hosting) == "203.0.113.9"


def test_ipv6_clients_are_counted_by_their_64() -> None:
    assert client_ip(request_with({"X-Forwarded-For": "2001:db8:1:2::77"})) == "2001:db8:1:2::/64"
