"""The resource server's front checks: Host and Origin allow-lists, then the bearer token."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from klepaas_shared import revocations
from klepaas_shared.auth import MCP_EXECUTE, ForeignAudience, Principal, bearer_token, verify
from klepaas_shared.errors import Forbidden, KlepaasError, Unauthorized

from .settings import McpSettings


@dataclass(frozen=True)
class Front:
    """What the front checks read of a request: its headers and the URL it was sent to."""

    headers: Mapping[str, str]  # case-insensitive (starlette's Headers)
    host_url: str
    peer: str = ""  # the socket's peer address
    forwarded_for: tuple[str, ...] = ()  # every X-Forwarded-For header, as sent


class MisdirectedHost(KlepaasError):
    code = "misdirected_request"
    http_status = 421


def _allowed(value: str, patterns: list[str]) -> bool:
    """Exact match, or ``name:*``: ``name`` with any port (or none)."""
    for pattern in patterns:
        if pattern == value:
            return True
        if pattern.endswith(":*"):
            stem = pattern[:-2]
            port = value[len(stem) + 1 :] if value.startswith(stem + ":") else None
            if value == stem or (port is not None and port.isdigit()):
                return True
    return False


def check_transport(request: Front, config: McpSettings) -> None:
    """421 for a Host not served here, 403 for a foreign Origin (DNS-rebinding protection)."""
    host = request.headers.get("Host", "")
    if not _allowed(host, config.split(config.mcp_allowed_hosts)):
        raise MisdirectedHost("this Host is not served by this MCP server")
    origin = request.headers.get("Origin")
    if origin is not None and not _allowed(origin, config.split(config.mcp_allowed_origins)):
        raise Forbidden("this Origin may not call the MCP server")


def resource_url(request: Front, config: McpSettings) -> str:
    return config.mcp_resource_url or request.host_url.rstrip("/") + "/mcp"


def metadata_url(request: Front, config: McpSettings) -> str:
    base = resource_url(request, config)
    scheme, _, rest = base.partition("://")
    host, _, path = rest.partition("/")
    return f"{scheme}://{host}/.well-known/oauth-protected-resource/{path}".rstrip("/")


def challenge(request: Front, config: McpSettings, error: str | None, text: str) -> dict[str, str]:
    """RFC 6750 §3.1: a request that sent no token gets no ``error`` attribute, only where to look."""
    value = f'Bearer resource_metadata="{metadata_url(request, config)}"'
    if error is not None:
        value = (
            f'Bearer error="{error}", error_description="{text}", resource_metadata="{metadata_url(request, config)}"'
        )
    if error == "insufficient_scope":
        value += f', scope="{MCP_EXECUTE}"'
    return {"WWW-Authenticate": value}


def _audit_refusal(request: Front, config: McpSettings, reason: str) -> None:
    """A real token refused here is audited as every refused door is: the host and why, never the token."""
    from klepaas_shared import audit
    from klepaas_shared.clients import address_of

    audit.refused_token(
        door="/mcp", host=address_of(request.peer, request.forwarded_for, config.auth_trusted_proxy_hops), reason=reason
    )


def authenticate(request: Front, config: McpSettings) -> Principal:
    """The verified caller: a token for this server's audience carrying ``mcp:execute``.

    A token of ours for another audience (the console's, a delegation) or without the scope is
    audited; a missing, forged or expired one is not (anyone can send those, as often as they like)."""
    sent = bool(request.headers.get("Authorization", "").strip())
    try:
        principal = verify(bearer_token(request.headers), audiences=config.audiences(resource_url(request, config)))
        grant_id = principal.claims.get(revocations.GRANT_CLAIM)
        if grant_id and revocations.revoked(str(grant_id)):
            raise Unauthorized("the grant behind this token was revoked; authorize again")
    except Unauthorized as exc:
        if isinstance(exc, ForeignAudience):
            _audit_refusal(request, config, ForeignAudience.reason)
        error = "invalid_token" if sent else None
        raise Unauthorized(exc.message, headers=challenge(request, config, error, exc.message)) from None
    if not principal.has(MCP_EXECUTE):
        text = f"this token lacks the scope {MCP_EXECUTE}"
        _audit_refusal(request, config, f"missing scope {MCP_EXECUTE}")
        raise Forbidden(text, headers=challenge(request, config, "insufficient_scope", text))
    return principal
