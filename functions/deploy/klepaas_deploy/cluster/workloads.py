"""Reading an app's objects and judging a rollout and its pods (problem reasons included)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from klepaas_shared.clock import now, parse_iso

from ..pipeline.refs import AppRef
from .kube import Json, Kube

PROBLEM_REASONS = frozenset(
    {
        "CrashLoopBackOff",
        "ImagePullBackOff",
        "ErrImagePull",
        "InvalidImageName",
        "CreateContainerConfigError",
        "CreateContainerError",
        "RunContainerError",
        "OOMKilled",
        "Error",
    }
)


def age(timestamp: str | None, at: datetime | None = None) -> str:
    if not timestamp:
        return ""
    seconds = max(0, int(((at or now()) - parse_iso(timestamp)).total_seconds()))
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds >= size:
            return f"{seconds // size}{unit}"
    return f"{seconds}s"


def read_deployment(kube: Kube, ref: AppRef) -> Json:
    return kube.read(
        kube.apps.read_namespaced_deployment, f"read deployment {ref.app} in {ref.namespace}", ref.app, ref.namespace
    )


def pods_of(kube: Kube, namespace: str, selector: str | None) -> list[Json]:
    what = f"list pods in {namespace}"
    found = kube.read(
        kube.core.list_namespaced_pod, what, namespace, **({"label_selector": selector} if selector else {})
    )
    items: list[Json] = found.get("items", [])
    return items


def selector_of(deployment: Json) -> str:
    labels = deployment.get("spec", {}).get("selector", {}).get("matchLabels", {}) or {}
    return ",".join(f"{k}={v}" for k, v in sorted(labels.items()))


def problem(pod: Json) -> tuple[str, str] | None:
    """The reason a pod is in trouble (CrashLoopBackOff, ImagePullBackOff, ...) and its message."""
    status = pod.get("status", {})
    for cs in (status.get("initContainerStatuses") or []) + (status.get("containerStatuses") or []):
        state = cs.get("state", {})
        for key in ("waiting", "terminated"):
            reason = (state.get(key) or {}).get("reason")
            if reason in PROBLEM_REASONS:
                return reason, str((state.get(key) or {}).get("message", ""))
    if status.get("phase") == "Failed":
        return status.get("reason") or "Failed", str(status.get("message", ""))
    for cond in status.get("conditions") or []:
        if cond.get("type") == "PodScheduled" and cond.get("status") == "False":
            return cond.get("reason") or "Unschedulable", str(cond.get("message", ""))
    return None


def pod_summary(pod: Json) -> dict[str, Any]:
    meta, spec, status = pod.get("metadata", {}), pod.get("spec", {}), pod.get("status", {})
    statuses = status.get("containerStatuses") or []
    ready = sum(1 for c in statuses if c.get("ready"))
    total = len(spec.get("containers") or statuses) or len(statuses)
    found = problem(pod)
    phase = str(status.get("phase", "Unknown"))
    return {
        "name": meta.get("name", ""),
        "namespace": meta.get("namespace", ""),
        "phase": phase,
        "status": found[0] if found else phase,
        "ready": f"{ready}/{total}",
        "is_ready": total > 0 and ready == total,
        "restarts": sum(int(c.get("restartCount", 0)) for c in statuses),
        "age": age(meta.get("creationTimestamp")),
        "node": spec.get("nodeName") or "",
        "start_time": status.get("startTime"),
        "labels": meta.get("labels") or {},
        "creation_timestamp": meta.get("creationTimestamp"),
        "problem_reason": found[0] if found else None,
        "problem_message": found[1] if found else None,
    }


def rollout_state(deployment: Json) -> tuple[str, str]:
    """``complete`` / ``progressing`` / ``failed`` with a reason, as ``kubectl rollout status`` judges."""
    meta, spec, status = deployment.get("metadata", {}), deployment.get("spec", {}), deployment.get("status", {})
    if int(status.get("observedGeneration", 0)) < int(meta.get("generation", 0)):
        return "progressing", "waiting for the controller to observe the change"
    for cond in status.get("conditions") or []:
        if cond.get("type") == "Progressing" and cond.get("reason") == "ProgressDeadlineExceeded":
            return "failed", f"the rollout passed its progress deadline: {cond.get('message', '')}"
    desired = int(spec.get("replicas", 1))
    updated, available = int(status.get("updatedReplicas", 0)), int(status.get("availableReplicas", 0))
    total = int(status.get("replicas", 0))
    if updated < desired:
        return "progressing", f"{updated} of {desired} replicas updated"
    if total > updated:
        return "progressing", f"{total - updated} old replicas pending termination"
    if available < updated:
        return "progressing", f"{available} of {updated} updated replicas available"
    return "complete", f"{available} of {desired} replicas available"


def replicas_of(deployment: Json) -> dict[str, int]:
    spec, status = deployment.get("spec", {}), deployment.get("status", {})
    return {
        "desired": int(spec.get("replicas", 0)),
        "current": int(status.get("replicas", 0)),
        "ready": int(status.get("readyReplicas", 0)),
        "available": int(status.get("availableReplicas", 0)),
        "updated": int(status.get("updatedReplicas", 0)),
        "unavailable": int(status.get("unavailableReplicas", 0)),
    }


def image_of(deployment: Json) -> str:
    containers = deployment.get("spec", {}).get("template", {}).get("spec", {}).get("containers") or [{}]
    return str(containers[0].get("image", ""))
