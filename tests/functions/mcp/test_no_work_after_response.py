"""Issue 16, problem 12, for the MCP function: its SDK app runs on the server's event loop
(klepaas_mcp.asgi); after each answer, nothing of ours or the SDK's but the session manager is left
on that loop. (uvicorn's own server tasks are there too, and idle worker threads of anyio's pool
stay for its idle timeout, doing nothing.)"""

from __future__ import annotations

import asyncio
from typing import Any

from mcp import ClientSession

from .test_python_client import session_run


def _tasks_left() -> list[str]:
    from klepaas_mcp import asgi

    (loop,) = asgi._hosted  # the one loop the server ran the SDK app on
    tasks = asyncio.run_coroutine_threadsafe(_names(), loop).result(timeout=5)
    return sorted(tasks)


def _uvicorn_s(task: asyncio.Task[Any]) -> bool:
    code = getattr(task.get_coro(), "cr_code", None)
    return code is not None and "/uvicorn/" in code.co_filename


async def _names() -> list[str]:
    current = asyncio.current_task()
    return [
        task.get_coro().__qualname__  # type: ignore[union-attr]
        for task in asyncio.all_tasks()
        if task is not current and not _uvicorn_s(task)
    ]


def test_a_tool_call_leaves_only_the_session_manager_on_the_loop(serve: Any, mcp_token: Any) -> None:
    served = serve()

    async def work(session: ClientSession) -> Any:
        return await session.call_tool("list_resources", {"kind": "pods", "namespace": "default"})

    for _ in range(3):
        assert not session_run(served.url, mcp_token(sub="alice"), work).is_error
    assert _tasks_left() == ["_start.<locals>.keep_running"]
