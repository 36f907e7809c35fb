"""Calls to deploy reuse the instance's one connection pool: a keep-alive server (as gunicorn is in
Cloud Functions; werkzeug's test server closes every connection) sees one connection for many
tool calls."""

from __future__ import annotations

import http.server
import json
import threading
from collections.abc import Iterator
from typing import Any

import pytest

from .test_python_client import session_run


class _Operations(http.server.BaseHTTPRequestHandler):
    """Answers deploy's POST /api/v1/operations for list_pods, keeping the connection open."""

    protocol_version = "HTTP/1.1"
    connections: list[Any] = []  # noqa: RUF012 - one list per test, reset by the fixture

    def setup(self) -> None:
        super().setup()
        self.connections.append(self.client_address)

    def do_POST(self) -> None:
        request = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        assert request["type"] == "list_pods" and self.headers["Authorization"].startswith("Bearer ")
        pods = [{"name": "web-1", "phase": "Running", "ready": True, "restarts": 0, "namespace": "default"}]
        body = json.dumps({"type": "list_pods", "data": {"pods": pods, "items": pods, "total": 1}}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        return


@pytest.fixture
def keep_alive_deploy() -> Iterator[tuple[str, list[Any]]]:
    _Operations.connections = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Operations)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}", _Operations.connections
    server.shutdown()
    server.server_close()


def test_tool_calls_reuse_one_connection_to_deploy(serve, mcp_token, keep_alive_deploy) -> None:
    url, connections = keep_alive_deploy
    served = serve(production_ports=True, KLEPAAS_API_BASE_URL=url)

    async def work(session: Any) -> list[Any]:
        return [await session.call_tool("list_resources", {"kind": "pods"}) for _ in range(5)]

    results = session_run(served.url, mcp_token(), work)
    assert [r.structured_content["total"] for r in results] == [1] * 5
    assert len(connections) == 1, connections  # five calls to deploy, one kept-alive connection
