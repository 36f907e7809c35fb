"""Where an external MCP provider may be: no server-side request forgery through its URL.

A provider URL must be https; plain http is accepted only for a loopback host while running
locally (``KLEPAAS_ENV`` local or test). The host's resolved addresses are checked at
registration and again before every connection (a name can be re-pointed after registration),
and the connection goes to the address just checked (:func:`pinned_transport`), so a name that
answers one address to the check and another to the connect (DNS rebinding) gets nowhere. Checked:
none may be loopback (except locally), link-local (which holds the cloud metadata server,
169.254.169.254), private, shared, reserved, multicast or unspecified, unless a network in
``KLEPAAS_MCP_EXTERNAL_ALLOWED_NETWORKS`` names it.
"""

from __future__ import annotations

import ipaddress
import socket
from typing import Any
from urllib.parse import urlsplit

from klepaas_shared.errors import BadRequest, Forbidden

from ..settings import McpSettings

LOCAL_ENVS = frozenset({"local", "test"})
Address = ipaddress.IPv4Address | ipaddress.IPv6Address


def _allowed_networks(config: McpSettings) -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
    try:
        return [ipaddress.ip_network(n, strict=False) for n in config.split(config.mcp_external_allowed_networks)]
    except ValueError:
        raise BadRequest("KLEPAAS_MCP_EXTERNAL_ALLOWED_NETWORKS must list networks such as 10.8.0.0/24") from None


def _forbidden_kind(address: Address, local: bool) -> str | None:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    if address.is_loopback:
        return None if local else "loopback"
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


def resolve(host: str) -> list[Address]:
    try:
        found = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError):
        raise BadRequest(f"the provider host {host!r} does not resolve") from None
    return [ipaddress.ip_address(str(info[4][0]).split("%", 1)[0]) for info in found]


def check(url: str, config: McpSettings) -> list[Address]:
    """The addresses ``url``'s host resolves to now, all checked; raise unless this server may call
    them (see the module docstring). Connect to one of these, never to a fresh resolution."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    local = config.env in LOCAL_ENVS
    if not host:
        raise BadRequest("the provider URL has no host")
    addresses = resolve(host)
    if parts.scheme != "https" and not (
        parts.scheme == "http" and local and addresses and all(a.is_loopback for a in addresses)
    ):
        raise BadRequest("a provider URL must be https (plain http only for loopback in local development)")
    allowed = _allowed_networks(config)
    for address in addresses:
        kind = _forbidden_kind(address, local)
        if kind and not any(address in network for network in allowed):
            raise Forbidden(f"the provider host resolves to a {kind} address, which this server does not call")
    return addresses


def pinned_transport(url: str, address: Address) -> Any:
    """An httpx transport that sends every request for ``url``'s host to ``address`` (the one just
    checked), keeping the Host header and the TLS server name (SNI and certificate check) of the
    host; a request for any other host (a redirect) is refused."""
    import httpx2

    host = (urlsplit(url).hostname or "").lower()

    class Pinned(httpx2.AsyncHTTPTransport):
        async def handle_async_request(self, request: httpx2.Request) -> httpx2.Response:
            if request.url.host.lower() != host:
                raise httpx2.ConnectError(f"refusing to follow the provider to another host ({request.url.host})")
            request.extensions = {**request.extensions, "sni_hostname": host}
            request.url = request.url.copy_with(host=str(address))
            return await super().handle_async_request(request)

    return Pinned()
