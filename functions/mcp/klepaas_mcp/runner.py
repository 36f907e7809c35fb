"""How a tool call runs: the caller from the verified token, the rate limit, the operations API,
circuit breakers, and errors turned into MCP tool errors the model can read."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from functools import cache
from typing import TYPE_CHECKING, Any, TypeVar

from klepaas_shared.auth import Principal
from klepaas_shared.errors import KlepaasError, Unauthorized
from klepaas_shared.resilience import CircuitBreaker, is_retryable

from .ports import get_ports
from .safety import check_rate, require_deploy_scope

if TYPE_CHECKING:
    from mcp.types import CallToolResult

T = TypeVar("T")


@cache
def breaker(name: str) -> CircuitBreaker:
    """One breaker per downstream service, per instance."""
    return CircuitBreaker(name, failure_threshold=5, reset_timeout_s=30.0)


def caller() -> Principal:
    """The principal the SDK's bearer middleware verified for this request."""
    from mcp.server.auth.middleware.auth_context import get_access_token

    token = get_access_token()
    if token is None or token.subject is None:
        raise Unauthorized("this request carries no verified token")
    claims = token.claims or {}
    return Principal(
        sub=token.subject,
        scopes=frozenset(token.scopes),
        email=str(claims.get("email", "")),
        name=str(claims.get("name", "")),
        provider=str(claims.get("provider", "")),
        audience=str(token.resource or ""),
        token_id=str(claims.get("jti", "")),
        claims=claims,
    )


@contextmanager
def tool_errors() -> Iterator[None]:
    """Our errors become an MCP tool error (``isError``) naming the code."""
    from mcp.server.mcpserver.exceptions import ToolError

    try:
        yield
    except KlepaasError as exc:
        raise ToolError(f"{exc.code}: {exc.message}") from None


async def guarded(name: str, fn: Callable[[], T]) -> T:
    """Run blocking ``fn`` on a worker thread behind the breaker called ``name``."""
    import anyio

    return await anyio.to_thread.run_sync(lambda: breaker(name).call(fn, counts=is_retryable))


async def on_loop(name: str, fn: Callable[[], Awaitable[T]]) -> T:
    """Await ``fn`` behind the breaker called ``name``, on the request's own loop."""
    return await breaker(name).acall(fn, counts=is_retryable)


async def operate(type_: str, args: dict[str, Any], *, operation_id: str | None = None) -> dict[str, Any]:
    from klepaas_shared.operations import HttpOperationsClient, OperationRequest

    principal = caller()
    request = OperationRequest.model_validate(
        {
            "type": type_,
            "args": {k: v for k, v in args.items() if v is not None},
            "operation_id": operation_id,
            "source": "mcp",
        }
    )
    operations = get_ports().operations
    if isinstance(operations, HttpOperationsClient):  # production: no worker thread per call
        response = await on_loop("deploy", lambda: operations.arun(request, principal))
    else:
        response = await guarded("deploy", lambda: operations.run(request, principal))
    return response.model_dump(mode="json")


async def lookup(operation_id: str) -> dict[str, Any]:
    """An operation as deploy recorded it (deploy decides who may read it)."""
    from klepaas_shared.operations import HttpOperationsClient

    with tool_errors():
        principal = caller()
        check_rate(principal)
        operations = get_ports().operations
        if isinstance(operations, HttpOperationsClient):
            found = await on_loop("deploy", lambda: operations.aget(operation_id, principal))
        else:
            found = await guarded("deploy", lambda: operations.get(operation_id, principal))
        return found.model_dump(mode="json")


async def read(type_: str, **args: Any) -> dict[str, Any]:
    """A read operation, answered at once."""
    with tool_errors():
        check_rate(caller())
        return await operate(type_, args)


async def mutate(type_: str, consented: Any, operation_id: str | None, **args: Any) -> CallToolResult:
    """A mutation the person did not refuse (see :mod:`consent`); idempotent by ``operation_id``."""
    from . import consent
    from .render import operation_result

    with tool_errors():
        principal = caller()
        check_rate(principal)
        require_deploy_scope(principal, type_)
        consent.require(consented)
        answer = await operate(type_, args, operation_id=operation_id or f"mcp-{uuid.uuid4().hex}")
        return operation_result(answer)
