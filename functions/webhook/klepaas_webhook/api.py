"""The webhook function's HTTP routes (handlers are registered on ``app``)."""

from __future__ import annotations

from typing import Any

from klepaas_shared.http import FunctionApp, Reply, Req

app = FunctionApp("webhook")


@app.route("POST", "/api/v1/github/webhook")
def github_app_webhook(req: Req) -> Reply:
    from .receiver import receive

    return receive(req, "app")


@app.route("POST", "/api/v1/cicd/webhook")
def repository_webhook(req: Req) -> Reply:
    from .receiver import receive

    return receive(req, "repository")


@app.route("GET", "/api/v1/github/repositories/connected")
def connected_repositories(req: Req) -> dict[str, Any]:
    from .console import connected

    return connected(req)


@app.route("POST", "/api/v1/projects/github/connect")
def connect_repository(req: Req) -> dict[str, Any]:
    from .console import connect

    return connect(req)


@app.route("GET", "/api/v1/github/pull-requests")
def pull_requests(req: Req) -> dict[str, Any]:
    from .pulls import pull_requests

    return pull_requests(req)


@app.route("PUT", "/api/v1/github/webhook/{integration_id}")
def auto_deploy_switch(req: Req) -> dict[str, Any]:
    from .console import set_auto_deploy

    return set_auto_deploy(req)


@app.route("POST", "/api/v1/github/manual-deploy")
def manual_deploy(req: Req) -> dict[str, Any]:
    from .console import manual_deploy

    return manual_deploy(req)


@app.route("GET", "/api/v1/github/pipelines")
def pipelines(req: Req) -> dict[str, Any]:
    from .pipelines import pipelines

    return pipelines(req)
