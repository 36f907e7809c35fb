"""The webhook function's HTTP routes (handlers are registered on ``app``, imported on first use)."""

from __future__ import annotations

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


app.lazy("GET", "/api/v1/github/repositories/connected", "klepaas_webhook.console:connected")
app.lazy("POST", "/api/v1/projects/github/connect", "klepaas_webhook.console:connect")
app.lazy("GET", "/api/v1/github/pull-requests", "klepaas_webhook.pulls:pull_requests")
app.lazy("PUT", "/api/v1/github/webhook/{integration_id}", "klepaas_webhook.console:set_auto_deploy")
app.lazy("POST", "/api/v1/github/manual-deploy", "klepaas_webhook.console:manual_deploy")
app.lazy("GET", "/api/v1/github/pipelines", "klepaas_webhook.pipelines:pipelines")
app.lazy("GET", "/api/v1/projects", "klepaas_webhook.projects:mine")
app.lazy("GET", "/api/v1/projects/{project_id}", "klepaas_webhook.projects:one")
app.lazy("DELETE", "/api/v1/projects/{project_id}", "klepaas_webhook.projects:disconnect")
app.lazy("PUT", "/api/v1/projects/{project_id}/members/{user_id}", "klepaas_webhook.projects:set_member")
app.lazy("DELETE", "/api/v1/projects/{project_id}/members/{user_id}", "klepaas_webhook.projects:remove_member")
app.lazy("PUT", "/api/v1/projects/{project_id}/settings", "klepaas_webhook.projects:set_settings")
app.lazy("POST", "/api/v1/projects/{project_id}/webhook-secret", "klepaas_webhook.projects:rotate_secret")
