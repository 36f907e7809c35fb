"""The /mcp endpoint's HTTP edges: auth, Origin, Host, methods, malformed JSON-RPC, metadata."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

INIT = {
    "jsonrpc": "2.0",
    "id": 1,
    "method": "initialize",
    "params": {"protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "t", "version": "1"}},
}
ACCEPT = "application/json, text/event-stream"


def call(url: str, body: bytes | None = None, method: str = "POST", **headers: str) -> tuple[int, dict[str, str], Any]:
    base = {"Content-Type": "application/json", "Accept": ACCEPT} if body is not None else {}
    request = urllib.request.Request(url, data=body, method=method, headers={**base, **headers})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            raw, status, hdrs = response.read(), response.status, dict(response.headers)
    except urllib.error.HTTPError as exc:
        raw, status, hdrs = exc.read(), exc.code, dict(exc.headers)
    return status, hdrs, (json.loads(raw) if raw.strip() else None)


def test_no_token_is_401_with_resource_metadata(serve) -> None:
    served = serve()
    status, headers, body = call(f"{served.url}/mcp", json.dumps(INIT).encode())
    assert status == 401
    assert 'resource_metadata="http://127.0.0.1:' in headers["WWW-Authenticate"]
    assert "/.well-known/oauth-protected-resource/mcp" in headers["WWW-Authenticate"]
    assert "error=" not in headers["WWW-Authenticate"]  # RFC 6750 §3.1: no token, no error code
    assert body["error"]["code"] == "unauthorized"


def test_a_browser_host_may_send_mcp_headers_and_read_the_challenge(serve) -> None:
    served = serve()
    status, headers, _ = call(
        f"{served.url}/mcp",
        method="OPTIONS",
        Origin="http://127.0.0.1:6274",
        **{"Access-Control-Request-Method": "POST"},
        **{"Access-Control-Request-Headers": "authorization,content-type,mcp-protocol-version,mcp-session-id"},
    )
    allowed = {h.strip().lower() for h in headers["Access-Control-Allow-Headers"].split(",")}
    assert status == 204 and {"mcp-protocol-version", "mcp-session-id", "authorization"} <= allowed
    status, headers, _ = call(f"{served.url}/mcp", json.dumps(INIT).encode(), Origin="http://127.0.0.1:6274")
    exposed = {h.strip().lower() for h in headers["Access-Control-Expose-Headers"].split(",")}
    assert status == 401 and "www-authenticate" in exposed


def test_token_for_another_audience_is_401(serve, make_token) -> None:
    served = serve()
    token = make_token(scopes=("mcp:execute",))  # the console's audience, not the MCP server's
    status, headers, _ = call(f"{served.url}/mcp", json.dumps(INIT).encode(), Authorization=f"Bearer {token}")
    assert status == 401 and 'error="invalid_token"' in headers["WWW-Authenticate"]


def _refusals() -> list[dict[str, Any]]:
    from klepaas_shared.store import get_store

    return [d.data for d in get_store().query("audit") if d.data["action"] == "auth.token.refused"]


def test_a_real_token_for_another_audience_is_refused_and_audited_without_the_token(serve, make_token) -> None:
    """Issue 22: the 401 left no record. Now the host and the reason are kept, nothing of the token."""
    served = serve()
    token = make_token(scopes=("mcp:execute",), sub="mallory")  # the console's audience
    status, _, _ = call(f"{served.url}/mcp", json.dumps(INIT).encode(), Authorization=f"Bearer {token}")
    assert status == 401
    [refused] = _refusals()
    assert refused["target"] == "/mcp" and refused["result"] == "denied" and refused["source"] == "http"
    assert refused["details"] == {"host": "127.0.0.1", "reason": "wrong audience"}
    assert refused["actor"] == "127.0.0.1"
    kept = json.dumps(refused)
    assert token not in kept and token.split(".")[2] not in kept and "mallory" not in kept


def test_a_token_without_the_mcp_scope_is_audited_and_anyone_elses_junk_is_not(serve, mcp_token) -> None:
    served = serve()
    for sent in ({}, {"Authorization": "Bearer not-a-jwt"}, {"Authorization": f"Bearer {mcp_token()}x"}):
        assert call(f"{served.url}/mcp", json.dumps(INIT).encode(), **sent)[0] == 401
    assert _refusals() == []  # no token, a forged or a broken one: anyone can send those, as often as they like
    reader = mcp_token(scopes=("read",))
    assert call(f"{served.url}/mcp", json.dumps(INIT).encode(), Authorization=f"Bearer {reader}")[0] == 403
    [refused] = _refusals()
    assert refused["details"] == {"host": "127.0.0.1", "reason": "missing scope mcp:execute"}


def test_the_refused_host_is_the_one_our_own_proxies_saw(serve, make_token) -> None:
    served = serve(KLEPAAS_AUTH_TRUSTED_PROXY_HOPS="1")
    token = make_token(scopes=("mcp:execute",))
    forwarded = {"X-Forwarded-For": "6.6.6.6, 203.0.113.7"}  # the client wrote the left one, our proxy the right
    call(f"{served.url}/mcp", json.dumps(INIT).encode(), Authorization=f"Bearer {token}", **forwarded)
    [refused] = _refusals()
    assert refused["details"]["host"] == "203.0.113.7"


def test_a_malformed_authorization_header_is_invalid_token(serve) -> None:
    served = serve()
    status, headers, _ = call(f"{served.url}/mcp", json.dumps(INIT).encode(), Authorization="Basic eDp5")
    assert status == 401 and 'error="invalid_token"' in headers["WWW-Authenticate"]


def test_token_without_mcp_scope_is_403_insufficient_scope(serve, mcp_token) -> None:
    served = serve()
    token = mcp_token(scopes=("read", "deploy:execute"))
    status, headers, _ = call(f"{served.url}/mcp", json.dumps(INIT).encode(), Authorization=f"Bearer {token}")
    assert status == 403 and 'error="insufficient_scope"' in headers["WWW-Authenticate"]


def test_token_in_query_string_is_not_accepted(serve, mcp_token) -> None:
    served = serve()
    status, _, _ = call(f"{served.url}/mcp?access_token={mcp_token()}", json.dumps(INIT).encode())
    assert status == 401


def test_foreign_origin_is_403_before_anything_else(serve, mcp_token) -> None:
    served = serve()
    status, _, body = call(
        f"{served.url}/mcp",
        json.dumps(INIT).encode(),
        Authorization=f"Bearer {mcp_token()}",
        Origin="https://evil.example",
    )
    assert status == 403 and body["error"]["code"] == "forbidden"


def test_foreign_host_is_refused(serve, mcp_token) -> None:
    served = serve()
    status, _, _ = call(
        f"{served.url}/mcp", json.dumps(INIT).encode(), Authorization=f"Bearer {mcp_token()}", Host="evil.example"
    )
    assert status == 421


def test_get_and_delete_are_405(serve, mcp_token) -> None:
    served = serve()
    for method in ("GET", "DELETE"):
        status, headers, _ = call(f"{served.url}/mcp", method=method, Authorization=f"Bearer {mcp_token()}")
        assert status == 405 and headers["Allow"] == "POST"


def test_malformed_json_rpc_is_a_json_rpc_error(serve, mcp_token) -> None:
    served = serve()
    auth = {"Authorization": f"Bearer {mcp_token()}"}
    for body in (b"{not json", b'{"jsonrpc": "2.0", "id": 1}', b"[]", b'{"jsonrpc": "1.0", "method": 5}'):
        status, _, answer = call(f"{served.url}/mcp", body, **auth)
        assert 400 <= status < 500, (body, status)
        assert answer["jsonrpc"] == "2.0" and "code" in answer["error"], answer


def test_protected_resource_metadata(serve) -> None:
    served = serve(
        KLEPAAS_MCP_RESOURCE_URL="https://api.example/mcp", KLEPAAS_MCP_AUTHORIZATION_SERVERS="https://auth.example"
    )
    for path in ("/.well-known/oauth-protected-resource", "/.well-known/oauth-protected-resource/mcp"):
        status, _, body = call(served.url + path, method="GET")
        assert status == 200
        assert body["resource"] == "https://api.example/mcp"
        assert body["authorization_servers"] == ["https://auth.example"]
        assert body["scopes_supported"] == ["mcp:execute", "read", "deploy:execute"] and body[
            "bearer_methods_supported"
        ] == ["header"]


def test_info_and_tools_describe_the_server(serve) -> None:
    served = serve(KLEPAAS_MCP_READ_ONLY="1")
    status, _, info = call(f"{served.url}/mcp/info", method="GET")
    assert status == 200 and info["stateless"] is True and info["read_only"] is True
    status, _, listed = call(f"{served.url}/mcp/tools", method="GET")
    names = {t["name"]: t for t in listed["tools"]}
    assert "scale" not in names and names["get_status"]["annotations"]["readOnlyHint"] is True


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    payload=st.one_of(
        st.binary(max_size=300),
        st.recursive(
            st.none() | st.booleans() | st.integers() | st.text(max_size=20),
            lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
            max_leaves=12,
        ).map(lambda v: json.dumps(v).encode()),
    )
)
def test_fuzzed_bodies_never_cause_a_500(serve, mcp_token, payload: bytes) -> None:
    if not hasattr(test_fuzzed_bodies_never_cause_a_500, "served"):
        test_fuzzed_bodies_never_cause_a_500.served = serve()  # type: ignore[attr-defined]
    served = test_fuzzed_bodies_never_cause_a_500.served  # type: ignore[attr-defined]
    status, _, _ = call(f"{served.url}/mcp", payload, Authorization=f"Bearer {mcp_token()}")
    assert status < 500


def test_a_token_for_the_resource_url_works_on_the_asgi_path_until_its_grant_is_revoked(serve, mcp_token) -> None:
    """RFC 8707: the authorization server names the MCP resource URL as the audience. With no
    KLEPAAS_MCP_RESOURCE_URL set that URL is the one the request came to; the SDK client works
    with it end to end, and once the grant is revoked the same token is refused."""
    from klepaas_shared import revocations

    from .test_python_client import session_run

    served = serve()
    token = mcp_token(audience=f"{served.url}/mcp", extra={revocations.GRANT_CLAIM: "g_asgi_path"})

    async def work(session: Any) -> Any:
        return await session.call_tool("cluster_overview", {})

    assert session_run(served.url, token, work).is_error is False
    revocations.mark("g_asgi_path", 60)
    status, headers, body = call(f"{served.url}/mcp", json.dumps(INIT).encode(), Authorization=f"Bearer {token}")
    assert status == 401 and "revoked" in body["error"]["message"]
    assert 'error="invalid_token"' in headers["WWW-Authenticate"]
    other = mcp_token(audience="http://elsewhere.example/mcp")
    status, _, _ = call(f"{served.url}/mcp", json.dumps(INIT).encode(), Authorization=f"Bearer {other}")
    assert status == 401
