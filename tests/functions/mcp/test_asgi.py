"""The function served as ASGI: the SDK's app is started once per event loop, even when the first
requests of a cold instance arrive together, and the shared FunctionApp answers the other routes."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor

import pytest

from klepaas_mcp import asgi

from .test_verified_once import _post


def test_first_requests_arriving_together_share_one_started_sdk_app(serve, mcp_token) -> None:
    served = serve()
    token = mcp_token()
    message = {"jsonrpc": "2.0", "id": 1, "method": "tools/list"}
    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(lambda _: _post(served.url, token, message), range(8)))
    assert all(a["result"]["tools"] for a in answers)
    assert len(asgi._hosted) == 1
    (hosted,) = asgi._hosted.values()
    assert not hosted.running.done()  # the session manager keeps running between requests


def test_other_routes_keep_the_function_apps_answers(serve) -> None:
    import urllib.request

    served = serve()
    with urllib.request.urlopen(f"{served.url}/healthz", timeout=10) as response:
        assert json.loads(response.read())["function"] == "mcp"
        assert "Access-Control-Allow-Origin" not in response.headers  # as FunctionApp answers health
    request = urllib.request.Request(f"{served.url}/mcp/info", headers={"X-Request-Id": "rid-1"})
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.headers["X-Request-Id"] == "rid-1"
        assert response.headers["Access-Control-Allow-Origin"] == "*"
        assert json.loads(response.read())["stateless"] is True


def test_mcp_answers_carry_the_request_id_and_a_body_too_large_is_413(serve, mcp_token) -> None:
    import urllib.error
    import urllib.request

    served = serve(KLEPAAS_MAX_BODY_BYTES="1000")
    headers = {"Content-Type": "application/json", "Accept": "application/json, text/event-stream"}
    request = urllib.request.Request(
        f"{served.url}/mcp", data=b"{}", method="POST", headers={**headers, "X-Request-Id": "rid-2"}
    )
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=10)
    assert refused.value.code == 401 and refused.value.headers["X-Request-Id"] == "rid-2"
    big = json.dumps({"jsonrpc": "2.0", "id": 1, "method": "tools/list", "params": {"x": "y" * 2000}}).encode()
    request = urllib.request.Request(
        f"{served.url}/mcp", data=big, method="POST", headers={**headers, "Authorization": f"Bearer {mcp_token()}"}
    )
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=10)
    assert refused.value.code == 413 and json.loads(refused.value.read())["error"]["code"] == "payload_too_large"
