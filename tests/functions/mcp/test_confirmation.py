"""The confirmation policy of the mutating tools. The server is stateless JSON, so it never sends
an elicitation request: a mutation runs only with deploy:execute and a `confirm` naming it exactly."""

from __future__ import annotations

from typing import Any

import anyio
import httpx2
from mcp import ClientSession, types
from mcp.client.streamable_http import streamable_http_client

from .test_http_edges import call
from .test_python_client import session_run


def test_a_client_offering_elicitation_is_not_asked_and_is_refused_without_confirm(serve, mcp_token) -> None:
    served = serve()
    asked: list[Any] = []

    async def accept_everything(context: Any, params: Any) -> types.ElicitResult:
        asked.append(params)
        return types.ElicitResult(action="accept", content={"confirm": True})

    async def main() -> tuple[Any, Any]:
        with anyio.fail_after(20):
            return await calls()

    async def calls() -> tuple[Any, Any]:
        async with (
            httpx2.AsyncClient(headers={"Authorization": f"Bearer {mcp_token()}"}) as http,
            streamable_http_client(f"{served.url}/mcp", http_client=http) as streams,
            ClientSession(streams[0], streams[1], elicitation_callback=accept_everything) as session,
        ):
            await session.initialize()
            refused = await session.call_tool("scale", {"app_name": "web-app", "replicas": 3})
            confirmed = await session.call_tool(
                "scale", {"app_name": "web-app", "replicas": 3, "confirm": "scale web-app to 3"}
            )
            return refused, confirmed

    refused, confirmed = anyio.run(main)
    assert refused.is_error and "confirm set to exactly 'scale web-app to 3'" in refused.content[0].text
    assert not confirmed.is_error, confirmed.content
    assert asked == []
    assert [r.type for r, _ in served.ops.seen] == ["scale"]


def test_a_confirm_naming_another_operation_is_refused(serve, mcp_token) -> None:
    served = serve()

    async def work(session: ClientSession) -> list[Any]:
        return [
            await session.call_tool("scale", {"app_name": "web-app", "replicas": 3, "confirm": "scale web-app to 4"}),
            await session.call_tool("restart", {"app_name": "web-app", "confirm": "yes"}),
            await session.call_tool("rollback", {"app_name": "web-app", "confirm": "rollback web-app by 2"}),
            await session.call_tool("deploy_app", {"app_name": "web-app", "confirm": "deploy web-app to production"}),
        ]

    results = session_run(served.url, mcp_token(), work)
    assert all(r.is_error and "nothing was changed" in r.content[0].text for r in results)
    assert "'rollback web-app by 1'" in results[2].content[0].text
    assert served.ops.seen == []


def test_process_command_mutations_need_the_statement_as_confirm(serve, mcp_token) -> None:
    served = serve()
    command = {"command": "scale web-app to 3", "execute": True}

    async def work(session: ClientSession) -> tuple[Any, Any]:
        refused = await session.call_tool("process_command", command)
        dry = await session.call_tool("process_command", {"command": "scale web-app to 3"})
        done = await session.call_tool("process_command", {**command, "confirm": dry.structured_content["statement"]})
        return refused, done

    refused, done = session_run(served.url, mcp_token(), work)
    assert refused.is_error and "nothing was changed" in refused.content[0].text
    assert not done.is_error and done.structured_content["executed"] is True
    assert [(r.type, r.args) for r, _ in served.ops.seen] == [("scale", {"app_name": "web-app", "replicas": 3})]


def test_without_deploy_scope_process_command_cannot_mutate(serve, mcp_token) -> None:
    served = serve()
    args = {"command": "scale web-app to 3", "execute": True, "confirm": "scale app_name=web-app replicas=3"}
    result = session_run(
        served.url, mcp_token(scopes=("mcp:execute", "read")), lambda s: s.call_tool("process_command", args)
    )
    assert result.is_error and "deploy:execute" in result.content[0].text
    assert served.ops.seen == []


def test_info_states_the_confirmation_policy(serve) -> None:
    served = serve()
    status, _, info = call(f"{served.url}/mcp/info", method="GET")
    policy = info["confirmation"]
    assert status == 200 and policy["elicitation"] is False
    assert policy["mutating_tools_need_scope"] == "deploy:execute"
    assert "confirm" in policy["mutating_tools_need"] and "nothing changes" in policy["otherwise"]
