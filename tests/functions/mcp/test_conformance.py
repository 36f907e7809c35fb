"""The official MCP conformance suite (npm @modelcontextprotocol/conformance, on Node 22 from the npm
``node`` package) against the function, for the scenarios that apply to a server without the
suite's reference tools, prompts and resources.

The suite sends no credentials, so it talks to a loopback relay that adds a valid MCP token to
each request and passes everything else (Host and Origin included) through unchanged.
"""

from __future__ import annotations

import http.client
import http.server
import json
import subprocess
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

HERE = Path(__file__).parent / "conformance"
# What a server without the reference fixtures can pass; every other scenario calls tools,
# prompts or resources of the reference server by name.
APPLICABLE = (
    "server-initialize",
    "ping",
    "tools-list",
    "tools-call-error",  # an unknown tool answers isError with a message
    "resources-list",
    "prompts-list",
    "dns-rebinding-protection",
)
HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade", "proxy-authorization"}


def relay(target_port: int, token: str) -> http.server.ThreadingHTTPServer:
    class Relay(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def _forward(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP}
            headers["Authorization"] = f"Bearer {token}"
            upstream = http.client.HTTPConnection("127.0.0.1", target_port, timeout=30)
            try:  # closed even when the suite hangs up first (it drops its GET stream attempt early)
                upstream.putrequest(self.command, self.path, skip_host=True, skip_accept_encoding=True)
                for key, value in headers.items():
                    upstream.putheader(key, value)
                upstream.endheaders(body or None)
                answer = upstream.getresponse()
                data = answer.read()
            finally:
                upstream.close()
            self.send_response(answer.status)
            for key, value in answer.getheaders():
                if key.lower() not in HOP_BY_HOP and key.lower() != "content-length":
                    self.send_header(key, value)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:
            self._forward()

        def do_POST(self) -> None:
            self._forward()

        def do_DELETE(self) -> None:
            self._forward()

        def do_OPTIONS(self) -> None:
            self._forward()

        def log_message(self, format: str, *args: Any) -> None:
            return

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Relay)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture(scope="module")
def suite() -> Path:
    if not (HERE / "node_modules" / "@modelcontextprotocol" / "conformance").is_dir():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=HERE, check=True, capture_output=True, timeout=600)
    return HERE / "node_modules"


@pytest.fixture
def relayed(serve: Callable[..., Any], mcp_token: Callable[..., str]) -> Iterator[str]:
    served = serve()
    port = int(served.url.rsplit(":", 1)[1])
    server = relay(port, mcp_token())
    yield f"http://127.0.0.1:{server.server_port}/mcp"
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("scenario", APPLICABLE)
def test_conformance_scenario_passes(suite: Path, relayed: str, tmp_path: Path, scenario: str) -> None:
    node = suite / ".bin" / "node"
    cli = suite / "@modelcontextprotocol" / "conformance" / "dist" / "index.js"
    done = subprocess.run(
        [str(node), str(cli), "server", "--url", relayed, "--scenario", scenario, "-o", str(tmp_path)],
        check=False,
        capture_output=True,
        text=True,
        timeout=120,
    )
    checks = [json.loads(p.read_text()) for p in tmp_path.rglob("checks.json")]
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert checks and all(c.get("status") != "FAILURE" for found in checks for c in found), checks
