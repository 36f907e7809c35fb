"""The person behind a change: held for approval in protected environments, asked elsewhere.

In a protected environment deploy holds the mutation until a person approves it in the console
or in Slack; nothing a model can type approves it. Elsewhere, when the host can show a form
(it declares form elicitation and speaks MCP 2026-07-28, whose tools/call carries the question
in an ``input_required`` result, so a stateless server can ask), the person is asked first.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, Field

from klepaas_shared.auth import DEPLOY_EXECUTE

from .settings import settings

if TYPE_CHECKING:
    from mcp.server.mcpserver import Context, Elicit

ELICITATION_VERSION = "2026-07-28"  # the first revision whose tools/call can ask without a back channel


class Consent(BaseModel):
    proceed: bool = Field(description="make this change now")


def protected(environment: str) -> bool:
    """Whether deploy holds changes to ``environment`` for an approval (mirrors deploy's setting)."""
    config = settings()
    return environment in config.split(config.mcp_held_environments)


def can_ask(ctx: Context[Any, Any]) -> bool:
    """The host declared form elicitation and the request's protocol carries the question."""
    from mcp_types.version import is_version_at_least

    version = ctx.protocol_version
    capabilities = ctx.client_capabilities
    elicitation = capabilities.elicitation if capabilities is not None else None
    form = elicitation is not None and (elicitation.form is not None or elicitation.url is None)
    return form and version is not None and is_version_at_least(version, ELICITATION_VERSION)


def ask(ctx: Context[Any, Any], environment: str, change: str) -> Elicit[Consent] | None:
    """The question to put to the person, or None: refused anyway (no deploy:execute), held for
    approval anyway, or no way to ask."""
    from mcp.server.auth.middleware.auth_context import get_access_token
    from mcp.server.mcpserver import Elicit

    token = get_access_token()  # the verified token of this request
    if token is None or DEPLOY_EXECUTE not in token.scopes or protected(environment) or not can_ask(ctx):
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


POLICY = {
    "scope": "mutating tools need a token with deploy:execute",
    "protected_environments": "a change there is held: deploy records it as an operation waiting for a "
    "person to approve it in the console or Slack (POST /api/v1/operations/{id}/approval); the tool "
    "answers waiting_for_approval with the operation id and a link, and operation_status reports it. "
    "Nothing a model can send approves it.",
    "elicitation": f"elsewhere, a host that declares form elicitation and speaks MCP {ELICITATION_VERSION} is "
    "asked to confirm the change with its user first; declining changes nothing",
    "otherwise": "a host that cannot be asked runs the change on the tool call: such hosts show the "
    "tool's destructiveHint to their user before calling",
}
