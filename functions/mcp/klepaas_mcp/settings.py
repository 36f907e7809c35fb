"""The mcp function's settings (``KLEPAAS_MCP_*``), read once per instance."""

from __future__ import annotations

from functools import cache
from typing import ClassVar

from pydantic import Field, SecretStr

from klepaas_shared.settings import CommonSettings, load


class McpSettings(CommonSettings):
    mcp_audience: str = Field("klepaas-mcp", description="the audience an MCP token must carry")
    mcp_read_only: bool = Field(False, description="list and serve read tools only")
    mcp_allowed_hosts: str = Field(
        "127.0.0.1:*,localhost:*", description="comma-separated Host values; 'name:*' allows any port"
    )
    mcp_allowed_origins: str = Field(
        "http://127.0.0.1:*,http://localhost:*", description="comma-separated Origin values allowed to call /mcp"
    )
    mcp_resource_url: str = Field("", description="this server's public /mcp URL (RFC 9728 'resource')")
    mcp_authorization_servers: str = Field("", description="comma-separated issuer URLs of the OAuth servers")
    mcp_rate_limit_per_minute: int = Field(60, gt=0, description="tool calls per caller per minute")
    mcp_call_timeout_s: float = Field(20.0, gt=0)
    mcp_external_allowed_networks: str = Field(
        "", description="comma-separated CIDRs external MCP providers may resolve to despite being private"
    )
    mcp_state_key: SecretStr = Field(
        SecretStr(""),
        description="at least 32 random bytes sealing elicitation state across instances; unset: per instance",
    )

    # What a host asks the authorization server for: the MCP scope, and what the tools act with.
    TOKEN_SCOPES: ClassVar[tuple[str, ...]] = ("mcp:execute", "read", "deploy:execute")

    def issuers(self) -> list[str]:
        """The authorization servers (RFC 9728). Default: the auth function at the API origin, in
        the form its RFC 8414 metadata gives as ``issuer`` (the origin with its "/" path)."""
        return self.split(self.mcp_authorization_servers) or [self.api_base_url.rstrip("/") + "/"]

    def audiences(self, resource: str) -> list[str]:
        """A token's audience must name this server: its audience name, or its resource URL (RFC 8707)."""
        return [self.mcp_audience, resource]

    @staticmethod
    def split(value: str) -> list[str]:
        return [item.strip() for item in value.split(",") if item.strip()]


@cache
def settings() -> McpSettings:
    return load(McpSettings)
