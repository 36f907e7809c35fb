"""The provider registry, kept in the store (collection ``mcp_providers``)."""

from __future__ import annotations

import os
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, HttpUrl

from klepaas_shared.clock import now_iso
from klepaas_shared.errors import Conflict, NotFound
from klepaas_shared.store import get_store
from klepaas_shared.store.queries import declare_query

COLLECTION = "mcp_providers"
declare_query(COLLECTION)


class CallBody(BaseModel):
    """The body of ``POST /mcp/external/providers/{provider}/call``."""

    model_config = ConfigDict(extra="forbid")
    tool: str = Field(min_length=1, max_length=128)
    arguments: dict[str, Any] = Field(default_factory=dict)


class Provider(BaseModel):
    """An external streamable-HTTP MCP server. Its token (if any) comes from an environment
    variable named here, never from the store."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]{0,62}$")
    kind: Literal["github", "slack", "mcp"] = "mcp"
    url: HttpUrl
    token_env: str | None = Field(None, pattern=r"^KLEPAAS_MCP_EXT_[A-Z0-9_]{1,64}$")
    timeout_s: float = Field(10.0, gt=0, le=60)
    created_at: str = Field(default_factory=now_iso)

    def token(self) -> str | None:
        return os.environ.get(self.token_env) if self.token_env else None

    def public(self) -> dict[str, object]:
        return self.model_dump(mode="json")


def register(provider: Provider) -> Provider:
    from ..settings import settings
    from .addresses import check

    check(str(provider.url), settings())
    if not get_store().create(COLLECTION, provider.name, provider.model_dump(mode="json")):
        raise Conflict(f"a provider named {provider.name!r} exists")
    return provider


def get(name: str) -> Provider:
    data = get_store().get(COLLECTION, name)
    if data is None:
        raise NotFound(f"no external MCP provider named {name!r}")
    return Provider.model_validate(data)


def all_providers() -> list[Provider]:
    return [Provider.model_validate(doc.data) for doc in get_store().query(COLLECTION, limit=500)]
