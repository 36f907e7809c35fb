"""The caller's own token: profile (A4), verification, and machine tokens minted by an admin."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

from klepaas_shared import audit
from klepaas_shared.auth import ALL_SCOPES, Principal
from klepaas_shared.errors import Forbidden, Unauthorized, ValidationFailed
from klepaas_shared.http import Req
from klepaas_shared.store import get_store

from . import inputs, tokens, users
from .settings import get_settings

ACCOUNT_PROVIDERS = ("google", "github", "admin")
CLIENT_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")


def _iso(claims: dict[str, Any] | Any, name: str) -> str | None:
    value = claims.get(name)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return datetime.fromtimestamp(value, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return None


def me(req: Req) -> dict[str, Any]:
    """A4: the signed-in user; 401 when their account is gone (the console then logs out)."""
    principal = req.user()
    scopes = sorted(principal.scopes)
    if principal.provider in ACCOUNT_PROVIDERS:
        user = users.find(get_store(), principal.provider, principal.sub)
        if user is None:
            raise Unauthorized("this account no longer exists; sign in again")
        return {"success": True, **users.public(user), "scopes": scopes}
    return {
        "success": True,
        "id": principal.sub,
        "provider": principal.provider or "token",
        "provider_id": principal.sub,
        "email": principal.email,
        "name": principal.name,
        "picture": None,
        "role": None,
        "scopes": scopes,
    }


def verify(req: Req) -> dict[str, Any]:
    """Whether the bearer token is good (the adapter already refused a bad one with 401)."""
    principal = req.user()
    return {
        "valid": True,
        "sub": principal.sub,
        "provider": principal.provider,
        "audience": principal.audience,
        "scopes": sorted(principal.scopes),
        "token_id": principal.token_id,
        "issued_at": _iso(principal.claims, "iat"),
        "expires_at": _iso(principal.claims, "exp"),
    }


def _check_grant(caller: Principal, scopes: list[str], audience: str, allowed: frozenset[str]) -> None:
    if caller.via_service:
        raise Forbidden("a delegated token cannot mint tokens")
    unknown = [s for s in scopes if s not in ALL_SCOPES]
    if unknown:
        raise ValidationFailed(f"invalid input: scopes: unknown scope {unknown[0][:64]!r}; use {' '.join(ALL_SCOPES)}")
    beyond = [s for s in scopes if not caller.has(s)]
    if beyond:
        raise Forbidden(f"you cannot grant a scope you do not hold: {' '.join(beyond)}")
    if audience not in allowed:
        raise ValidationFailed(f"invalid input: audience: use one of {', '.join(sorted(allowed))}")


def mint_machine_token(req: Req) -> dict[str, Any]:
    """An admin mints a token for a machine client (MCP client, CI) with chosen scopes, audience, lifetime."""
    settings = get_settings()
    caller = req.user()
    body = req.json(allow_empty=False)
    client_id = inputs.string(body, "client_id", max_chars=64)
    if not CLIENT_ID.match(client_id):
        raise ValidationFailed("invalid input: client_id: letters, digits, '.', '_' and '-' only")
    scopes = inputs.words(body, "scopes")
    audience = inputs.string(body, "audience", max_chars=64, required=False) or settings.jwt_audience
    max_ttl = settings.auth_machine_token_max_ttl_s
    ttl_s = inputs.integer(body, "ttl_s", default=min(24 * 3600, max_ttl), low=60, high=max_ttl)
    _check_grant(caller, scopes, audience, settings.token_audiences())
    minted = tokens.for_machine(client_id, scopes, audience, ttl_s, caller.sub, settings)
    audit.record(
        get_store(),
        actor=caller.sub,
        action="auth.token.mint",
        target=minted.sub,
        source="http",
        result="ok",
        details={"scopes": list(minted.scopes), "audience": audience, "ttl_s": ttl_s, "jti": minted.token_id},
    )
    return {
        "access_token": minted.token,
        "token_type": "Bearer",
        "sub": minted.sub,
        "scope": " ".join(minted.scopes),
        "audience": audience,
        "expires_in": ttl_s,
        "token_id": minted.token_id,
    }
