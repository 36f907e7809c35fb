"""Tools that are neither plain reads nor mutations: metrics, natural language, health."""

from __future__ import annotations

from typing import Annotated, Any

from mcp.server.mcpserver import MCPServer
from mcp.types import CallToolResult, ToolAnnotations
from pydantic import BaseModel, Field

from klepaas_shared.promql import MAX_LENGTH, check

from .answers import Interpretation, Report, result
from .ports import get_ports
from .render import report_result
from .runner import breaker, caller, guarded, read, tool_errors
from .safety import check_rate

READ_INTENTS = frozenset(
    {"list_rollback", "status", "logs", "endpoint", "overview", "list_pods", "list_deployments", "list_services"}
    | {"list_endpoints", "list_ingresses", "list_namespaces", "get_service", "get_deployment", "cost_analysis"}
)
# A mutation is never run from a sentence: the model calls the tool, which carries the
# destructive annotation the host shows its user, and the approval or elicitation behind it.
MUTATION_TOOLS = {"deploy": "deploy_app", "scale": "scale", "restart": "restart", "rollback": "rollback"}


class Health(BaseModel):
    status: str
    circuits: list[dict[str, Any]]


async def query_metrics(
    query: Annotated[
        str, Field(min_length=1, max_length=MAX_LENGTH, description="a PromQL instant query naming its metric")
    ],
) -> Annotated[CallToolResult, Report]:
    """Run a PromQL instant query against the cluster's Prometheus (through the deploy function), e.g.
    'sum(rate(http_requests_total{app="web-app"}[5m]))'. Read-only. Name the metric; ranges are at
    most 24h; queries selecting every series by pattern are refused."""
    with tool_errors():
        promql = check(query)
    return report_result("query_metrics", await read("query_metrics", query=promql))


async def process_command(
    command: Annotated[str, Field(min_length=1, max_length=2000, description="a Korean or English sentence")],
    execute: Annotated[bool, Field(description="run it when it is a read")] = False,
) -> Annotated[CallToolResult, Interpretation]:
    """Interpret a natural-language command ("scale web-app to 3", "web-app 로그 보여줘").

    Answers the intent and its arguments. With `execute` true a read runs at once; a change is
    never run from here: the answer names the tool (`next_tool`) to call with those arguments."""
    with tool_errors():
        principal = caller()
        check_rate(principal)
        interpreter = get_ports().interpreter
        found = await guarded("nlp", lambda: interpreter.interpret(command, principal))
    intent, args = str(found.get("intent", "unknown")), dict(found.get("args") or {})
    answer = Interpretation(
        intent=intent,
        args=args,
        statement=" ".join([intent, *(f"{k}={args[k]}" for k in sorted(args))]),
        executed=False,
        missing=[str(m) for m in found.get("missing") or []],
        refused=str(found["refused"]) if found.get("refused") else None,
        next_tool=MUTATION_TOOLS.get(intent),
    )
    text = f"interpreted as: {answer.statement}"
    if answer.refused or answer.missing:
        text += f" ({answer.refused or 'missing: ' + ', '.join(answer.missing)})"
    elif answer.next_tool:
        text += f". To make this change, call {answer.next_tool} with these arguments."
    elif execute and intent in READ_INTENTS:
        response = await read(intent, **args)
        answer.executed = True
        answer.result = Report(kind=intent, message=str(response.get("message", "")), data=response.get("data"))
        text += f"\n{answer.result.message}"
    return result(text, answer)


async def health() -> Annotated[CallToolResult, Health]:
    """This MCP server's health and the circuit breaker of each service it calls
    (closed = healthy, open = failing fast, half_open = probing). Read-only."""
    from .external.connectors import registry_breakers

    circuits = [breaker(n).snapshot() for n in ("deploy", "nlp")] + registry_breakers()
    state = Health(status="ok", circuits=circuits)
    lines = [f"{c.get('name', '?')}: {c.get('state', '?')}" for c in circuits]
    return result("ok\n" + "\n".join(lines), state)


def register(server: MCPServer[Any], *, read_only: bool) -> None:
    def hints(title: str, *, open_world: bool) -> ToolAnnotations:
        return ToolAnnotations(
            title=title, read_only_hint=True, destructive_hint=False, idempotent_hint=True, open_world_hint=open_world
        )

    server.add_tool(query_metrics, title="Query metrics", annotations=hints("Query metrics", open_world=False))
    server.add_tool(health, title="Server health", annotations=hints("Server health", open_world=False))
    # nlp may ask an outside LLM provider to interpret the sentence: an open world.
    title = "Interpret a command"
    server.add_tool(process_command, title=title, annotations=hints(title, open_world=True))
