"""External MCP connectors against a second, real MCP SDK server on loopback."""

from __future__ import annotations

import json
import socket
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from typing import Any

import pytest


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def upstream() -> Iterator[str]:
    import uvicorn
    from mcp.server.mcpserver import MCPServer

    server: MCPServer[Any] = MCPServer(name="upstream")

    @server.tool()
    def echo(text: str) -> str:
        """Echo the text back."""
        return text

    app = server.streamable_http_app(stateless_http=True, json_response=True, host="127.0.0.1")
    port = _free_port()
    uv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=uv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not uv.started and time.monotonic() < deadline:
        time.sleep(0.02)
    yield f"http://127.0.0.1:{port}/mcp"
    uv.should_exit = True
    thread.join(timeout=10)


def call(url: str, token: str, body: Any = None) -> tuple[int, Any]:
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(
        url,
        data=data,
        method="POST" if data else "GET",
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())


def test_register_list_call_health_and_metrics(serve, make_token, upstream: str) -> None:
    served, admin = serve(), make_token()
    base = f"{served.url}/mcp/external"
    status, _ = call(f"{base}/providers", admin, {"name": "echo", "kind": "mcp", "url": upstream})
    assert status == 201
    assert call(f"{base}/providers", admin, {"name": "echo", "url": upstream})[0] == 409
    status, listed = call(f"{base}/providers/echo/tools", admin)
    assert status == 200 and [t["name"] for t in listed["tools"]] == ["echo"]
    status, answer = call(f"{base}/providers/echo/call", admin, {"tool": "echo", "arguments": {"text": "hi"}})
    assert status == 200 and answer["content"][0]["text"] == "hi"
    status, health = call(f"{base}/providers/echo/health", admin)
    assert health["status"] == "ok" and health["circuit"]["state"] == "closed"
    status, metrics = call(f"{base}/metrics", admin)
    counted = {(r["operation"], r["result"]): r["count"] for r in metrics["requests"]}
    assert counted[("call_tool", "ok")] == 1 and metrics["latency_seconds"]["echo"]["count"] >= 3


def test_unreachable_provider_is_unavailable_and_opens_its_circuit(serve, make_token) -> None:
    served, admin = serve(), make_token()
    base = f"{served.url}/mcp/external"
    dead = f"http://127.0.0.1:{_free_port()}/mcp"
    call(f"{base}/providers", admin, {"name": "dead", "url": dead, "timeout_s": 2})
    status, body = call(f"{base}/providers/dead/tools", admin)
    assert status == 503 and body["error"]["code"] in ("unavailable", "circuit_open")
    status, health = call(f"{base}/providers/dead/health", admin)
    assert health["status"] == "down" and health["circuit"]["state"] == "open"


def test_provider_routes_need_admin_scopes(serve, make_token) -> None:
    served = serve()
    status, _ = call(f"{served.url}/mcp/external/providers", make_token(scopes=("read",)))
    assert status == 403


def test_provider_registration_is_validated(serve, make_token) -> None:
    served = serve()
    status, body = call(f"{served.url}/mcp/external/providers", make_token(), {"name": "Bad Name!", "url": "nope"})
    assert status == 422 and body["error"]["code"] == "validation_failed"


@pytest.mark.parametrize(
    "url",
    [
        "http://169.254.169.254/computeMetadata/v1/",
        "https://169.254.169.254/mcp",
        "https://10.0.0.5/mcp",
        "https://192.168.1.10/mcp",
        "https://[::ffff:10.0.0.5]/mcp",
        "https://0.0.0.0/mcp",
        "ftp://example.org/mcp",
    ],
)
def test_providers_at_private_or_metadata_addresses_are_refused(serve, make_token, url: str) -> None:
    served = serve()
    status, body = call(f"{served.url}/mcp/external/providers", make_token(), {"name": "ssrf", "url": url})
    assert status in (400, 403, 422), body
    assert call(f"{served.url}/mcp/external/providers", make_token())[1]["providers"] == []


def test_a_refused_and_an_allowed_registration_are_both_audited(serve, make_token, upstream: str) -> None:
    from klepaas_shared.store import get_store

    served, admin = serve(), make_token()
    url = f"{served.url}/mcp/external/providers"
    assert call(url, admin, {"name": "meta", "url": "https://169.254.169.254/mcp"})[0] in (400, 403)
    assert call(url, admin, {"name": "echo", "url": upstream})[0] == 201
    records = {
        d.data["target"]: d.data for d in get_store().query("audit") if d.data["action"] == "mcp.provider.register"
    }
    assert records["meta"]["result"] == "denied" and records["meta"]["details"]["host"] == "169.254.169.254"
    assert "address" in records["meta"]["details"]["reason"]
    assert records["echo"]["result"] == "ok" and records["echo"]["actor"]


def test_loopback_and_plain_http_are_refused_outside_local_development(upstream: str) -> None:
    from klepaas_mcp.external.addresses import check
    from klepaas_mcp.settings import McpSettings
    from klepaas_shared.errors import KlepaasError

    staging = McpSettings(env="staging")
    with pytest.raises(KlepaasError):
        check(upstream, staging)  # http and loopback
    with pytest.raises(KlepaasError, match="loopback"):
        check(upstream.replace("http://", "https://"), staging)
    check(
        upstream.replace("http://", "https://"), McpSettings(env="staging", mcp_external_allowed_networks="127.0.0.0/8")
    )


def test_a_provider_stored_before_the_check_is_refused_at_connection(serve, make_token) -> None:
    from klepaas_shared.store import get_store

    served = serve()
    get_store().set("mcp_providers", "old", {"name": "old", "kind": "mcp", "url": "https://10.1.2.3/mcp"})
    status, body = call(f"{served.url}/mcp/external/providers/old/tools", make_token())
    assert status == 403 and "private" in body["error"]["message"]


@pytest.fixture(scope="module")
def named_upstream() -> Iterator[int]:
    """An MCP SDK server on loopback that answers any Host (its own rebinding check is off), so
    that a provider reached by a name can be served."""
    import uvicorn
    from mcp.server.mcpserver import MCPServer

    server: MCPServer[Any] = MCPServer(name="named")

    @server.tool()
    def echo(text: str) -> str:
        """Echo the text back."""
        return text

    app = server.streamable_http_app(stateless_http=True, json_response=True, host="0.0.0.0")
    port = _free_port()
    uv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=uv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not uv.started and time.monotonic() < deadline:
        time.sleep(0.02)
    yield port
    uv.should_exit = True
    thread.join(timeout=10)


def test_a_name_rebound_after_the_check_is_still_reached_at_the_checked_address(
    named_upstream: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """DNS rebinding: the first answer (checked) is where the connection goes; a second lookup,
    which would answer another address, never happens."""
    from klepaas_mcp.external import connectors
    from klepaas_mcp.external.registry import Provider

    real = socket.getaddrinfo
    lookups: list[str] = []

    def rebinding(host: Any, *args: Any, **kwargs: Any) -> Any:
        if host != "rebind.test":
            return real(host, *args, **kwargs)
        lookups.append(host)
        address = "127.0.0.1" if len(lookups) == 1 else "127.0.0.2"  # nothing listens on .2
        return [(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP, "", (address, named_upstream))]

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    provider = Provider(name="rebind", url=f"http://rebind.test:{named_upstream}/mcp", timeout_s=5)
    tools = connectors.list_tools(provider)
    assert [t["name"] for t in tools] == ["echo"]
    assert lookups == ["rebind.test"]  # the check's, and no other


def test_the_pinned_transport_keeps_the_host_and_refuses_another_host() -> None:
    import anyio
    import httpx2

    from klepaas_mcp.external.addresses import pinned_transport

    seen: list[tuple[str, str, Any]] = []

    class Recording(httpx2.AsyncBaseTransport):
        async def handle_async_request(self, request: httpx2.Request) -> httpx2.Response:
            seen.append((str(request.url), request.headers["host"], request.extensions.get("sni_hostname")))
            return httpx2.Response(200)

    import ipaddress

    pinned = pinned_transport("https://mcp.example.com/mcp", ipaddress.ip_address("203.0.113.9"))
    type(pinned).__bases__ = (Recording,)  # record what would be sent instead of sending it

    async def go() -> None:
        async with httpx2.AsyncClient(transport=pinned) as http:
            await http.get("https://mcp.example.com/mcp")
            with pytest.raises(httpx2.ConnectError, match="another host"):
                await http.get("https://elsewhere.example/mcp")

    anyio.run(go)
    assert seen == [("https://203.0.113.9/mcp", "mcp.example.com", "mcp.example.com")]
