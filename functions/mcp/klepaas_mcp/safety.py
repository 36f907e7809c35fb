"""The tools' safety policy: who may call, how often, and when a mutation may run."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from pydantic import BaseModel, Field

from klepaas_shared.auth import DEPLOY_EXECUTE, Principal
from klepaas_shared.context import get_context
from klepaas_shared.errors import Forbidden, RateLimited

from .settings import settings

if TYPE_CHECKING:
    from mcp.server.mcpserver import Context

ELICIT_TIMEOUT_S = 60


class Confirmation(BaseModel):
    confirm: bool = Field(description="true to run the operation as described")


def check_rate(principal: Principal) -> None:
    """At most ``KLEPAAS_MCP_RATE_LIMIT_PER_MINUTE`` tool calls per caller per minute."""
    limit = settings().mcp_rate_limit_per_minute
    window = int(time.time() // 60)
    count = get_context().incr(f"mcp:rate:{principal.sub}:{window}", 60)
    if count > limit:
        raise RateLimited(f"more than {limit} tool calls this minute; slow down", retry_after_s=60 - time.time() % 60)


def _same(a: str, b: str) -> bool:
    return " ".join(a.lower().split()) == " ".join(b.lower().split())


async def confirm_mutation(ctx: Context, principal: Principal, statement: str, confirm: str | None) -> None:
    """Return when the mutation described by ``statement`` may run; raise otherwise.

    The token must carry ``deploy:execute``. Then either the client confirms through MCP
    elicitation (when it declares the capability), or the call's ``confirm`` restates
    ``statement`` exactly (case and spacing aside).
    """
    if not principal.has(DEPLOY_EXECUTE):
        raise Forbidden(f"'{statement}' needs a token with the scope {DEPLOY_EXECUTE}")
    if confirm is not None and _same(confirm, statement):
        return
    capabilities = ctx.client_capabilities
    if capabilities is not None and capabilities.elicitation is not None:
        import anyio
        from mcp.shared.exceptions import MCPError, NoBackChannelError

        try:
            with anyio.fail_after(ELICIT_TIMEOUT_S):
                answer = await ctx.elicit(f"Run '{statement}'?", Confirmation)
        except (TimeoutError, NoBackChannelError, MCPError):  # no channel back: fall through
            answer = None
        if answer is not None:
            if answer.action == "accept" and getattr(answer, "data", None) is not None and answer.data.confirm:
                return
            raise Forbidden(f"'{statement}' was not confirmed; nothing was changed")
    raise Forbidden(f"not run: to confirm, call again with confirm set to exactly '{statement}'; nothing was changed")
