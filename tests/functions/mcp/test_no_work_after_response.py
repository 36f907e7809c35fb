"""Issue 16, problem 12, for the MCP function: its SDK app runs on one event loop per instance
(uvicorn's, under functions-framework's aio mode; klepaas_mcp.asgi); after each answer, nothing but
the session manager and uvicorn's own serving task is left on that loop. (Idle worker threads of
anyio's pool stay for its idle timeout, doing nothing.)"""

from __future__ import annotations

import asyncio
from typing import Any

from mcp import ClientSession

from .test_python_client import session_run


def _tasks_left() -> list[str]:
    from klepaas_mcp import asgi

    (loop,) = asgi._hosted  # one instance, one loop
    tasks = asyncio.run_coroutine_threadsafe(_names(), loop).result(timeout=5)
    return sorted(tasks)


async def _names() -> list[str]:
    current = asyncio.current_task()
    return [task.get_coro().__qualname__ for task in asyncio.all_tasks() if task is not current]  # type: ignore[union-attr]


def test_a_tool_call_leaves_only_the_session_manager_on_the_loop(serve: Any, mcp_token: Any) -> None:
    served = serve()

    async def work(session: ClientSession) -> Any:
        return await session.call_tool("list_resources", {"kind": "pods", "namespace": "default"})

    for _ in range(3):
        assert not session_run(served.url, mcp_token(sub="alice"), work).is_error
    assert _tasks_left() == ["Server.serve", "_start.<locals>.keep_running"]
