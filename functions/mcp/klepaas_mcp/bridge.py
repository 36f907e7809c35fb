"""Hosting the SDK's ASGI app inside a Flask (WSGI) function.

functions-framework never sends ASGI lifespan events, so the SDK's session manager is started
here, once per instance, on a private event loop that a2wsgi also runs the app on.
"""

from __future__ import annotations

import asyncio
import threading
from concurrent.futures import Future
from functools import cache
from typing import TYPE_CHECKING, Any, cast

import flask

from .settings import settings

if TYPE_CHECKING:
    from _typeshed.wsgi import WSGIApplication
    from a2wsgi import ASGIMiddleware


@cache
def wsgi_app() -> ASGIMiddleware:
    """The MCP endpoint as a WSGI app, with its session manager already running."""
    from a2wsgi import ASGIMiddleware

    from .server import asgi_app, build

    config = settings()
    server = build(config)
    app = asgi_app(server, config)
    loop = asyncio.new_event_loop()
    threading.Thread(target=loop.run_forever, name="mcp-loop", daemon=True).start()
    started: Future[None] = Future()

    async def keep_running() -> None:
        async with server.session_manager.run():
            started.set_result(None)
            await asyncio.Event().wait()  # the manager lives as long as the instance

    asyncio.run_coroutine_threadsafe(keep_running(), loop)
    started.result(timeout=10)
    return ASGIMiddleware(app, loop=loop)  # type: ignore[arg-type]


def forward(request: flask.Request) -> flask.Response:
    """Hand the request to the SDK's app and wrap its answer as a Flask response."""
    environ: dict[str, Any] = dict(request.environ)
    environ["PATH_INFO"] = "/mcp"
    environ["SCRIPT_NAME"] = ""
    app = cast("WSGIApplication", wsgi_app())
    return cast(flask.Response, flask.Response.from_app(app, environ))
