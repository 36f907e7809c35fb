"""notify: Cloud Functions entry points (a thin adapter; the logic is in klepaas_notify)."""

from __future__ import annotations

import flask
import functions_framework

from klepaas_notify.api import app


@functions_framework.http
def notify_http(request: flask.Request) -> flask.Response:
    return app(request)
