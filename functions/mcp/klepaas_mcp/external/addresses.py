"""Where an external MCP provider may be: the platform's SSRF rule (:mod:`klepaas_shared.addresses`).

A provider URL must be https; plain http is accepted only for a loopback host while running
locally (``KLEPAAS_ENV`` local or test). The host's resolved addresses are checked at
registration and again before every connection (a name can be re-pointed after registration):
none may be loopback (except locally), link-local (which holds the cloud metadata server,
169.254.169.254), private, shared, reserved, multicast or unspecified, unless a network in
``KLEPAAS_MCP_EXTERNAL_ALLOWED_NETWORKS`` names it.
"""

from __future__ import annotations

from klepaas_shared.addresses import check_url, networks

from ..settings import McpSettings

LOCAL_ENVS = frozenset({"local", "test"})


def check(url: str, config: McpSettings) -> None:
    """Raise unless ``url`` is a provider URL this server may call now (see the module docstring)."""
    local = config.env in LOCAL_ENVS
    allowed = networks(config.split(config.mcp_external_allowed_networks), "KLEPAAS_MCP_EXTERNAL_ALLOWED_NETWORKS")
    check_url(url, what="provider", allowed=allowed, allow_loopback=local, allow_http_loopback=local)
