"""webhook: Cloud Functions entry points (a thin adapter; the logic is in klepaas_webhook)."""

from __future__ import annotations

import flask
import functions_framework

from klepaas_webhook.api import app


@functions_framework.http
def webhook_http(request: flask.Request) -> flask.Response:
    """GitHub webhooks and the console's GitHub integration API."""
    return app(request)
