"""A person behind every change: asked through elicitation when the host can be asked, in every
environment (which ones a project protects is deploy's decision), held for another person's
approval in protected ones, never approved by anything the model sends."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import anyio
import httpx2
from mcp import Client, types
from mcp.client.streamable_http import streamable_http_client

from .test_http_edges import call
from .test_python_client import session_run

Work = Callable[[Client], Awaitable[Any]]


def modern_run(url: str, token: str, work: Work, answer: Callable[[Any], types.ElicitResult] | None = None) -> Any:
    """The SDK's high-level client speaking MCP 2026-07-28, answering elicitations with ``answer``."""

    async def elicit(context: Any, params: Any) -> types.ElicitResult:
        assert answer is not None
        return answer(params)

    async def main() -> Any:
        with anyio.fail_after(30):
            async with httpx2.AsyncClient(headers={"Authorization": f"Bearer {token}"}, timeout=30) as http:
                transport = streamable_http_client(f"{url}/mcp", http_client=http)
                callback = elicit if answer is not None else None
                async with Client(transport, mode="2026-07-28", elicitation_callback=callback) as client:
                    return await work(client)

    return anyio.run(main)


def test_the_person_is_asked_and_the_change_runs_when_they_agree(serve, mcp_token) -> None:
    served = serve()
    asked: list[str] = []

    def agree(params: Any) -> types.ElicitResult:
        asked.append(params.message)
        return types.ElicitResult(action="accept", content={"proceed": True})

    result = modern_run(
        served.url, mcp_token(), lambda c: c.call_tool("scale", {"app_name": "web-app", "replicas": 3}), agree
    )
    assert not result.is_error, result.content
    assert asked == ["K-Le-PaaS: scale web-app in staging to 3 replicas? This changes running apps."]
    [(request, _)] = served.ops.seen
    assert request.type == "scale" and request.args["replicas"] == 3
    assert result.structured_content["status"] == "succeeded"
    assert result.structured_content["operation_id"] == request.operation_id


def test_a_person_who_declines_or_says_no_changes_nothing(serve, mcp_token) -> None:
    served = serve()
    answers = iter(
        [types.ElicitResult(action="decline"), types.ElicitResult(action="accept", content={"proceed": False})]
    )

    async def work(client: Client) -> list[Any]:
        return [
            await client.call_tool("restart", {"app_name": "web-app"}),
            await client.call_tool("rollback", {"app_name": "web-app"}),
        ]

    declined, refused = modern_run(served.url, mcp_token(), work, lambda _: next(answers))
    assert declined.is_error and "declined the change; nothing was changed" in declined.content[0].text
    assert refused.is_error and "chose not to proceed" in refused.content[0].text
    assert served.ops.seen == []


def test_production_changes_wait_for_an_approval_no_argument_can_give(serve, mcp_token) -> None:
    served = serve()
    asked: list[Any] = []

    def agree(params: Any) -> types.ElicitResult:
        asked.append(params)
        return types.ElicitResult(action="accept", content={"proceed": True})

    async def work(client: Client) -> tuple[Any, Any]:
        args = {"app_name": "web-app", "replicas": 3, "environment": "production", "confirm": "yes, approved"}
        held = await client.call_tool("scale", args)
        state = await client.call_tool("operation_status", {"operation_id": held.structured_content["operation_id"]})
        return held, state

    held, state = modern_run(served.url, mcp_token(), work, agree)
    # the person is asked first, and deploy still holds it for another person in Slack or at its endpoint
    assert [params.message for params in asked] == [
        "K-Le-PaaS: scale web-app in production to 3 replicas? This changes running apps."
    ]
    assert not held.is_error and held.structured_content["status"] == "waiting_for_approval"
    operation_id = held.structured_content["operation_id"]
    # the approval endpoint, not a console page (the console has no approval screen)
    url = held.structured_content["approval_url"]
    assert url.startswith("http") and url.endswith(f"/api/v1/operations/{operation_id}/approval"), url
    assert f"POST {url}" in held.content[0].text
    assert "Slack" in held.content[0].text and "args_hash" in held.content[0].text
    assert held.content[0].text.startswith("waiting for approval") and operation_id in held.content[0].text
    assert "confirm" not in served.ops.seen[0][0].args  # an extra argument is not an approval
    assert state.structured_content["status"] == "waiting_for_approval"


def test_a_host_that_cannot_be_asked_runs_the_change_as_info_says(serve, mcp_token) -> None:
    served = serve()
    result = session_run(
        served.url, mcp_token(), lambda s: s.call_tool("scale", {"app_name": "web-app", "replicas": 2})
    )
    assert not result.is_error and result.structured_content["status"] == "succeeded"
    status, _, info = call(f"{served.url}/mcp/info", method="GET")
    policy = info["human_in_the_loop"]
    assert status == 200 and "decided by deploy" in policy["protected_environments"]
    assert "in any environment" in policy["elicitation"]
    assert "destructiveHint" in policy["otherwise"] and "2026-07-28" in policy["elicitation"]


def test_a_production_change_is_asked_even_where_a_project_does_not_protect_it(serve, mcp_token) -> None:
    """mcp never guesses which environments deploy holds: a project that unprotects production
    gets its change run at once by deploy, so the person must have been asked before it was sent."""
    served = serve()
    asked: list[str] = []

    def decline(params: Any) -> types.ElicitResult:
        asked.append(params.message)
        return types.ElicitResult(action="decline")

    args = {"app_name": "web-app", "environment": "production"}
    result = modern_run(served.url, mcp_token(), lambda c: c.call_tool("restart", args), decline)
    assert asked == ["K-Le-PaaS: restart every pod of web-app in production? This changes running apps."]
    assert result.is_error and "declined the change; nothing was changed" in result.content[0].text
    assert served.ops.seen == []


def test_without_the_deploy_scope_no_one_is_asked_and_no_change_is_sent(serve, mcp_token) -> None:
    served = serve()
    asked: list[Any] = []

    def agree(params: Any) -> types.ElicitResult:
        asked.append(params)
        return types.ElicitResult(action="accept", content={"proceed": True})

    result = modern_run(
        served.url,
        mcp_token(scopes=("mcp:execute", "read")),
        lambda c: c.call_tool("restart", {"app_name": "web-app"}),
        agree,
    )
    assert result.is_error and "deploy:execute" in result.content[0].text
    assert served.ops.seen == [] and asked == []


def test_process_command_never_changes_anything_and_names_the_tool(serve, mcp_token) -> None:
    served = serve()
    args = {"command": "scale web-app to 3", "execute": True}
    result = session_run(served.url, mcp_token(), lambda s: s.call_tool("process_command", args))
    assert not result.is_error and result.structured_content["next_tool"] == "scale"
    assert result.structured_content["executed"] is False and served.ops.seen == []
