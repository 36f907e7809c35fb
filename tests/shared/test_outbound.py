"""The outbound layer against a real loopback HTTP server: what it retries, what it raises."""

from __future__ import annotations

import pytest

from klepaas_fakes.scripted import DROP, HANG, scripted_server
from klepaas_shared.errors import (
    Conflict,
    RateLimited,
    Unavailable,
    UpstreamError,
    UpstreamRefused,
    UpstreamTimeout,
)
from klepaas_shared.outbound import Outbound

waits: list[float] = []


def client(base: str, **kwargs: object) -> Outbound:
    waits.clear()
    return Outbound("svc", base, attempts=3, backoff_s=0.01, sleep=waits.append, **kwargs)  # type: ignore[arg-type]


def test_a_429_is_retried_after_the_wait_the_service_asked_for_even_for_a_post() -> None:
    with scripted_server() as (script, base):
        script.then(429, {"message": "slow down"}, retry_after="2")
        assert client(base).json("POST", "/things", json={"a": 1}) == {"ok": True}
        assert waits == [2.0] and len(script.requests) == 2


def test_a_500_is_retried_for_a_get_but_not_for_a_post() -> None:
    with scripted_server() as (script, base):
        script.then(500).then(500)
        assert client(base).json("GET", "/x") == {"ok": True}
        script.then(500, {"error": {"message": "boom"}})
        with pytest.raises(UpstreamError, match="svc POST /x: 500 boom") as caught:
            client(base).json("POST", "/x")
        assert caught.value.retryable and len(script.requests) == 4


def test_a_post_declared_idempotent_is_retried_on_a_500() -> None:
    with scripted_server() as (script, base):
        script.then(502)
        assert client(base).json("POST", "/x", idempotent=True) == {"ok": True}


def test_a_4xx_is_a_refusal_that_is_not_retried() -> None:
    with scripted_server() as (script, base):
        script.then(404, {"errors": [{"code": "MANIFEST_UNKNOWN", "message": "no such tag"}]})
        with pytest.raises(UpstreamRefused) as caught:
            client(base).json("GET", "/v2/x/manifests/y")
        assert caught.value.status == 404 and not caught.value.retryable
        assert "MANIFEST_UNKNOWN no such tag" in caught.value.message and len(script.requests) == 1


def test_retries_stop_after_the_attempts_and_raise_the_last_failure_as_retryable() -> None:
    with scripted_server() as (script, base):
        script.then(503).then(503).then(503, retry_after="1")
        with pytest.raises(UpstreamError) as caught:
            client(base).json("GET", "/x")
        assert caught.value.retryable and caught.value.retry_after_s == 1.0 and len(script.requests) == 3


def test_a_dropped_connection_is_retried_for_a_get_only() -> None:
    with scripted_server() as (script, base):
        script.steps.append(DROP)
        assert client(base).json("GET", "/x") == {"ok": True}
        script.steps.append(DROP)
        with pytest.raises(UpstreamError, match="connection failed"):
            client(base).json("POST", "/x")


def test_a_service_that_does_not_answer_in_time_is_a_timeout() -> None:
    with scripted_server() as (script, base):
        script.steps.append(HANG)
        with pytest.raises(UpstreamTimeout):
            Outbound("svc", base, timeout_s=0.2, attempts=1).json("POST", "/x")


def test_a_closed_port_is_unavailable_after_the_retries() -> None:
    with pytest.raises(Unavailable, match="svc is unreachable"):
        client("http://127.0.0.1:9").json("POST", "/x")
    assert len(waits) == 2  # connecting failed: nothing was sent, so even a POST is tried again


def test_an_oversized_answer_is_refused() -> None:
    with scripted_server() as (script, base):
        script.then(200, b"x" * 2048)
        with pytest.raises(UpstreamError, match="oversized"):
            Outbound("svc", base, max_body_bytes=1024, attempts=1).json("GET", "/x")


def test_a_peer_error_envelope_is_relayed_as_the_error_of_its_status() -> None:
    with scripted_server() as (script, base):
        script.then(409, {"error": {"code": "conflict", "message": "already running"}})
        with pytest.raises(Conflict, match="already running"):
            client(base, relay=True).json("POST", "/api/v1/operations")
        script.then(429, {"error": {"code": "rate_limited", "message": "later"}}, retry_after="3")
        with pytest.raises(RateLimited) as limited:
            Outbound("svc", base, attempts=1, relay=True).json("GET", "/x")
        assert limited.value.retry_after_s == 3.0


def test_auth_headers_are_computed_for_every_attempt() -> None:
    stamps = iter(range(10))
    with scripted_server() as (script, base):
        script.then(503)
        client(base, auth=lambda method, url: {"X-Stamp": str(next(stamps))}).json("GET", "/x")
        assert [headers["X-Stamp"] for _, _, headers, _ in script.requests] == ["0", "1"]


def test_only_http_endpoints_are_called() -> None:
    with pytest.raises(UpstreamRefused, match="not an http"):
        Outbound("svc", "file:///etc").json("GET", "/passwd")


# -- the same calls from a coroutine (ajson, on the event loop's own pool) -------------------------


def _ajson(outbound: Outbound, method: str, path: str, **kwargs: object) -> object:
    import anyio

    async def call() -> object:
        return await outbound.ajson(method, path, **kwargs)

    return anyio.run(call)


def test_from_a_coroutine_the_same_calls_are_retried_refused_and_relayed() -> None:
    with scripted_server() as (script, base):
        script.then(500).then(503)
        assert _ajson(client(base), "GET", "/x") == {"ok": True} and len(script.requests) == 3
        script.then(500, {"error": {"message": "boom"}})
        with pytest.raises(UpstreamError, match="svc POST /x: 500 boom"):
            _ajson(client(base), "POST", "/x", json={"a": 1})
        assert len(script.requests) == 4 and script.requests[-1][3] == b'{"a":1}'
        script.then(502)
        assert _ajson(client(base), "POST", "/x", idempotent=True) == {"ok": True}
        script.then(409, {"error": {"code": "conflict", "message": "already running"}})
        with pytest.raises(Conflict, match="already running"):
            _ajson(client(base, relay=True), "POST", "/api/v1/operations")
        script.steps.append(DROP)
        with pytest.raises(UpstreamError, match="connection failed"):
            _ajson(client(base), "POST", "/x")
        script.then(200, b"x" * 2048)
        with pytest.raises(UpstreamError, match="oversized"):
            _ajson(Outbound("svc", base, max_body_bytes=1024, attempts=1), "GET", "/x")
        script.steps.append(HANG)
        with pytest.raises(UpstreamTimeout):
            _ajson(Outbound("svc", base, timeout_s=0.2, attempts=1), "POST", "/x")


def test_from_a_coroutine_a_closed_port_is_unavailable_after_the_retries() -> None:
    with pytest.raises(Unavailable, match="svc is unreachable"):
        _ajson(Outbound("svc", "http://127.0.0.1:9", attempts=2, backoff_s=0.01), "POST", "/x")


def test_a_pinned_call_goes_to_the_checked_address_with_the_host_s_name_and_follows_nowhere_else() -> None:
    """The pinning rule (shared by the MCP provider connection and the client-metadata fetch): the
    request is sent to the address, with the host's Host header and TLS server name."""
    import ipaddress

    import httpx

    from klepaas_shared.outbound import pinned_transport

    seen: list[tuple[str, str, object]] = []

    class Recording(httpx.BaseTransport):
        def handle_request(self, request: httpx.Request) -> httpx.Response:
            seen.append((str(request.url), request.headers["host"], request.extensions.get("sni_hostname")))
            return httpx.Response(200)

    pinned = pinned_transport("https://docs.example.com/c.json", ipaddress.ip_address("203.0.113.9"))
    type(pinned).__bases__ = (Recording,)  # record what would be sent instead of sending it
    with httpx.Client(transport=pinned) as http:
        http.get("https://docs.example.com/c.json")
        with pytest.raises(httpx.ConnectError, match="another host"):
            http.get("https://elsewhere.example/c.json")
    assert seen == [("https://203.0.113.9/c.json", "docs.example.com", "docs.example.com")]
