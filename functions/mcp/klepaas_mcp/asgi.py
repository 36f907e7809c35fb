"""The mcp function served as ASGI (functions-framework's aio mode).

``POST /mcp`` goes straight to the MCP SDK's own ASGI app, after the resource server's front
checks (:mod:`guard`): no WSGI bridge, no extra thread hop, and the token verified once (the
principal rides along in :mod:`verified`). Every other route (the protected-resource metadata,
``/mcp/info``, the connectors, health, CORS preflights, the 405s for GET and DELETE ``/mcp``) is
the shared :class:`~klepaas_shared.http.FunctionApp` of :mod:`api`, run as WSGI on a worker
thread: those answers are rare and small, and they keep the one routing table, auth and error
envelope every function shares.

functions-framework sends no ASGI lifespan events to the function, so the SDK's session manager is
started on the first ``/mcp`` request, once per event loop, and lives as long as that loop.
"""

from __future__ import annotations

import asyncio
import contextvars
import io
import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any, cast

from klepaas_shared.errors import KlepaasError, PayloadTooLarge
from klepaas_shared.http import CORS_EXPOSED
from klepaas_shared.logs import get_logger, log_fields, request_id_var

if TYPE_CHECKING:
    from _typeshed.wsgi import WSGIEnvironment
    from starlette.requests import Request
    from starlette.types import ASGIApp, Message, Receive, Scope, Send

    from klepaas_shared.auth import Principal

    from .settings import McpSettings

log = get_logger("mcp.asgi")


@dataclass
class Hosted:
    """The SDK's app on one event loop, and the task its session manager runs in."""

    app: ASGIApp
    running: asyncio.Task[None]


_hosted: dict[asyncio.AbstractEventLoop, Hosted] = {}
_starting: dict[asyncio.AbstractEventLoop, asyncio.Lock] = {}


async def hosted() -> Hosted:
    """This loop's SDK app, built and started on first use."""
    loop = asyncio.get_running_loop()
    found = _hosted.get(loop)
    if found is not None:
        return found
    async with _starting.setdefault(loop, asyncio.Lock()):
        if loop not in _hosted:
            _hosted[loop] = await _start(loop)
    return _hosted[loop]


async def _start(loop: asyncio.AbstractEventLoop) -> Hosted:
    from .server import asgi_app, build
    from .settings import settings

    config = settings()
    server = build(config)
    app: ASGIApp = asgi_app(server, config)
    started = asyncio.Event()

    async def keep_running() -> None:
        async with server.session_manager.run():
            started.set()
            await asyncio.Event().wait()  # the manager lives as long as the loop

    # A fresh context: the manager's task must not keep the first request's ids and caller.
    running = loop.create_task(keep_running(), context=contextvars.Context())
    waiting = loop.create_task(started.wait())
    await asyncio.wait({running, waiting}, return_when=asyncio.FIRST_COMPLETED)
    if not started.is_set():
        waiting.cancel()
        running.result()  # raises what stopped the manager
        raise RuntimeError("the MCP session manager stopped before it started")
    return Hosted(app, running)


def reset() -> None:
    """Forget the hosted apps (tests change the settings between servers)."""
    _hosted.clear()
    _starting.clear()
    _function_routes.cache_clear()


async def handle(request: Request) -> ASGIApp:
    """The answer to one request, as an ASGI app that functions-framework runs."""
    if request.url.path.rstrip("/") != "/mcp" or request.method != "POST":
        return _function_routes()
    from .settings import settings

    rid = (request.headers.get("X-Request-Id") or uuid.uuid4().hex)[:64]
    extra = {"X-Request-Id": rid, **_cors()}
    config = settings()
    try:
        token, principal = _front_checks(request, config)
    except KlepaasError as exc:
        if exc.http_status >= 500:
            log.error("request failed", extra=log_fields(code=exc.code, path="/mcp", error=exc.message))
        return _envelope(exc, extra)
    app = (await hosted()).app
    return _with_headers(_sdk_call(app, token, principal, rid), extra)


def _front_checks(request: Request, config: McpSettings) -> tuple[str, Principal]:
    from klepaas_shared.auth import bearer_token

    from .guard import Front, authenticate, check_transport

    front = Front(
        request.headers,
        str(request.base_url),
        peer=request.client.host if request.client else "",
        forwarded_for=tuple(request.headers.getlist("x-forwarded-for")),
    )
    length = request.headers.get("content-length", "")
    if length.isdigit() and int(length) > config.max_body_bytes:
        raise PayloadTooLarge(f"the body is larger than {config.max_body_bytes} bytes")
    check_transport(front, config)
    principal = authenticate(front, config)
    return bearer_token(request.headers), principal


def _sdk_call(app: ASGIApp, token: str, principal: Principal, rid: str) -> ASGIApp:
    from .verified import verified

    async def call(scope: Scope, receive: Receive, send: Send) -> None:
        # The SDK's bearer middleware reads Authorization: behind API Gateway the caller's token
        # came in X-Forwarded-Authorization, so the SDK is shown the token the front check verified.
        headers = [(k, v) for k, v in scope["headers"] if k != b"authorization"]
        headers.append((b"authorization", f"Bearer {token}".encode("latin-1")))
        inner = {**scope, "path": "/mcp", "raw_path": b"/mcp", "headers": headers}
        rid_token = request_id_var.set(rid)
        try:
            with verified(token, principal):
                await app(inner, receive, send)
        finally:
            request_id_var.reset(rid_token)

    return call


def _cors() -> dict[str, str]:
    from klepaas_shared.settings import common

    return {"Access-Control-Allow-Origin": common().cors_allow_origins, "Access-Control-Expose-Headers": CORS_EXPOSED}


def _with_headers(app: ASGIApp, extra: dict[str, str]) -> ASGIApp:
    """``app`` with ``extra`` headers added to its answer where it set none of the same name."""

    async def call(scope: Scope, receive: Receive, send: Send) -> None:
        async def sending(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {bytes(k).lower() for k, _ in headers}
                for name, value in extra.items():
                    if name.lower().encode() not in present:
                        headers.append((name.encode(), value.encode("latin-1")))
                message = {**message, "headers": headers}
            await send(message)

        await app(scope, receive, sending)

    return call


def _envelope(exc: KlepaasError, extra: dict[str, str]) -> ASGIApp:
    body = json.dumps(exc.envelope(), ensure_ascii=False).encode()
    headers = {**extra, **exc.headers, "Content-Type": "application/json", "Content-Length": str(len(body))}

    async def call(scope: Scope, receive: Receive, send: Send) -> None:
        raw = [(k.encode(), v.encode("latin-1")) for k, v in headers.items()]
        await send({"type": "http.response.start", "status": exc.http_status, "headers": raw})
        await send({"type": "http.response.body", "body": body})

    return call


@cache
def _function_routes() -> ASGIApp:
    """Every route but ``POST /mcp``: the FunctionApp, called as WSGI on a worker thread."""
    import flask
    from a2wsgi.wsgi import build_environ

    from .api import app

    def dispatch(environ: WSGIEnvironment) -> tuple[str, list[tuple[str, str]], bytes]:
        answered: list[Any] = []
        written: list[bytes] = []

        def start_response(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Callable[[bytes], Any]:
            answered[:] = [status, headers]
            return written.append

        chunks = app(flask.Request(environ))(environ, start_response)
        return answered[0], answered[1], b"".join([*written, *chunks])

    async def call(scope: Scope, receive: Receive, send: Send) -> None:
        import anyio

        body, limit = bytearray(), 0
        while True:
            message = await receive()
            body += message.get("body", b"")
            if not message.get("more_body", False):
                break
            # Stop reading once past the largest body a route takes: the FunctionApp then sees it
            # is too large and answers 413 itself. (Settings load only for a body in several
            # parts: a cold instance's health check needs none.)
            from klepaas_shared import routes
            from klepaas_shared.settings import common

            limit = limit or max([common().max_body_bytes, *(r.max_body_bytes or 0 for r in routes.routes_of("mcp"))])
            if len(body) > limit:
                break
        environ = cast("WSGIEnvironment", build_environ(scope, io.BytesIO(bytes(body))))  # type: ignore[arg-type]
        status, headers, content = await anyio.to_thread.run_sync(dispatch, environ)
        raw = [(k.encode("latin-1"), v.encode("latin-1")) for k, v in headers]  # their case, as Flask wrote them
        await send({"type": "http.response.start", "status": int(status.split(" ", 1)[0]), "headers": raw})
        await send({"type": "http.response.body", "body": content})

    return call
