"""list / call / health against an external MCP server, with the standard error codes, retries
(backoff, jitter, Retry-After), a circuit breaker per provider and metrics."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from functools import cache
from typing import TYPE_CHECKING, Any, TypeVar

from klepaas_shared.errors import (
    BadRequest,
    Conflict,
    Forbidden,
    KlepaasError,
    NotFound,
    RateLimited,
    Unauthorized,
    Unavailable,
    UpstreamTimeout,
)
from klepaas_shared.resilience import CircuitBreaker, is_retryable, retry

from .metrics import metrics
from .registry import Provider

if TYPE_CHECKING:
    from mcp import ClientSession

    from klepaas_shared.addresses import Address

T = TypeVar("T")
_BY_STATUS: dict[int, type[KlepaasError]] = {
    400: BadRequest,
    401: Unauthorized,
    403: Forbidden,
    404: NotFound,
    409: Conflict,
    422: BadRequest,
}


@cache
def provider_breaker(name: str) -> CircuitBreaker:
    return CircuitBreaker(f"external:{name}", failure_threshold=3, reset_timeout_s=30.0)


def registry_breakers() -> list[dict[str, object]]:
    """The state of every external provider's breaker this instance has used."""
    return [provider_breaker(name).snapshot() for name in sorted(_used)]


_used: set[str] = set()


def _classify(exc: BaseException, status: int | None, retry_after: str | None) -> KlepaasError:
    if isinstance(exc, KlepaasError):
        return exc
    if status == 429:
        seconds = float(retry_after) if retry_after and retry_after.isdigit() else None
        return RateLimited("the provider is rate limiting", retry_after_s=seconds)
    if status in _BY_STATUS:
        return _BY_STATUS[status](f"the provider answered {status}")
    if status is not None and status >= 500:
        return Unavailable(f"the provider answered {status}")
    if isinstance(exc, TimeoutError) or "timeout" in type(exc).__name__.lower():
        return UpstreamTimeout("the provider did not answer in time")
    return Unavailable(f"the provider is unreachable ({type(exc).__name__})")


async def _session(provider: Provider, work: Callable[[ClientSession], Awaitable[T]], address: Address) -> T:
    import anyio
    import httpx2
    from mcp import ClientSession
    from mcp.client.streamable_http import streamable_http_client

    from .addresses import pinned_transport

    seen: dict[str, Any] = {}

    async def on_response(response: httpx2.Response) -> None:
        if response.status_code >= 400:
            seen.update(status=response.status_code, retry_after=response.headers.get("Retry-After"))

    headers = {"Authorization": f"Bearer {provider.token()}"} if provider.token() else {}
    try:
        with anyio.fail_after(provider.timeout_s):
            async with (
                httpx2.AsyncClient(
                    headers=headers,
                    timeout=provider.timeout_s,
                    event_hooks={"response": [on_response]},
                    transport=pinned_transport(str(provider.url), address),  # the address checked, not a new lookup
                    trust_env=False,  # a proxy from the environment would resolve the name again
                ) as http,
                streamable_http_client(str(provider.url), http_client=http) as streams,
                ClientSession(streams[0], streams[1]) as session,
            ):
                await session.initialize()
                return await work(session)
    except Exception as exc:
        raise _classify(exc, seen.get("status"), seen.get("retry_after")) from None


def run(provider: Provider, operation: str, work: Callable[[ClientSession], Awaitable[T]]) -> T:
    """Run ``work`` against ``provider`` with retries and its breaker; record the metrics."""
    import anyio

    from ..settings import settings
    from .addresses import check

    _used.add(provider.name)
    started, result = time.perf_counter(), "ok"
    try:
        address = check(str(provider.url), settings())[0]  # again at every connection: a name can be re-pointed
        return retry(
            lambda: provider_breaker(provider.name).call(
                lambda: anyio.run(_session, provider, work, address), counts=is_retryable
            ),
            attempts=3,
            base_s=0.1,
            max_s=5.0,
            deadline_s=provider.timeout_s * 2,
        )
    except KlepaasError as exc:
        result = exc.code
        raise
    finally:
        metrics.observe(provider.name, operation, result, time.perf_counter() - started)


def list_tools(provider: Provider) -> list[dict[str, Any]]:
    async def work(session: ClientSession) -> list[dict[str, Any]]:
        listed = await session.list_tools()
        return [t.model_dump(mode="json", by_alias=True, exclude_none=True) for t in listed.tools]

    return run(provider, "list_tools", work)


def call_tool(provider: Provider, tool: str, arguments: dict[str, Any]) -> dict[str, Any]:
    async def work(session: ClientSession) -> dict[str, Any]:
        answer = await session.call_tool(tool, arguments)
        return answer.model_dump(mode="json", by_alias=True, exclude_none=True)

    return run(provider, "call_tool", work)


def health(provider: Provider) -> dict[str, Any]:
    async def work(session: ClientSession) -> dict[str, Any]:
        await session.send_ping()
        return {"status": "ok"}

    try:
        answer = run(provider, "health", work)
    except KlepaasError as exc:
        answer = {"status": "down", "error": {"code": exc.code, "message": exc.message}}
    return {"provider": provider.name, **answer, "circuit": provider_breaker(provider.name).snapshot()}
