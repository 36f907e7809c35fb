"""Deployment events become GitHub Deployment statuses (in_progress, success, failure).

Events arrive in any order and may arrive again, but GitHub shows a deployment's latest status,
so statuses only move forward: the state is advanced in the store (a transaction) before it is
posted, the first ``success``/``failure`` is final, and an ``in_progress`` that arrives after it
posts nothing. An ``in_progress`` posted while a final state was being recorded posts that final
state again after itself, so the last status GitHub holds is the final one whatever the timing.
An event that arrives while its GitHub Deployment is still being created is retried, not dropped.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from klepaas_shared.logs import get_logger, log_fields
from klepaas_shared.records.deployments import Deployments
from klepaas_shared.store import get_store

from .deploys import GITHUB_DEPLOYMENTS, created_for
from .github_api import get_app

if TYPE_CHECKING:
    from klepaas_shared.contracts import DeploymentEvent
    from klepaas_shared.events import PubsubMessage

log = get_logger("statuses")
STATES = "github_deployment_states"
FINAL = frozenset({"success", "failure"})


def github_state(event: DeploymentEvent) -> str | None:
    """The GitHub state an event moves the deployment to, or None when it changes nothing."""
    if event.type in ("deployment_started", "stage_started"):
        return "in_progress"
    if event.type == "stage_completed" and event.status == "failed":
        return "failure"
    if event.type == "deployment_completed":
        return "success" if event.status == "success" else "failure"
    return None


def _target(event: DeploymentEvent, app: Any) -> tuple[int, int] | None:
    """(GitHub deployment id, installation id), from the event or from what webhook recorded.

    None when no GitHub Deployment was asked for. One still being created (its claim held) is
    waited for: :class:`InFlight` brings the event back once the claim's lease has run out. After
    that, a Deployment whose creator died before recording it is found by its request id."""
    from klepaas_shared.idempotency import InFlight, lease_left_s

    if event.github_deployment_id is not None and event.github_installation_id is not None:
        return event.github_deployment_id, event.github_installation_id
    store = get_store()
    history = Deployments(store).get(event.deployment_id) or {}
    request_id = str(history.get("request_id") or "")
    known = store.get(GITHUB_DEPLOYMENTS, request_id) if request_id else None
    if known is None or known.get("installation_id") is None:  # none was asked for
        return None
    installation = int(known["installation_id"])
    if known.get("github_deployment_id") is not None:
        return int(known["github_deployment_id"]), installation
    left = lease_left_s(known)
    if known.get("status") == "running" and left > 0:
        raise InFlight(f"the GitHub Deployment of request {request_id} is being created", retry_after_s=left)
    adopted = _adopt(app, store, request_id, known, event)
    return (adopted, installation) if adopted is not None else None


def _adopt(app: Any, store: Any, request_id: str, known: dict[str, Any], event: DeploymentEvent) -> int | None:
    """The Deployment a dead creator made for ``request_id``, recorded as the request's (so a
    redelivered push finds it too); None when it never got as far as GitHub."""
    from klepaas_shared.store import Transaction

    owner, repo = str(known.get("owner") or event.owner), str(known.get("repo") or event.repo)
    environment = str(known.get("environment") or event.environment)
    by_ref = {"sha": event.commit.sha} if event.commit.sha else {}

    def find(gh: Any) -> int | None:
        return created_for(gh.get_repo(f"{owner}/{repo}"), request_id, environment, **by_ref)

    found = app.call(int(known["installation_id"]), f"the deployments of {owner}/{repo}", find)
    if found is None:
        log.info("no GitHub deployment to post statuses on", extra=log_fields(request=request_id))
        return None

    def record(txn: Transaction) -> int:
        current = txn.get(GITHUB_DEPLOYMENTS, request_id) or {}
        if current.get("github_deployment_id") is not None:  # recorded meanwhile: that one holds
            return int(current["github_deployment_id"])
        txn.update(GITHUB_DEPLOYMENTS, request_id, {"status": "succeeded", "github_deployment_id": found})
        return int(found)

    return int(store.transaction(record))


def handle(message: PubsubMessage) -> None:
    """The ``webhook_deployment_events`` consumer."""
    from klepaas_shared.contracts import DeploymentEvent
    from klepaas_shared.events import parse

    if message.attributes.get("kind"):  # approval requests and decisions share the topic
        return
    event = parse(message, DeploymentEvent)
    state, app = github_state(event), get_app()
    if state is None or app is None:
        return
    target = _target(event, app)
    if target is None:
        return
    deployment_id, installation = target
    description = (event.message or f"{event.type} {event.stage or ''}".strip())[:140]
    key = f"{event.owner}:{event.repo}:{deployment_id}".lower()
    if not advance(key, state, description):
        log.info("GitHub deployment status behind", extra=log_fields(deployment=deployment_id, state=state))
        return

    def post(gh: Any, posted: str, text: str) -> None:
        deployment = gh.get_repo(f"{event.owner}/{event.repo}").get_deployment(deployment_id)
        deployment.create_status(posted, description=text, environment=event.environment)

    what = f"the status of deployment {deployment_id}"
    app.call(installation, what, lambda gh: post(gh, state, description))
    log.info("GitHub deployment status", extra=log_fields(deployment=deployment_id, state=state))
    if state not in FINAL:
        settled = get_store().get(STATES, key) or {}
        if settled.get("state") in FINAL:  # recorded while ours was on its way: it goes last
            final, text = str(settled["state"]), str(settled.get("description", ""))
            app.call(installation, what, lambda gh: post(gh, final, text))


def advance(key: str, state: str, description: str) -> bool:
    """Record ``state`` as the deployment's current one; False when a final state is recorded
    already (the event is behind: nothing to post)."""
    from klepaas_shared.clock import now_iso
    from klepaas_shared.store import Transaction

    def attempt(txn: Transaction) -> bool:
        current = (txn.get(STATES, key) or {}).get("state")
        if current in FINAL and current != state:
            return False
        txn.set(STATES, key, {"state": state, "description": description, "updated_at": now_iso()})
        return True

    return bool(get_store().transaction(attempt))
