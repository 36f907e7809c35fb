"""The deploy function's HTTP routes (handlers are registered on ``app``)."""

from __future__ import annotations

from typing import Any

from klepaas_shared.http import FunctionApp

from . import console, monitoring

app = FunctionApp("deploy")
GET, POST, PUT = "GET", "POST", "PUT"
HANDLERS: tuple[tuple[str, str, Any], ...] = (
    (GET, "/api/v1/dashboard/overview", console.dashboard),
    (GET, "/api/v1/deployment-histories/repositories/latest", console.latest),
    (GET, "/api/v1/deployment-histories", console.histories),
    (GET, "/api/v1/deployment-histories/{deployment_id}", console.history_item),
    (GET, "/api/v1/deployments/{owner}/{repo}/config", console.get_config),
    (PUT, "/api/v1/deployments/{owner}/{repo}/config", console.put_config),
    (GET, "/api/v1/deployments/{owner}/{repo}/rollback/list", console.rollback_list),
    (POST, "/api/v1/rollback/commit", console.rollback_commit),
    (POST, "/api/v1/rollback/previous", console.rollback_previous),
    (POST, "/api/v1/deployments/{owner}/{repo}/scale", console.scale),
    (POST, "/api/v1/deployments/{owner}/{repo}/restart", console.restart),
    (GET, "/api/v1/deployments/{owner}/{repo}/scaling-history", console.scaling_history),
    (GET, "/api/v1/deployments/{namespace}/{app}/pods", console.pods),
    (GET, "/api/v1/deployments/{namespace}/{app}/logs", console.logs),
    (POST, "/api/v1/operations", console.run_operation),
    (GET, "/api/v1/operations/{operation_id}", console.get_operation),
    (GET, "/api/v1/monitoring/nks/cpu-usage", monitoring.cpu),
    (GET, "/api/v1/monitoring/nks/memory-usage", monitoring.memory),
    (GET, "/api/v1/monitoring/nks/disk-usage", monitoring.disk),
    (GET, "/api/v1/monitoring/nks/network-traffic", monitoring.network),
    (GET, "/api/v1/monitoring/metrics/details", monitoring.details),
)


def _register() -> None:
    for method, path, handler in HANDLERS:
        app.route(method, path)(handler)


_register()
