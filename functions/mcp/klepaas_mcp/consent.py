"""The person behind a change: asked first where the host can ask, held for approval where
the project protects the environment.

When the host can show a form (it declares form elicitation and speaks MCP 2026-07-28, whose
tools/call carries the question in an ``input_required`` result, so a stateless server can ask),
the person is asked before any change is sent. Which environments are protected is deploy's
decision, per project; mcp does not guess it, so it asks in every environment (a guess that
missed a project's own setting would skip both the question and the hold). In a protected
environment deploy then holds the mutation until another person approves it in Slack or with
POST /api/v1/operations/{id}/approval; nothing a model can type approves it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, Field

from klepaas_shared.auth import DEPLOY_EXECUTE

if TYPE_CHECKING:
    from mcp.server.mcpserver import Context, Elicit

ELICITATION_VERSION = "2026-07-28"  # the first revision whose tools/call can ask without a back channel


class Consent(BaseModel):
    proceed: bool = Field(description="make this change now")


def can_ask(ctx: Context[Any, Any]) -> bool:
    """The host declared form elicitation and the request's protocol carries the question."""
    from mcp_types.version import is_version_at_least

    version = ctx.protocol_version
    capabilities = ctx.client_capabilities
    elicitation = capabilities.elicitation if capabilities is not None else None
    form = elicitation is not None and (elicitation.form is not None or elicitation.url is None)
    return form and version is not None and is_version_at_least(version, ELICITATION_VERSION)


def ask(ctx: Context[Any, Any], change: str) -> Elicit[Consent] | None:
    """The question to put to the person about ``change`` (which names its environment), or None:
    refused anyway (no deploy:execute) or no way to ask."""
    from mcp.server.auth.middleware.auth_context import get_access_token
    from mcp.server.mcpserver import Elicit

    token = get_access_token()  # the verified token of this request
    if token is None or DEPLOY_EXECUTE not in token.scopes or not can_ask(ctx):
        return None
    return Elicit(f"K-Le-PaaS: {change}? This changes running apps.", Consent)


def refusal(outcome: Any) -> str | None:
    """Why the person's answer stops the change, or None to go ahead (also when not asked)."""
    if outcome.action != "accept":
        verb = "declined" if outcome.action == "decline" else "cancelled"
        return f"the person {verb} the change; nothing was changed"
    if isinstance(outcome.data, Consent) and not outcome.data.proceed:
        return "the person chose not to proceed; nothing was changed"
    return None


def require(outcome: Any) -> None:
    """Stop the tool with an error naming :func:`refusal` when the person did not agree."""
    refused = refusal(outcome)
    if refused is not None:
        from mcp.server.mcpserver.exceptions import ToolError

        raise ToolError(f"not run: {refused}")


POLICY = {
    "scope": "mutating tools need a token with deploy:execute",
    "protected_environments": "each project's protected environments (production unless the project "
    "says otherwise) are decided by deploy: a change there is held as an operation waiting for another "
    "person to approve it in Slack or with POST /api/v1/operations/{id}/approval (the web console has no "
    "approval screen); the tool answers waiting_for_approval with the operation id and that endpoint as "
    "approval_url, and operation_status reports it. "
    "Nothing a model can send approves it.",
    "elicitation": f"a host that declares form elicitation and speaks MCP {ELICITATION_VERSION} is asked to "
    "confirm every change with its user first, in any environment; declining changes nothing",
    "otherwise": "a host that cannot be asked runs the change on the tool call: such hosts show the "
    "tool's destructiveHint to their user before calling",
}
