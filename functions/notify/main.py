"""notify: Cloud Functions entry points (a thin adapter; the logic is in klepaas_notify)."""

from __future__ import annotations

import flask
import functions_framework
from cloudevents.http import CloudEvent

from klepaas_notify.api import app
from klepaas_notify.events import on_alert, on_deployment_event
from klepaas_shared.events import consumer
from klepaas_shared.http import install_error_pages

install_error_pages(functions_framework.errorhandler)

_deployment_events = consumer("notify_deployment_events", on_deployment_event)
_alerts = consumer("notify_alerts", on_alert)


@functions_framework.http
def notify_http(request: flask.Request) -> flask.Response:
    """Slack install and interactivity, the Alertmanager receiver, the console's alert API."""
    return app(request)


@functions_framework.cloud_event
def notify_deployment_events(event: CloudEvent) -> None:
    """Topic deployment-events: one Slack message per deployment; approval requests."""
    _deployment_events(event)


@functions_framework.cloud_event
def notify_alerts(event: CloudEvent) -> None:
    """Topic alerts: Cloud Monitoring incident notifications."""
    _alerts(event)


@functions_framework.cloud_event
def notify_maintenance(event: CloudEvent) -> None:
    """Periodic work from Cloud Scheduler: open again approvals whose decision nothing carried out."""
    from klepaas_notify.maintenance import entry_point

    entry_point()(event)
