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
    """The MCP SDK's (httpx2) async transport pinned to ``address``, the one just checked: the
    platform's one pinning rule (:func:`klepaas_shared.outbound.pinned_transport`)."""
    import httpx2

    from klepaas_shared.outbound import pinned_transport as pinned

    return pinned(url, address, httpx2, asynchronous=True)
