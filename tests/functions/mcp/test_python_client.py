"""The official Python MCP SDK client against the function on a loopback port."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import anyio
import httpx2
from mcp import ClientSession
from mcp.client.streamable_http import streamable_http_client
from mcp.shared.exceptions import MCPError

from .conftest import PODS


def session_run(url: str, token: str, work: Callable[[ClientSession], Awaitable[Any]]) -> Any:
    async def main() -> Any:
        async with (
            httpx2.AsyncClient(headers={"Authorization": f"Bearer {token}"}, timeout=30) as http,
            streamable_http_client(f"{url}/mcp", http_client=http) as streams,
            ClientSession(streams[0], streams[1]) as session,
        ):
            await session.initialize()
            return await work(session)

    return anyio.run(main)


def test_initialize_and_list_tools_with_annotations(serve, mcp_token) -> None:
    served = serve()

    async def work(session: ClientSession) -> Any:
        return (await session.list_tools()).tools

    tools = {t.name: t for t in session_run(served.url, mcp_token(), work)}
    assert {
        "deploy_app",
        "scale",
        "restart",
        "rollback",
        "get_status",
        "get_logs",
        "list_resources",
        "health",
        "process_command",
        "query_metrics",
        "cluster_overview",
        "deployment_history",
        "rollback_candidates",
        "get_resource",
    } <= set(tools)
    assert tools["get_logs"].annotations.read_only_hint is True
    assert tools["rollback"].annotations.destructive_hint is True
    assert "confirm" not in tools["scale"].input_schema["properties"]
    assert "consented" not in tools["scale"].input_schema["properties"]  # filled by the server, not the model
    for name in ("deploy_app", "scale", "restart", "rollback"):
        assert tools[name].annotations.destructive_hint is True and tools[name].annotations.read_only_hint is False
    assert tools["deploy_app"].annotations.open_world_hint is True
    assert all(t.title for t in tools.values()) and all(t.output_schema for t in tools.values())
    assert tools["list_resources"].output_schema["properties"]["next_cursor"]


def test_read_tool_sends_a_typed_operation_from_mcp(serve, mcp_token) -> None:
    served = serve()

    async def work(session: ClientSession) -> Any:
        return await session.call_tool("list_resources", {"kind": "pods", "namespace": "default"})

    result = session_run(served.url, mcp_token(sub="alice"), work)
    assert not result.is_error
    assert result.structured_content["total"] == 2 and len(result.structured_content["items"]) == 2
    head, columns, *rows = result.content[0].text.splitlines()
    assert head == "2 pods" and columns.split() == ["NAME", "NAMESPACE", "READY", "STATUS", "RESTARTS", "AGE"]
    assert [r.split()[0] for r in rows] == [p["name"] for p in PODS]
    request, principal = served.ops.seen[-1]
    assert (request.type, request.args, request.source) == ("list_pods", {"namespace": "default"}, "mcp")
    assert principal.sub == "alice" and principal.audience == "klepaas-mcp"


def test_a_mutation_runs_with_an_operation_id_from_mcp(serve, mcp_token) -> None:
    served = serve()

    async def work(session: ClientSession) -> Any:
        return await session.call_tool("scale", {"app_name": "web-app", "replicas": 3})

    result = session_run(served.url, mcp_token(), work)
    assert not result.is_error, result.content
    request, _ = served.ops.seen[-1]
    assert request.type == "scale" and request.args["replicas"] == 3 and request.source == "mcp"
    assert request.operation_id is not None and request.operation_id.startswith("mcp-")
    assert result.structured_content["operation_id"] == request.operation_id
    assert result.content[0].text == f"scale succeeded: scale done (operation {request.operation_id})"


def test_mutation_without_deploy_scope_is_refused(serve, mcp_token) -> None:
    served = serve()

    async def work(session: ClientSession) -> Any:
        return await session.call_tool("restart", {"app_name": "web-app"})

    result = session_run(served.url, mcp_token(scopes=("mcp:execute",)), work)
    assert result.is_error and "deploy:execute" in result.content[0].text
    assert served.ops.seen == []


def test_downstream_error_comes_back_as_a_tool_error_with_its_code(serve, mcp_token) -> None:
    served = serve()

    async def work(session: ClientSession) -> Any:
        return await session.call_tool("get_resource", {"kind": "deployment", "name": "missing"})

    result = session_run(served.url, mcp_token(), work)
    assert result.is_error and "not_found: no such resource" in result.content[0].text


def test_invalid_arguments_are_a_tool_error(serve, mcp_token) -> None:
    served = serve()

    async def work(session: ClientSession) -> Any:
        return await session.call_tool("get_logs", {"pod_name": "p", "tail": 5000})

    result = session_run(served.url, mcp_token(), work)
    assert result.is_error
    assert served.ops.seen == []


def test_unknown_tool_is_an_error(serve, mcp_token) -> None:
    served = serve()

    async def work(session: ClientSession) -> Any:
        return await session.call_tool("delete_namespace", {})

    try:
        result = session_run(served.url, mcp_token(), work)
    except MCPError:
        return
    assert result.is_error


def test_read_only_profile_does_not_list_mutating_tools(serve, mcp_token) -> None:
    served = serve(KLEPAAS_MCP_READ_ONLY="true")

    async def work(session: ClientSession) -> Any:
        return {t.name for t in (await session.list_tools()).tools}

    names = session_run(served.url, mcp_token(), work)
    assert "get_status" in names
    assert not names & {"deploy_app", "scale", "restart", "rollback"}
    assert "process_command" in names  # it never changes anything


def test_rate_limit_per_caller(serve, mcp_token) -> None:
    served = serve(KLEPAAS_MCP_RATE_LIMIT_PER_MINUTE="2")

    async def work(session: ClientSession) -> Any:
        return [await session.call_tool("cluster_overview", {}) for _ in range(3)]

    results = session_run(served.url, mcp_token(sub="busy"), work)
    assert [r.is_error for r in results] == [False, False, True]
    assert "rate_limited" in results[2].content[0].text
    other = session_run(served.url, mcp_token(sub="calm"), lambda s: s.call_tool("cluster_overview", {}))
    assert not other.is_error


def test_process_command_is_a_dry_run_unless_asked(serve, mcp_token) -> None:
    served = serve()

    async def work(session: ClientSession) -> Any:
        dry = await session.call_tool("process_command", {"command": "scale web-app to 3"})
        run = await session.call_tool("process_command", {"command": "show pods", "execute": True})
        return dry, run

    dry, run = session_run(served.url, mcp_token(), work)
    assert dry.structured_content["executed"] is False
    assert dry.structured_content["intent"] == "scale"
    assert run.structured_content["executed"] is True
    assert [r.type for r, _ in served.ops.seen] == ["list_pods"]


def test_health_reports_circuit_states(serve, mcp_token) -> None:
    served = serve()
    result = session_run(served.url, mcp_token(), lambda s: s.call_tool("health", {}))
    circuits = {c["name"]: c["state"] for c in result.structured_content["circuits"]}
    assert circuits["deploy"] == "closed"
