"""Deployment events become GitHub Deployment statuses (in_progress, success, failure)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from klepaas_shared.logs import get_logger, log_fields
from klepaas_shared.records import Deployments
from klepaas_shared.store import get_store

from .github_api import get_app

if TYPE_CHECKING:
    from klepaas_shared.contracts import DeploymentEvent
    from klepaas_shared.events import PubsubMessage

log = get_logger("statuses")


def github_state(event: DeploymentEvent) -> str | None:
    """The GitHub state an event moves the deployment to, or None when it changes nothing."""
    if event.type in ("deployment_started", "stage_started"):
        return "in_progress"
    if event.type == "stage_completed" and event.status == "failed":
        return "failure"
    if event.type == "deployment_completed":
        return "success" if event.status == "success" else "failure"
    return None


def _target(event: DeploymentEvent) -> tuple[int, int] | None:
    """(GitHub deployment id, installation id), from the event or from what webhook recorded."""
    if event.github_deployment_id is not None and event.github_installation_id is not None:
        return event.github_deployment_id, event.github_installation_id
    store = get_store()
    history = Deployments(store).get(event.deployment_id) or {}
    request_id = history.get("request_id")
    known = store.get("github_deployments", str(request_id)) if request_id else None
    if known is None:
        return None
    return int(known["github_deployment_id"]), int(known["installation_id"])


def handle(message: PubsubMessage) -> None:
    """The ``webhook_deployment_events`` consumer."""
    from klepaas_shared.contracts import DeploymentEvent
    from klepaas_shared.events import parse

    event = parse(message, DeploymentEvent)
    state, app = github_state(event), get_app()
    if state is None or app is None:
        return
    target = _target(event)
    if target is None:
        return
    deployment_id, installation = target
    description = (event.message or f"{event.type} {event.stage or ''}".strip())[:140]

    def post(gh: Any) -> None:
        deployment = gh.get_repo(f"{event.owner}/{event.repo}").get_deployment(deployment_id)
        deployment.create_status(state, description=description, environment=event.environment)

    app.call(installation, f"the status of deployment {deployment_id}", post)
    log.info("GitHub deployment status", extra=log_fields(deployment=deployment_id, state=state))
