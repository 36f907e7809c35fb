"""The tools' safety policy: who may call, and how often."""

from __future__ import annotations

import time

from klepaas_shared.auth import DEPLOY_EXECUTE, Principal
from klepaas_shared.context import security_context
from klepaas_shared.errors import Forbidden, RateLimited

from .settings import settings


def check_rate(principal: Principal) -> None:
    """At most ``KLEPAAS_MCP_RATE_LIMIT_PER_MINUTE`` tool calls per caller per minute."""
    limit = settings().mcp_rate_limit_per_minute
    window = int(time.time() // 60)
    count = security_context().incr(f"mcp:rate:{principal.sub}:{window}", 60)
    if count > limit:
        raise RateLimited(f"more than {limit} tool calls this minute; slow down", retry_after_s=60 - time.time() % 60)


def require_deploy_scope(principal: Principal, change: str) -> None:
    """A mutation needs ``deploy:execute`` on the MCP token itself (deploy checks it again)."""
    if not principal.has(DEPLOY_EXECUTE):
        raise Forbidden(f"{change} needs a token with the scope {DEPLOY_EXECUTE}; nothing was changed")
