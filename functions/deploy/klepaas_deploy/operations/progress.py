"""After a mutation: watch the rollout until it completes, fails or passes its deadline; publish events."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from klepaas_shared.contracts import TOPIC_DEPLOYMENT_EVENTS, DeploymentEvent
from klepaas_shared.errors import KlepaasError
from klepaas_shared.events import get_publisher
from klepaas_shared.logs import get_logger, log_fields

from ..cluster.kube import Json, Kube
from ..cluster.workloads import read_deployment, replicas_of, rollout_state
from ..pipeline.refs import AppRef

log = get_logger("deploy.progress")


@dataclass(frozen=True)
class Rollout:
    state: str  # complete | failed | timeout | progressing (the watch's budget ran out first)
    message: str
    replicas: dict[str, int]

    @property
    def ok(self) -> bool:
        return self.state == "complete"


def watch_rollout(kube: Kube, ref: AppRef, deadline_s: float) -> Rollout:
    """Follow the Deployment through a watch stream (re-opened until the deadline); a rollout still
    under way at the deadline answers ``progressing`` (the caller decides whether that is a timeout)."""
    started = time.monotonic()
    current: Json = read_deployment(kube, ref)
    while True:
        state, message = rollout_state(current)
        if state != "progressing":
            return Rollout(state, message, replicas_of(current))
        remaining = deadline_s - (time.monotonic() - started)
        if remaining <= 0:
            return Rollout("progressing", message, replicas_of(current))
        version = current.get("metadata", {}).get("resourceVersion")
        for event in kube.watch(
            kube.apps.list_namespaced_deployment,
            f"watch deployment {ref.app}",
            ref.namespace,
            timeout_s=max(1, int(remaining + 0.999)),
            field_selector=f"metadata.name={ref.app}",
            resource_version=version,
        ):
            obj = event.get("object") or event.get("raw_object") or {}
            if event.get("type") == "DELETED":
                return Rollout("failed", f"deployment {ref.app} was deleted during the rollout", replicas_of(obj))
            if event.get("type") in ("ADDED", "MODIFIED") and isinstance(obj, dict):
                current = obj
                if rollout_state(current)[0] != "progressing":
                    break
        else:
            current = read_deployment(kube, ref)


def publish(event_type: str, deployment_id: int, ref: AppRef, **fields: Any) -> None:
    """Publish a :class:`DeploymentEvent`; a broker failure is logged, never fatal to the operation."""
    event = DeploymentEvent(
        deployment_id=deployment_id,
        type=event_type,  # type: ignore[arg-type]
        owner=ref.owner or ref.app,
        repo=ref.repo or ref.app,
        environment=ref.environment,  # type: ignore[arg-type]
        **fields,
    )
    try:
        get_publisher().publish(TOPIC_DEPLOYMENT_EVENTS, event)
    except KlepaasError as exc:  # the outcome is already recorded; the event is best effort
        log.error("could not publish a deployment event", extra=log_fields(type=event_type, error=type(exc).__name__))
