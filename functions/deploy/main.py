"""deploy: Cloud Functions entry points (a thin adapter; the logic is in klepaas_deploy)."""

from __future__ import annotations

import flask
import functions_framework
from cloudevents.http import CloudEvent

from klepaas_deploy.api import app
from klepaas_shared.events import PubsubMessage, consumer
from klepaas_shared.http import install_error_pages

install_error_pages(functions_framework.errorhandler)


@functions_framework.http
def deploy_http(request: flask.Request) -> flask.Response:
    """Operations on clusters, deployment history, dashboard and monitoring."""
    return app(request)


def _deploy_request(message: PubsubMessage) -> None:
    from klepaas_deploy.requests import consume

    consume(message)


_consume = consumer("deploy_requests", _deploy_request)


@functions_framework.cloud_event
def deploy_requests(event: CloudEvent) -> None:
    """A DeployRequest from the deploy-requests topic: one deployment per request_id."""
    _consume(event)


@functions_framework.cloud_event
def deploy_maintenance(event: CloudEvent) -> None:
    """Periodic work from Cloud Scheduler: end operations and deployments stuck past their deadline."""
    from klepaas_deploy.maintenance import entry_point

    entry_point()(event)
