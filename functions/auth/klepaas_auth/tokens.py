"""The tokens auth issues: a user's (scopes from the role) and a machine client's (chosen scopes)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from klepaas_shared.auth import ALL_SCOPES, ROLE_SCOPES, mint

from .settings import AuthSettings
from .users import role_of


def for_user(user: dict[str, Any], settings: AuthSettings) -> str:
    """A console token: ``sub`` is the provider id; the scopes follow the stored role."""
    role = role_of(user)
    extra = {"email": user.get("email", ""), "name": user.get("name", ""), "provider": user["provider"], "role": role}
    return mint(
        str(user["provider_id"]), ROLE_SCOPES[role], ttl_s=settings.auth_token_ttl_s, extra=extra, settings=settings
    )


@dataclass(frozen=True)
class MachineToken:
    token: str
    sub: str
    scopes: tuple[str, ...]
    audience: str
    ttl_s: int
    token_id: str


def for_machine(
    client_id: str, scopes: list[str], audience: str, ttl_s: int, minted_by: str, settings: AuthSettings
) -> MachineToken:
    """A token for an MCP client or CI job; the caller has checked scopes, audience and lifetime."""
    if not set(scopes) <= set(ALL_SCOPES):
        raise ValueError("unknown scopes")
    sub = f"machine:{client_id}"
    token_id = uuid.uuid4().hex
    extra = {"provider": "machine", "name": client_id, "client_id": client_id, "minted_by": minted_by, "jti": token_id}
    token = mint(sub, scopes, audience=audience, ttl_s=ttl_s, extra=extra, settings=settings)
    return MachineToken(token, sub, tuple(sorted(scopes)), audience, ttl_s, token_id)
