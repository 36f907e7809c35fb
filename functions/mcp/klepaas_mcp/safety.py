"""The tools' safety policy: who may call, and how often."""

from __future__ import annotations

import time

from klepaas_shared.auth import DEPLOY_EXECUTE, Principal
from klepaas_shared.context import Bucket, security_context
from klepaas_shared.errors import Forbidden, RateLimited

from .settings import settings


def check_rate(principal: Principal) -> None:
    """At most ``KLEPAAS_MCP_RATE_LIMIT_PER_MINUTE`` tool calls per caller in any minute.

    A token bucket (refilled continuously) rather than a counter per clock minute: a counter lets
    twice the limit through across a minute's boundary, and makes the limit depend on the clock.
    """
    limit = settings().mcp_rate_limit_per_minute
    bucket = Bucket(limit / 60, limit, 0.0, 120)
    wait = security_context().take(f"mcp:rate:{principal.sub}", bucket, time.time())
    if wait != 0:
        raise RateLimited(f"more than {limit} tool calls a minute; slow down", retry_after_s=abs(wait))


def require_deploy_scope(principal: Principal, change: str) -> None:
    """A mutation needs ``deploy:execute`` on the MCP token itself (deploy checks it again)."""
    if not principal.has(DEPLOY_EXECUTE):
        raise Forbidden(f"{change} needs a token with the scope {DEPLOY_EXECUTE}; nothing was changed")
