"""Tools that are neither plain reads nor mutations: metrics, natural language, health."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

from pydantic import Field

from klepaas_shared.promql import MAX_LENGTH, check

from .ports import get_ports
from .runner import breaker, caller, guarded, mutate, read, tool_errors
from .safety import check_rate

if TYPE_CHECKING:
    from mcp.server.mcpserver import MCPServer

READ_INTENTS = frozenset(
    {"list_rollback", "status", "logs", "endpoint", "overview", "list_pods", "list_deployments", "list_services"}
    | {"list_endpoints", "list_ingresses", "list_namespaces", "get_service", "get_deployment", "cost_analysis"}
)
MUTATING_INTENTS = frozenset({"deploy", "scale", "restart", "rollback"})


async def query_metrics(
    query: Annotated[
        str, Field(min_length=1, max_length=MAX_LENGTH, description="a PromQL instant query naming its metric")
    ],
) -> dict[str, Any]:
    """Run a PromQL instant query against the cluster's Prometheus (through the deploy function), e.g.
    'sum(rate(http_requests_total{app="web-app"}[5m]))'. Read-only. Name the metric; ranges are at
    most 24h; queries selecting every series by pattern are refused."""
    with tool_errors():
        promql = check(query)
    return await read("query_metrics", query=promql)


async def process_command(
    command: Annotated[str, Field(min_length=1, max_length=2000, description="a Korean or English sentence")],
    execute: Annotated[bool, Field(description="run it, not only interpret it")] = False,
    confirm: Annotated[str | None, Field(description="for a mutation: the confirmation sentence")] = None,
) -> dict[str, Any]:
    """Interpret a natural-language command ("scale web-app to 3", "web-app 로그 보여줘").

    By default this only interprets (a dry run) and answers the intent and arguments. With
    `execute` true, a read runs at once; a mutation follows the same confirmation rule as the
    mutating tools: `confirm` must restate the `statement` the dry run answers."""
    with tool_errors():
        principal = caller()
        check_rate(principal)
        interpreter = get_ports().interpreter
        found = await guarded("nlp", lambda: interpreter.interpret(command, principal))
        intent, args = str(found.get("intent", "unknown")), dict(found.get("args") or {})
        statement = " ".join([intent, *(f"{k}={args[k]}" for k in sorted(args))])
        answer: dict[str, Any] = {"interpretation": found, "statement": statement, "executed": False}
        if not execute or found.get("refused") or found.get("missing"):
            return answer
        if intent in READ_INTENTS:
            answer.update(executed=True, result=await read(intent, **args))
        elif intent in MUTATING_INTENTS:
            answer.update(executed=True, result=await mutate(intent, statement, confirm, None, **args))
        return answer


async def health() -> dict[str, Any]:
    """This MCP server's health and the circuit breaker of each service it calls
    (closed = healthy, open = failing fast, half_open = probing). Read-only."""
    from .external.connectors import registry_breakers

    names = ("deploy", "nlp")
    return {
        "status": "ok",
        "circuits": [breaker(n).snapshot() for n in names] + registry_breakers(),
    }


def register(server: MCPServer[Any], *, read_only: bool) -> None:
    from mcp.types import ToolAnnotations

    reading = ToolAnnotations(read_only_hint=True, destructive_hint=False, idempotent_hint=True, open_world_hint=False)
    server.add_tool(query_metrics, annotations=reading)
    server.add_tool(health, annotations=reading)
    if not read_only:
        server.add_tool(process_command, annotations=ToolAnnotations(read_only_hint=False, destructive_hint=True))
