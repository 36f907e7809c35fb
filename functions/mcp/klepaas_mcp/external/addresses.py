"""Where an external MCP provider may be: the platform's SSRF rule (:mod:`klepaas_shared.addresses`).

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

from typing import Any
from urllib.parse import urlsplit

from klepaas_shared.addresses import Address, check_url, networks

from ..settings import McpSettings

LOCAL_ENVS = frozenset({"local", "test"})


def check(url: str, config: McpSettings) -> list[Address]:
    """The addresses ``url``'s host resolves to now, all checked; raise unless this server may call
    them (see the module docstring). Connect to one of these, never to a fresh resolution."""
    local = config.env in LOCAL_ENVS
    allowed = networks(config.split(config.mcp_external_allowed_networks), "KLEPAAS_MCP_EXTERNAL_ALLOWED_NETWORKS")
    return check_url(url, what="provider", allowed=allowed, allow_loopback=local, allow_http_loopback=local)


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
