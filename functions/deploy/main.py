"""deploy: Cloud Functions entry points (a thin adapter; the logic is in klepaas_deploy)."""

from __future__ import annotations

import flask
import functions_framework

from klepaas_deploy.api import app


@functions_framework.http
def deploy_http(request: flask.Request) -> flask.Response:
    """Operations on clusters, deployment history, dashboard and monitoring."""
    return app(request)
