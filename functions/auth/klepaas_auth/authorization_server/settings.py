"""The authorization server's settings (``KLEPAAS_AUTH_*``), on top of the auth function's own."""

from __future__ import annotations

from functools import cache

from pydantic import Field

from klepaas_shared.settings import load

from ..settings import AuthSettings


class AsSettings(AuthSettings):
    # The issuer URL (RFC 8414). Empty: KLEPAAS_API_BASE_URL, which is also what the mcp
    # function's protected-resource metadata names by default, so the two agree unless both move.
    auth_issuer_url: str = ""
    # The MCP resource (RFC 8707) tokens are issued for. Empty: the issuer + /mcp, which is the
    # mcp function's own default for one origin (KLEPAAS_MCP_RESOURCE_URL must then equal it).
    auth_mcp_resource_url: str = ""
    auth_mcp_access_ttl_s: int = Field(3600, ge=60, le=24 * 3600)
    auth_mcp_refresh_ttl_s: int = Field(30 * 24 * 3600, ge=3600, le=365 * 24 * 3600)
    auth_mcp_code_ttl_s: int = Field(300, ge=30, le=600)
    # A dynamically registered client unused for this long is forgotten (it registers again).
    auth_mcp_client_ttl_s: int = Field(180 * 24 * 3600, ge=24 * 3600)
    # Registration is open (MCP hosts register themselves): at most this many per client address an hour.
    auth_mcp_registrations_per_hour: int = Field(20, ge=1, le=10_000)
    # Client ID Metadata Documents: how long a fetched one is trusted, and the networks besides
    # the public internet they may be fetched from (comma-separated CIDRs; empty: none).
    auth_client_metadata_cache_s: int = Field(3600, ge=60, le=24 * 3600)
    auth_client_metadata_allowed_networks: str = ""

    def issuer(self) -> str:
        """The origin with its "/" path: clients that parse URLs (the MCP Python SDK) compare the
        RFC 9207 ``iss`` with that form, and clients that compare strings get the same text."""
        return self.base() + "/"

    def base(self) -> str:
        return (self.auth_issuer_url or self.api_base_url).rstrip("/")

    def mcp_resource(self) -> str:
        return self.auth_mcp_resource_url or self.base() + "/mcp"

    def endpoint(self, path: str) -> str:
        return self.base() + path


@cache
def as_settings() -> AsSettings:
    return load(AsSettings)
