"""webhook: Cloud Functions entry points (a thin adapter; the logic is in klepaas_webhook)."""

from __future__ import annotations

import flask
import functions_framework
from cloudevents.http import CloudEvent

from klepaas_shared.http import install_error_pages
from klepaas_webhook.api import app

install_error_pages(functions_framework.errorhandler)


@functions_framework.http
def webhook_http(request: flask.Request) -> flask.Response:
    """GitHub webhooks and the console's GitHub integration API."""
    return app(request)


@functions_framework.cloud_event
def webhook_gcp_events(event: CloudEvent) -> None:
    """Artifact Registry (``gcr``) and Cloud Build (``cloud-builds``) notifications."""
    from klepaas_webhook.gcp import entry_point

    entry_point()(event)


@functions_framework.cloud_event
def webhook_deployment_events(event: CloudEvent) -> None:
    """Deployment events become GitHub Deployment statuses."""
    from klepaas_webhook.gcp import deployment_events_entry_point

    deployment_events_entry_point()(event)


@functions_framework.cloud_event
def webhook_maintenance(event: CloudEvent) -> None:
    """Periodic work from Cloud Scheduler: redeliver failed GitHub deliveries, prune expired records."""
    from klepaas_webhook.maintenance import entry_point

    entry_point()(event)
