"""The tools' safety policy: who may call, how often, and when a mutation may run."""

from __future__ import annotations

import time

from klepaas_shared.auth import DEPLOY_EXECUTE, Principal
from klepaas_shared.context import security_context
from klepaas_shared.errors import Forbidden, RateLimited

from .settings import settings

CONFIRMATION_POLICY = {
    "elicitation": False,
    "why": "stateless JSON responses: the server has no channel to send an elicitation request on",
    "mutating_tools_need_scope": DEPLOY_EXECUTE,
    "mutating_tools_need": "the call's `confirm` argument restating the operation exactly, e.g. 'scale web-app to 3'",
    "otherwise": "the call is refused and nothing changes",
}


def check_rate(principal: Principal) -> None:
    """At most ``KLEPAAS_MCP_RATE_LIMIT_PER_MINUTE`` tool calls per caller per minute."""
    limit = settings().mcp_rate_limit_per_minute
    window = int(time.time() // 60)
    count = security_context().incr(f"mcp:rate:{principal.sub}:{window}", 60)
    if count > limit:
        raise RateLimited(f"more than {limit} tool calls this minute; slow down", retry_after_s=60 - time.time() % 60)


def _same(a: str, b: str) -> bool:
    return " ".join(a.lower().split()) == " ".join(b.lower().split())


def confirm_mutation(principal: Principal, statement: str, confirm: str | None) -> None:
    """Return when the mutation described by ``statement`` may run; raise ``Forbidden`` otherwise.

    This server answers stateless JSON, so it has no channel to send an elicitation request on:
    a mutation runs only when the token carries ``deploy:execute`` and the call's ``confirm``
    restates ``statement`` exactly (case and spacing aside).
    """
    if not principal.has(DEPLOY_EXECUTE):
        raise Forbidden(f"'{statement}' needs a token with the scope {DEPLOY_EXECUTE}")
    if confirm is None or not _same(confirm, statement):
        raise Forbidden(
            f"not run: to confirm, call again with confirm set to exactly '{statement}'; nothing was changed"
        )
