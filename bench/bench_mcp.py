"""Issue 8: tools/call round trip (p50, p99) and calls per second for a read tool through the mcp
function (auth, Origin checks, a2wsgi bridge, the operations port), beside a bare MCP SDK server
with one trivial tool, in the same run. The operations port answers from memory here: the
Kubernetes stand-in is not merged yet, so the figure is the MCP layer's own cost."""

from __future__ import annotations

import os
import statistics
import threading
import time
from collections.abc import Callable
from typing import Any

import anyio
import httpx2

from klepaas_fakes.env import TEST_JWT_SECRET, klepaas_env
from klepaas_fakes.services import free_port
from klepaas_shared.auth import MCP_EXECUTE, Principal, mint
from klepaas_shared.operations import OperationRequest, OperationResponse

CALLS = 300


class MemoryOperations:
    def run(self, request: OperationRequest, principal: Principal) -> OperationResponse:
        return OperationResponse(type=request.type, data={"pods": [{"name": "web-app-1", "phase": "Running"}]})

    def get(self, operation_id: str, principal: Principal) -> Any:
        raise LookupError(operation_id)


async def _timed(url: str, headers: dict[str, str], tool: str, args: dict[str, Any]) -> list[float]:
    from mcp import ClientSession
    from mcp.client.streamable_http import streamable_http_client

    async with (
        httpx2.AsyncClient(headers=headers) as http,
        streamable_http_client(url, http_client=http) as streams,
        ClientSession(streams[0], streams[1]) as session,
    ):
        await session.initialize()
        for _ in range(20):
            await session.call_tool(tool, args)
        times = []
        for _ in range(CALLS):
            started = time.perf_counter()
            await session.call_tool(tool, args)
            times.append(time.perf_counter() - started)
        return times


def _serve(app: Any) -> tuple[str, Callable[[], None]]:
    import uvicorn

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.02)
    return f"http://127.0.0.1:{port}/mcp", lambda: setattr(server, "should_exit", True)


def _bare() -> list[float]:
    from mcp.server.mcpserver import MCPServer

    server: MCPServer[Any] = MCPServer(name="bare")

    @server.tool()
    def ping() -> str:
        """Answer pong."""
        return "pong"

    url, stop = _serve(server.streamable_http_app(stateless_http=True, json_response=True, host="127.0.0.1"))
    try:
        return anyio.run(_timed, url, {}, "ping", {})
    finally:
        stop()


def _ours() -> list[float]:
    import functions_framework
    from werkzeug.serving import make_server

    from klepaas_mcp.ports import Interpreter, Ports, use_ports

    env = {
        "KLEPAAS_JWT_SECRET": TEST_JWT_SECRET,
        "KLEPAAS_SQLITE_PATH": ":memory:",
        "KLEPAAS_MCP_RATE_LIMIT_PER_MINUTE": "100000",
        "KLEPAAS_MCP_ALLOWED_HOSTS": "127.0.0.1:*",
    }
    with klepaas_env(env):
        interpreter: Interpreter = None  # type: ignore[assignment]
        use_ports(Ports(MemoryOperations(), interpreter))
        app = functions_framework.create_app(target="mcp_http", source=os.path.join("functions", "mcp", "main.py"))
        server = make_server("127.0.0.1", 0, app, threaded=True)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        token = mint("bench", [MCP_EXECUTE], audience="klepaas-mcp")
        try:
            url = f"http://127.0.0.1:{server.server_port}/mcp"
            return anyio.run(_timed, url, {"Authorization": f"Bearer {token}"}, "list_resources", {"kind": "pods"})
        finally:
            server.shutdown()
            use_ports(None)


def _figures(name: str, times: list[float], baseline: list[float] | None) -> list[dict[str, Any]]:
    ordered = sorted(times)
    p50, p99 = statistics.median(ordered) * 1000, ordered[int(len(ordered) * 0.99) - 1] * 1000
    rate = len(times) / sum(times)
    base = None if baseline is None else sorted(baseline)
    out = [
        {
            "issue": 8,
            "figure": f"{name} tools/call p50",
            "value": round(p50, 2),
            "unit": "ms",
            "baseline": None if base is None else round(statistics.median(base) * 1000, 2),
            "target": 20,
            "ok": p50 < 20,
        },
        {
            "issue": 8,
            "figure": f"{name} tools/call p99",
            "value": round(p99, 2),
            "unit": "ms",
            "baseline": None if base is None else round(base[int(len(base) * 0.99) - 1] * 1000, 2),
            "target": 100,
            "ok": p99 < 100,
        },
        {
            "issue": 8,
            "figure": f"{name} tools/call rate (one client)",
            "value": round(rate, 1),
            "unit": "calls/s",
            "baseline": None if base is None else round(len(base) / sum(base), 1),
            "target": 50,
            "ok": rate > 50,
        },
    ]
    return out


def run() -> list[dict[str, Any]]:
    bare = _bare()
    ours = _ours()
    return _figures("bare MCP SDK server", bare, None) + _figures("mcp function (read tool)", ours, bare)


if __name__ == "__main__":
    for figure in run():
        print(figure)
