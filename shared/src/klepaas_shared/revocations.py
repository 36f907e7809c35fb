"""Revoked OAuth grants, as the resource servers see them.

The authorization server's access tokens are self-contained JWTs (verified once, without a store
read), so revoking a grant cannot recall one already issued. Instead the authorization server
marks the grant revoked in the security context (Redis in production, shared by every function)
for as long as its access tokens live, and the mcp function refuses a token whose ``gid`` claim
is marked: one key lookup per request, and none for tokens that carry no grant.
"""

from __future__ import annotations

import time

from .context import security_context

GRANT_CLAIM = "gid"


def _key(grant_id: str) -> str:
    return f"auth:grant-revoked:{grant_id}"


def mark(grant_id: str, ttl_s: int) -> None:
    """Remember for ``ttl_s`` (at least the access tokens' lifetime) that the grant is revoked."""
    security_context().set_json(_key(grant_id), {"at": int(time.time())}, ttl_s)


def revoked(grant_id: str) -> bool:
    return security_context().get_json(_key(grant_id)) is not None
