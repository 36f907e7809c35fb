"""Where a server-side fetch may go: no server-side request forgery through a URL someone gave us.

One rule for every URL the platform fetches on someone's word (external MCP providers, OAuth
Client ID Metadata Documents): the URL must be https (plain http only for a loopback host when
the caller allows it, for local development); every address the host resolves to is checked, and
none may be loopback (unless allowed), link-local (which holds the cloud metadata server,
169.254.169.254), private, shared, reserved, multicast or unspecified, unless a network the
operator listed names it. Callers check again right before connecting: a name can be re-pointed.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Sequence
from urllib.parse import urlsplit

from .errors import BadRequest, Forbidden

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def networks(listed: Sequence[str], setting: str) -> list[Network]:
    """Parse an operator's allow-list of CIDRs (400 naming the setting when one is not a network)."""
    try:
        return [ipaddress.ip_network(n, strict=False) for n in listed]
    except ValueError:
        raise BadRequest(f"{setting} must list networks such as 10.8.0.0/24") from None


def forbidden_kind(address: Address, *, allow_loopback: bool) -> str | None:
    """Why ``address`` may not be called ('' never; None when it may)."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    if address.is_loopback:
        return None if allow_loopback else "loopback"
    if address.is_link_local:
        return "link-local (cloud metadata)"
    for kind, flag in (
        ("private", address.is_private),
        ("reserved", address.is_reserved),
        ("multicast", address.is_multicast),
        ("unspecified", address.is_unspecified),
        ("shared", address in ipaddress.ip_network("100.64.0.0/10")),
    ):
        if flag:
            return kind
    return None


def resolve(host: str, what: str = "host") -> list[Address]:
    try:
        found = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError):
        raise BadRequest(f"the {what} {host[:255]!r} does not resolve") from None
    return [ipaddress.ip_address(str(info[4][0]).split("%", 1)[0]) for info in found]


def check_url(
    url: str,
    *,
    what: str,
    allowed: Sequence[Network] = (),
    allow_loopback: bool = False,
    allow_http_loopback: bool = False,
) -> list[Address]:
    """The addresses ``url``'s host resolves to now, all checked: raise 400 (not https, no host)
    or 403 (a forbidden address) unless ``url`` may be fetched now. Connect to one of these, never
    to a fresh resolution (a name can be re-pointed between check and connect).

    ``allowed`` networks pass whatever their kind; ``allow_loopback`` lets loopback addresses pass
    (local development); ``allow_http_loopback`` accepts plain http when every address is loopback
    and allowed."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if not host:
        raise BadRequest(f"the {what} URL has no host")
    addresses = resolve(host, f"{what} host")

    def passes(address: Address) -> bool:
        return forbidden_kind(address, allow_loopback=allow_loopback) is None or any(address in n for n in allowed)

    loopback_only = bool(addresses) and all(a.is_loopback for a in addresses)
    if parts.scheme != "https" and not (
        parts.scheme == "http" and allow_http_loopback and loopback_only and all(passes(a) for a in addresses)
    ):
        raise BadRequest(f"a {what} URL must be https (plain http only for loopback in local development)")
    for address in addresses:
        kind = forbidden_kind(address, allow_loopback=allow_loopback)
        if kind and not any(address in network for network in allowed):
            raise Forbidden(f"the {what} host resolves to a {kind} address, which this server does not call")
    return addresses
