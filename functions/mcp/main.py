"""mcp: Cloud Functions entry points (a thin adapter; the logic is in klepaas_mcp)."""

from __future__ import annotations

import flask
import functions_framework

from klepaas_mcp.api import app
from klepaas_shared.http import install_error_pages

install_error_pages(functions_framework.errorhandler)


@functions_framework.http
def mcp_http(request: flask.Request) -> flask.Response:
    return app(request)
