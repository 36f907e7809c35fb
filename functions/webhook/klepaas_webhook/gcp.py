"""Google Cloud's own events on Pub/Sub: Artifact Registry pushes and Cloud Build statuses.

Artifact Registry (topic ``gcr``) sends ``{"action": "INSERT", "digest": ..., "tag": ...}``; an
image inserted under a watched repository whose name is ``<owner>-<repo>`` of a connected
repository with auto-deploy on becomes a deploy request. Cloud Build (topic ``cloud-builds``)
sends the Build resource with ``buildId`` and ``status`` attributes; it becomes a stage update
of the ``sourcebuild`` stage of the deployment named in the build's substitutions or tags.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

from klepaas_shared.errors import BadRequest
from klepaas_shared.logs import get_logger, log_fields
from klepaas_shared.records.deployments import Deployments
from klepaas_shared.records.integrations import Integrations
from klepaas_shared.store import get_store

from .settings import settings

if TYPE_CHECKING:
    from klepaas_shared.events import PubsubMessage

log = get_logger("gcp")
RUNNING = {"QUEUED", "PENDING", "WORKING"}
FAILED = {"FAILURE", "INTERNAL_ERROR", "TIMEOUT", "CANCELLED", "EXPIRED"}


def _image_parts(reference: str) -> tuple[str, str] | None:
    """``host/project/repo/image:tag`` or ``...@sha256:...`` → (``host/project/repo``, ``image``)."""
    path = reference.split("@", 1)[0]
    last = path.rsplit("/", 1)
    if len(last) != 2:
        return None
    name = last[1].split(":", 1)[0]
    return last[0], name


def on_artifact(data: dict[str, Any]) -> str:
    """An Artifact Registry notification; returns what was done (for the log)."""
    from .deploys import Plan, publish
    from .github_api import CommitInfo

    reference = str(data.get("tag") or data.get("digest") or "")
    if data.get("action") != "INSERT" or not reference:
        return "not an image insert"
    parts = _image_parts(reference)
    if parts is None or parts[0] not in settings().watched_repositories():
        return "not a watched repository"
    store = get_store()
    match = [
        d
        for d in Integrations(store).auto_deploying()
        if f"{d.get('owner')}-{d.get('repo')}".lower() == parts[1].lower()
    ]
    if not match:
        return f"no connected repository with auto-deploy on is built as {parts[1]}"
    doc = match[0]
    tag = reference.rsplit(":", 1)[-1] if "@" not in reference else ""
    plan = Plan(
        str(doc["owner"]),
        str(doc["repo"]),
        "staging",
        str(doc.get("branch") or "main"),
        CommitInfo("", "", "", ""),
        (tag,) if tag else (),
        "artifact_registry",
        str(doc.get("user_id") or ""),
        doc.get("installation_id"),
        request_id=None,
        image=reference,
    )
    request = publish(store, plan)
    return f"deploy request {request.request_id}"


def _substitutions(build: dict[str, Any]) -> dict[str, Any]:
    value = build.get("substitutions")
    return value if isinstance(value, dict) else {}


def _deployment_of(build: dict[str, Any]) -> int | None:
    substitutions = _substitutions(build)
    raw = substitutions.get("_KLEPAAS_DEPLOYMENT_ID")
    for tag in build.get("tags") or []:
        if isinstance(tag, str) and tag.startswith("klepaas-deployment-"):
            raw = raw or tag.removeprefix("klepaas-deployment-")
    return int(raw) if isinstance(raw, str) and raw.isdigit() else None


def on_build(build: dict[str, Any], status: str) -> str:
    """A Cloud Build notification → a ``sourcebuild`` stage event for the matching deployment."""
    from klepaas_shared.contracts import TOPIC_DEPLOYMENT_EVENTS, Commit, DeploymentEvent, ErrorInfo
    from klepaas_shared.events import get_publisher

    deployment_id = _deployment_of(build)
    if deployment_id is None:
        return "a build of no K-Le-PaaS deployment"
    history = Deployments(get_store()).get(deployment_id) or {}
    substitutions = _substitutions(build)
    owner = str(history.get("owner") or substitutions.get("_KLEPAAS_OWNER") or "")
    repo = str(history.get("repo") or substitutions.get("_KLEPAAS_REPO") or substitutions.get("REPO_NAME") or "")
    if not owner or not repo:
        return f"deployment {deployment_id} is unknown"
    done = status not in RUNNING
    duration = _duration(build) if done else None
    failed = status in FAILED
    event = DeploymentEvent(
        deployment_id=deployment_id,
        type="stage_completed" if done else "stage_started",
        owner=owner,
        repo=repo,
        stage="sourcebuild",
        status="failed" if failed else "success" if done else "running",
        message=f"Cloud Build {build.get('id', '')} {status.lower()}",
        commit=Commit(sha=str(substitutions.get("COMMIT_SHA") or "")),
        duration_s=duration,
        error=ErrorInfo(code="build_failed", message=str(build.get("statusDetail") or status), stage="sourcebuild")
        if failed
        else None,
    )
    get_publisher().publish(TOPIC_DEPLOYMENT_EVENTS, event)
    return f"stage event {event.type} for deployment {deployment_id}"


def _duration(build: dict[str, Any]) -> float | None:
    from klepaas_shared.clock import parse_iso

    try:
        return (parse_iso(str(build["finishTime"])) - parse_iso(str(build["startTime"]))).total_seconds()
    except (KeyError, ValueError):
        return None


def handle(message: PubsubMessage) -> None:
    """Both topics arrive here; the message's shape says which one it is."""
    data = message.json()
    if not isinstance(data, dict):
        raise BadRequest(f"message {message.message_id} is not a JSON object")
    if "buildId" in message.attributes or "status" in message.attributes:
        done = on_build(data, str(message.attributes.get("status") or data.get("status") or ""))
    elif "action" in data:
        done = on_artifact(data)
    else:
        done = "not an Artifact Registry or Cloud Build message"
    log.info("gcp event", extra=log_fields(message_id=message.message_id, result=done))


@cache
def entry_point() -> Any:
    from klepaas_shared.events import consumer

    return consumer("webhook_gcp_events", handle)


@cache
def deployment_events_entry_point() -> Any:
    from klepaas_shared.events import consumer

    from .statuses import handle as handle_status

    return consumer("webhook_deployment_events", handle_status)
