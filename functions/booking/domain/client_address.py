"""Which client a request's rate limits count, read from the hops in front
of the function (the sources are in docs/api.md, "Client address").

Google's front end appends the address of whoever connected to it to
`X-Forwarded-For`; everything to the left of that came with the request and
may be forged. Called directly, the last entry is therefore the visitor.
Through a Firebase Hosting rewrite, the one who connected is Hosting's CDN
edge (Fastly), which appended the address that connected to it just before:
the visitor is then the entry left of the edge. So the walk starts at the
right and steps left only past hops that are Hosting's edge, whose entries
can be trusted; the first other address is the client.

IPv6 clients are keyed by their /64: one subscriber or server usually holds
a whole /64, and counting single addresses would give them 2^64 buckets.
"""

from __future__ import annotations

import ipaddress
from ipaddress import IPv4Address, IPv6Address

Address = IPv4Address | IPv6Address

HOSTING_EDGE_NETWORKS = tuple(
    ipaddress.ip_network(network)
    for network in (
        "23.235.32.0/20",
        "43.249.72.0/22",
        "103.244.50.0/24",
        "103.245.222.0/23",
        "103.245.224.0/24",
        "104.156.80.0/20",
        "140.248.64.0/18",
        "140.248.128.0/17",
        "146.75.0.0/17",
        "151.101.0.0/16",
        "157.52.64.0/18",
        "167.82.0.0/17",
        "167.82.128.0/20",
        "167.82.160.0/20",
        "167.82.224.0/20",
        "172.111.64.0/18",
        "185.31.16.0/22",
        "199.27.72.0/21",
        "199.232.0.0/16",
        "2a04:4e40::/32",
        "2a04:4e42::/32",
    )
)
"""Fastly's published ranges (https://api.fastly.com/public-ip-list), the CDN
that serves Firebase Hosting: a hop from here appended the entry left of it."""

IPV6_PREFIX = 64
UNKNOWN = "unknown"


def parse(entry: str) -> Address | None:
    """One `X-Forwarded-For` entry as an address; None for anything else."""
    try:
        address = ipaddress.ip_address(entry.strip())
    except ValueError:
        return None
    if isinstance(address, IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


def is_hosting_edge(address: Address) -> bool:
    return any(address in network for network in HOSTING_EDGE_NETWORKS)


def visitor(forwarded_for: str, peer: str | None) -> Address | None:
    """The client's address: the last hop, or, while that hop is Hosting's
    edge, the one the edge appended. Entries nobody trusted appended never
    count; without a usable header the connection's peer does."""
    hops = [entry for entry in forwarded_for.split(",") if entry.strip()]
    chosen = parse(hops[-1]) if hops else None
    if chosen is None:
        return parse(peer or "")
    for entry in reversed(hops[:-1]):
        if not is_hosting_edge(chosen):
            break
        appended = parse(entry)
        if appended is None:
            break
        chosen = appended
    return chosen


def bucket(address: Address | None) -> str:
    """The rate-limit key of an address: itself for IPv4, its /64 for IPv6."""
    if address is None:
        return UNKNOWN
    if isinstance(address, IPv6Address):
        return str(ipaddress.ip_network(f"{address}/{IPV6_PREFIX}", strict=False))
    return str(address)


def client_key(forwarded_for: str, peer: str | None) -> str:
    """The key a request's rate limits count under."""
    return bucket(visitor(forwarded_for, peer))
