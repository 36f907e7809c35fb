"""auth: Cloud Functions entry points (a thin adapter; the logic is in klepaas_auth)."""

from __future__ import annotations

import flask
import functions_framework

from klepaas_auth.api import app


@functions_framework.http
def auth_http(request: flask.Request) -> flask.Response:
    return app(request)
