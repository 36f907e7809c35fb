"""mcp: the Cloud Functions entry point, served as ASGI (functions-framework's aio mode: uvicorn
workers). A thin adapter; the logic is in klepaas_mcp (:mod:`klepaas_mcp.asgi` says what goes where)."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from functions_framework import aio

from klepaas_mcp.api import app  # noqa: F401 - the FunctionApp behind every route but POST /mcp
from klepaas_mcp.asgi import handle

if TYPE_CHECKING:
    from starlette.requests import Request
    from starlette.responses import Response


@aio.http
async def mcp_http(request: Request) -> Response:
    # functions-framework runs what the function answers as an ASGI app (Starlette awaits
    # ``answer(scope, receive, send)``); its annotation names only Starlette's Response.
    return cast("Response", await handle(request))
