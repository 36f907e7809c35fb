"""The notify function's HTTP routes (handlers are registered on ``app``)."""

from __future__ import annotations

import hmac
from typing import Any

import flask

from klepaas_shared.auth import caller_authorization
from klepaas_shared.errors import BadRequest, Unauthorized, Unavailable
from klepaas_shared.http import FunctionApp, Reply, Req

app = FunctionApp("notify")


def _store() -> Any:
    from klepaas_shared.store import get_store

    return get_store()


@app.route("GET", "/api/v1/slack/auth/url")
def slack_auth_url(req: Req) -> dict[str, str]:
    from .installs import auth_url

    return auth_url(req.user())


@app.route("GET", "/api/v1/slack/auth/callback")
def slack_callback(req: Req) -> flask.Response:
    from .installs import callback

    state = req.args.get("state", "")
    if not state or len(state) > 2048:
        raise Unauthorized("the Slack callback carries no valid state")
    location = callback(_store(), req.args.get("code", ""), state, req.args.get("error", ""))
    return flask.Response(status=302, headers={"Location": location})


@app.route("GET", "/api/v1/slack/status")
def slack_status(req: Req) -> dict[str, Any]:
    from .installs import status

    return status(_store(), req.user().sub)


@app.route("POST", "/api/v1/slack/interactions")
def slack_interactions(req: Req) -> dict[str, Any]:
    from .interactions import handle

    headers = dict(req.request.headers.items())
    return handle(_store(), headers, req.raw_body())


@app.route("POST", "/api/v1/alerts/alertmanager")
def alertmanager(req: Req) -> Reply:
    from .alerting.alerts import receive
    from .alerting.receivers import from_alertmanager
    from .settings import notify_settings

    settings = notify_settings()
    secret = settings.alertmanager_token.get_secret_value()
    if not secret:
        raise Unavailable("the Alertmanager receiver is not configured (KLEPAAS_ALERTMANAGER_TOKEN)")
    given = caller_authorization(req.request.headers)
    if not hmac.compare_digest(given.encode(), f"Bearer {secret}".encode()):
        raise Unauthorized("a valid bearer secret is required", headers={"WWW-Authenticate": "Bearer"})
    count = receive(_store(), from_alertmanager(req.json(allow_empty=False), settings.cluster_name))
    return Reply({"status": "success", "received": count})


def _cluster(req: Req) -> str | None:
    from .settings import notify_settings

    cluster = req.args.get("cluster") or None
    if cluster and len(cluster) > 128:
        raise BadRequest("cluster is too long")
    # the console always sends its default cluster name: that means every alert
    return None if cluster == notify_settings().cluster_name else cluster


@app.route("GET", "/api/v1/monitoring/alerts")
def list_alerts(req: Req) -> list[dict[str, Any]]:
    from .alerting.alerts import listing

    return listing(_store(), _cluster(req))


@app.route("POST", "/api/v1/monitoring/alerts/{alert_id}/snapshot")
def alert_snapshot(req: Req) -> dict[str, Any]:
    from .alerting.snapshot import snapshot

    return snapshot(_store(), req.params["alert_id"], req.args.get("cluster") or None)


@app.route("POST", "/api/v1/monitoring/alerts/{alert_id}/resolve")
def resolve_alert(req: Req) -> dict[str, Any]:
    from .alerting.alerts import resolve

    req.json()  # ``{user_id}`` only; a malformed body is still a 400
    return resolve(_store(), req.params["alert_id"], req.user())
