"""The MCP server object: its tools (by profile), its token verifier and its ASGI app."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from klepaas_shared.auth import MCP_EXECUTE, verify
from klepaas_shared.errors import Unauthorized

from .settings import McpSettings

if TYPE_CHECKING:
    from mcp.server.auth.provider import AccessToken
    from mcp.server.mcpserver import MCPServer
    from starlette.applications import Starlette

INSTRUCTIONS = (
    "K-Le-PaaS operates apps on Kubernetes. Read tools answer at once. Mutating tools (deploy_app, "
    "scale, restart, rollback) change running apps and need the deploy:execute scope. In a protected "
    "environment a change waits for a person's approval in Slack or at its approval_url (deploy's "
    "approval endpoint): the tool answers waiting_for_approval with an operation id; follow it with "
    "operation_status. resources_apply and "
    "resources_delete first answer a preview and a digest; they act only when called again with confirm."
)


class JwtVerifier:
    """The SDK's ``TokenVerifier``: our JWTs, for this server's audiences only."""

    def __init__(self, audiences: list[str]) -> None:
        self._audiences = audiences

    async def verify_token(self, token: str) -> AccessToken | None:
        from mcp.server.auth.provider import AccessToken

        from .verified import principal_for

        # The front check verified this very token earlier in this request, its audience against
        # the resource URL the request was sent to; a token it did not see is checked here.
        principal = principal_for(token)
        if principal is None:
            try:
                principal = verify(token, audiences=self._audiences)
            except Unauthorized:
                return None
        exp = principal.claims.get("exp")
        return AccessToken(
            token=token,
            client_id=principal.sub,
            subject=principal.sub,
            scopes=sorted(principal.scopes),
            expires_at=int(exp) if isinstance(exp, int) else None,
            resource=principal.audience,
            claims=dict(principal.claims),
        )


def _library_logs_as_json() -> None:
    """Other libraries' warnings and errors as our JSON lines, their INFO chatter dropped.

    ``MCPServer`` calls ``logging.basicConfig`` (rich's handler on the root logger, at INFO) unless
    the root logger has a handler already. Then every INFO line of any library, httpx's line for
    each call to deploy and the SDK's own for each stateless request among them, is rendered by
    rich on the request path and reaches Cloud Logging as plain text.
    """
    import logging
    import sys

    from klepaas_shared.logs import JsonFormatter

    root = logging.getLogger()
    if not root.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(JsonFormatter())
        root.addHandler(handler)
        root.setLevel(logging.WARNING)


def build(config: McpSettings) -> MCPServer[Any]:
    from mcp.server.auth.settings import AuthSettings
    from mcp.server.mcpserver import MCPServer, RequestStateSecurity

    from . import assist, reads, resources, writes

    _library_logs_as_json()

    resource = config.mcp_resource_url or "http://127.0.0.1:8080/mcp"
    issuers = config.issuers()
    key = config.mcp_state_key.get_secret_value()
    # The sealed state of an elicitation round must open on whichever instance gets the retry.
    state = RequestStateSecurity(keys=[key]) if key else RequestStateSecurity.ephemeral()
    server: MCPServer[Any] = MCPServer(
        name="k-le-paas",
        version="1.0.0",
        instructions=INSTRUCTIONS,
        request_state_security=state,
        token_verifier=JwtVerifier(config.audiences(resource)),
        auth=AuthSettings(
            issuer_url=issuers[0],  # type: ignore[arg-type]
            resource_server_url=resource,  # type: ignore[arg-type]
            required_scopes=[MCP_EXECUTE],
            validate_token_resource=False,  # JwtVerifier checks the audience itself
        ),
    )
    reads.register(server)
    if not config.mcp_read_only:
        writes.register(server)
    assist.register(server, read_only=config.mcp_read_only)
    resources.register(server, read_only=config.mcp_read_only)
    return server


def asgi_app(server: MCPServer[Any], config: McpSettings) -> Starlette:
    from mcp.server.transport_security import TransportSecuritySettings

    security = TransportSecuritySettings(
        enable_dns_rebinding_protection=True,
        allowed_hosts=config.split(config.mcp_allowed_hosts),
        allowed_origins=config.split(config.mcp_allowed_origins),
    )
    return server.streamable_http_app(
        stateless_http=True,
        json_response=True,
        transport_security=security,
        max_request_body_size=config.max_body_bytes,
    )
