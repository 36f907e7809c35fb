"""The deploy function's HTTP routes. Handlers are imported on their first request, so a cold
instance answers its health check without loading the Kubernetes client, the store or pydantic."""

from __future__ import annotations

from klepaas_shared.http import FunctionApp

app = FunctionApp("deploy")
app.lazy("GET", "/api/v1/dashboard/overview", "klepaas_deploy.console:dashboard")
app.lazy("GET", "/api/v1/deployment-histories/repositories/latest", "klepaas_deploy.console:latest")
app.lazy("GET", "/api/v1/deployment-histories", "klepaas_deploy.console:histories")
app.lazy("GET", "/api/v1/deployment-histories/{deployment_id}", "klepaas_deploy.console:history_item")
app.lazy("GET", "/api/v1/deployments/{owner}/{repo}/config", "klepaas_deploy.console:get_config")
app.lazy("PUT", "/api/v1/deployments/{owner}/{repo}/config", "klepaas_deploy.console:put_config")
app.lazy("GET", "/api/v1/deployments/{owner}/{repo}/rollback/list", "klepaas_deploy.console:rollback_list")
app.lazy("POST", "/api/v1/rollback/commit", "klepaas_deploy.console:rollback_commit")
app.lazy("POST", "/api/v1/rollback/previous", "klepaas_deploy.console:rollback_previous")
app.lazy("POST", "/api/v1/deployments/{owner}/{repo}/scale", "klepaas_deploy.console:scale")
app.lazy("POST", "/api/v1/deployments/{owner}/{repo}/restart", "klepaas_deploy.console:restart")
app.lazy("GET", "/api/v1/deployments/{owner}/{repo}/scaling-history", "klepaas_deploy.console:scaling_history")
app.lazy("GET", "/api/v1/deployments/{namespace}/{app}/pods", "klepaas_deploy.console:pods")
app.lazy("GET", "/api/v1/deployments/{namespace}/{app}/logs", "klepaas_deploy.console:logs")
app.lazy("POST", "/api/v1/operations", "klepaas_deploy.console:run_operation")
app.lazy("GET", "/api/v1/operations/{operation_id}", "klepaas_deploy.console:get_operation")
app.lazy("POST", "/api/v1/operations/{operation_id}/approval", "klepaas_deploy.console:decide_approval")
app.lazy("GET", "/api/v1/monitoring/nks/cpu-usage", "klepaas_deploy.views.monitoring:cpu")
app.lazy("GET", "/api/v1/monitoring/nks/memory-usage", "klepaas_deploy.views.monitoring:memory")
app.lazy("GET", "/api/v1/monitoring/nks/disk-usage", "klepaas_deploy.views.monitoring:disk")
app.lazy("GET", "/api/v1/monitoring/nks/network-traffic", "klepaas_deploy.views.monitoring:network")
app.lazy("GET", "/api/v1/monitoring/metrics/details", "klepaas_deploy.views.monitoring:details")
app.lazy("GET", "/api/v1/projects/{project}/resources/{kind}", "klepaas_deploy.project_resources:list_resources")
app.lazy("GET", "/api/v1/projects/{project}/resources/{kind}/{name}", "klepaas_deploy.project_resources:get_resource")
app.lazy("POST", "/api/v1/projects/{project}/resources/apply", "klepaas_deploy.project_resources:apply_resource")
app.lazy(
    "DELETE", "/api/v1/projects/{project}/resources/{kind}/{name}", "klepaas_deploy.project_resources:delete_resource"
)
