"""The bearer token is verified once per request: the front check verifies it, and the SDK's
verifier takes the principal from the request's context, for that exact token only."""

from __future__ import annotations

import json
import urllib.request
from typing import Any

from klepaas_mcp.verified import principal_for, verified
from klepaas_shared import hs256
from klepaas_shared.auth import Principal


def test_a_verified_principal_holds_only_inside_its_request_and_for_its_token() -> None:
    alice = Principal(sub="alice", scopes=frozenset({"mcp:execute"}), audience="klepaas-mcp")
    assert principal_for("token-a") is None
    with verified("token-a", alice):
        assert principal_for("token-b") is None
        assert principal_for("token-a") == alice
    assert principal_for("token-a") is None


def _post(url: str, token: str, message: dict[str, Any]) -> dict[str, Any]:
    request = urllib.request.Request(
        f"{url}/mcp",
        data=json.dumps(message).encode(),
        method="POST",
        headers={
            "Authorization": f"Bearer {token}",
            "Content-Type": "application/json",
            "Accept": "application/json, text/event-stream",
            "MCP-Protocol-Version": "2025-06-18",
        },
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        answer: dict[str, Any] = json.loads(response.read())
    return answer


def test_each_request_decodes_its_token_once(serve, mcp_token, monkeypatch) -> None:
    served = serve()
    token = mcp_token()
    decoded: list[str] = []
    real = hs256.verify  # what klepaas_shared.auth.verify checks an HS256 token with

    def counting(encoded: str, *args: Any, **kwargs: Any) -> Any:
        decoded.append(encoded)
        return real(encoded, *args, **kwargs)

    monkeypatch.setattr(hs256, "verify", counting)
    listed = _post(served.url, token, {"jsonrpc": "2.0", "id": 1, "method": "tools/list"})
    assert listed["result"]["tools"]
    called = _post(
        served.url,
        token,
        {"jsonrpc": "2.0", "id": 2, "method": "tools/call", "params": {"name": "cluster_overview", "arguments": {}}},
    )
    assert called["result"]["isError"] is False
    assert decoded == [token, token]  # two requests, one verification each


def test_behind_api_gateway_the_sdk_sees_the_callers_token(serve, mcp_token, monkeypatch) -> None:
    """The gateway puts its own ID token in Authorization and the caller's in
    X-Forwarded-Authorization; the front check verifies the caller's, and the SDK is shown that one."""
    from klepaas_shared import settings

    monkeypatch.setenv("KLEPAAS_BEHIND_API_GATEWAY", "true")
    settings.common.cache_clear()
    served = serve()
    try:
        request = urllib.request.Request(
            f"{served.url}/mcp",
            data=json.dumps({"jsonrpc": "2.0", "id": 1, "method": "tools/list"}).encode(),
            method="POST",
            headers={
                "Authorization": "Bearer the-gateways-google-id-token",
                "X-Forwarded-Authorization": f"Bearer {mcp_token(sub='alice')}",
                "Content-Type": "application/json",
                "Accept": "application/json, text/event-stream",
                "MCP-Protocol-Version": "2025-06-18",
            },
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            assert json.loads(response.read())["result"]["tools"]
    finally:
        settings.common.cache_clear()
