"""Each function's first real request: the one a console user or GitHub sends a cold instance,
authenticated (a bearer token, or the webhook's HMAC signature) and reaching the function's own
code and store. ``make bench`` times it on a fresh process; tests/tools checks what it loads."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from .env import TEST_JWT_SECRET

ROOT = Path(__file__).resolve().parents[3]
WEBHOOK_SECRET = "first-request-webhook-secret-0123456789"
PUSH_PAYLOAD = ROOT / "tests/functions/webhook/payloads/push.json"

# The yardstick for the mcp function (issues 18 and 19): what the MCP SDK alone costs on the same
# framework, so a figure for mcp shows what our code adds to the SDK it is built on.
BARE_MCP_SERVER = '''"""A bare MCP SDK server with one trivial tool, served like the mcp function: functions-framework's
ASGI mode, the SDK's app started on the first request (functions-framework sends no lifespan)."""

import asyncio

from functions_framework import aio

_hosted = {}


async def _app():
    loop = asyncio.get_running_loop()
    if loop not in _hosted:
        from mcp.server.mcpserver import MCPServer

        server = MCPServer(name="bare")

        @server.tool()
        def ping() -> str:
            """Answer pong."""
            return "pong"

        app = server.streamable_http_app(stateless_http=True, json_response=True, host="127.0.0.1")
        started = asyncio.Event()

        async def keep_running():
            async with server.session_manager.run():
                started.set()
                await asyncio.Event().wait()

        _hosted[loop] = (app, loop.create_task(keep_running()))
        await started.wait()
    return _hosted[loop][0]


@aio.http
async def bare(request):
    app = await _app()

    async def answer(scope, receive, send):
        await app({**scope, "path": "/mcp", "raw_path": b"/mcp"}, receive, send)

    return answer
'''


@dataclass(frozen=True)
class FirstRequest:
    function: str
    method: str
    path: str
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    ok: tuple[int, ...] = (200,)

    @property
    def target(self) -> str:
        return f"{self.function}_http"

    @property
    def source(self) -> Path:
        return ROOT / "functions" / self.function / "main.py"


def environment(sqlite_path: str) -> dict[str, str]:
    """What every function needs to answer: a token secret, a local store and local events."""
    return {
        "KLEPAAS_JWT_SECRET": TEST_JWT_SECRET,
        "KLEPAAS_GITHUB_APP_WEBHOOK_SECRET": WEBHOOK_SECRET,
        "KLEPAAS_STORE": "sqlite",
        "KLEPAAS_SQLITE_PATH": sqlite_path,
        "KLEPAAS_EVENTS": "local",
    }


def seed(sqlite_path: str) -> None:
    """The repository the push is for, connected with auto-deploy on (so the push is published)."""
    from klepaas_shared.store.sqlite import SqliteStore
    from klepaas_webhook import integrations

    store = SqliteStore(sqlite_path)
    try:
        integrations.create(
            store,
            user_id="first-request",
            owner="K-Le-PaaS",
            repo="test01",
            branch="main",
            installation_id=None,
            html_url="https://github.com/K-Le-PaaS/test01",
            repository_id=None,
        )
    finally:
        store.close()


def token(audience: str | None = None) -> str:
    from pydantic import SecretStr

    from klepaas_shared.auth import ALL_SCOPES, mint
    from klepaas_shared.settings import CommonSettings

    return mint(
        "first-request", ALL_SCOPES, audience=audience, settings=CommonSettings(jwt_secret=SecretStr(TEST_JWT_SECRET))
    )


def push(delivery: str, after: str = "a" * 40) -> tuple[bytes, dict[str, str]]:
    """A signed push delivery (GitHub's captured payload, a fresh commit id)."""
    from klepaas_webhook.signature import sign

    payload = json.loads(PUSH_PAYLOAD.read_text())
    payload["after"] = after
    body = json.dumps(payload).encode()
    headers = {
        "Content-Type": "application/json",
        "X-GitHub-Event": "push",
        "X-GitHub-Delivery": delivery,
        "X-Hub-Signature-256": sign(body, WEBHOOK_SECRET),
    }
    return body, headers


def _tools_list(extra_headers: dict[str, str]) -> tuple[bytes, dict[str, str]]:
    body = {"jsonrpc": "2.0", "id": 1, "method": "tools/list", "params": {}}
    headers = {
        "Content-Type": "application/json",
        "Accept": "application/json, text/event-stream",
        "MCP-Protocol-Version": "2025-06-18",
        **extra_headers,
    }
    return json.dumps(body).encode(), headers


def bare_mcp_request() -> FirstRequest:
    """The same tools/list, unauthenticated, for BARE_MCP_SERVER (target ``bare``, served from a
    ``main.py`` the caller writes)."""
    body, headers = _tools_list({})
    return FirstRequest("bare", "POST", "/mcp", body, headers)


def first_requests() -> list[FirstRequest]:
    bearer = {"Authorization": f"Bearer {token()}"}
    json_bearer = {**bearer, "Content-Type": "application/json"}
    push_body, push_headers = push("first-request-1")
    tools_body, tools_headers = _tools_list({"Authorization": f"Bearer {token('klepaas-mcp')}"})
    return [
        FirstRequest("webhook", "POST", "/api/v1/github/webhook", push_body, push_headers),
        FirstRequest(
            "nlp", "POST", "/api/v1/nlp/interpret", json.dumps({"command": "test01 상태 보여줘"}).encode(), json_bearer
        ),
        FirstRequest("deploy", "GET", "/api/v1/deployment-histories", headers=bearer),
        FirstRequest("notify", "GET", "/api/v1/slack/status", headers=bearer),
        FirstRequest("auth", "GET", "/api/v1/auth/me", headers=bearer),
        FirstRequest("mcp", "POST", "/mcp", tools_body, tools_headers),
    ]
