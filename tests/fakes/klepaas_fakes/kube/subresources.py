"""Subresources: `deployments/scale` (autoscaling/v1 Scale), `*/status`, and `pods/log`."""

from __future__ import annotations

from typing import Any

from .errors import ApiError, bad_request, conflict, invalid
from .http import Request
from .logs import LogStore
from .meta import Obj, dig
from .patch import JSON_PATCH, MERGE, STRATEGIC, json_patch, merge_patch
from .resources import Kind
from .selectors import selector_string
from .store import Store
from .strategic import strategic_merge

ACCEPTED_PATCHES = (JSON_PATCH, MERGE, STRATEGIC, "application/apply-patch+yaml")
SCALE = Kind("scale", "Scale", "autoscaling", "v1", True, "scale")
LOG_OPTIONS = Kind("pods", "PodLogOptions", "", "v1", True, "podlogoptions")
_NON_NEGATIVE = "must be greater than or equal to 0"


def apply_patch(content_type: str | None, target: Obj, patch: Any) -> Obj:
    media = (content_type or "").split(";")[0].strip()
    if media == JSON_PATCH:
        result = json_patch(target, patch)
    elif media == MERGE:
        result = merge_patch(target, patch)
    elif media == STRATEGIC:
        result = strategic_merge(target, patch)
    else:
        message = (
            f"the body of the request was in an unknown format - accepted media types include: "
            f"{', '.join(ACCEPTED_PATCHES)}"
        )
        raise ApiError(415, message, "UnsupportedMediaType")
    if not isinstance(result, dict):
        raise bad_request("the patch did not produce an object")
    return result


def scale_of(deployment: Obj) -> Obj:
    meta = deployment["metadata"]
    return {
        "kind": "Scale",
        "apiVersion": "autoscaling/v1",
        "metadata": {
            key: meta[key]
            for key in ("name", "namespace", "uid", "resourceVersion", "creationTimestamp")
            if key in meta
        },
        "spec": {"replicas": int(dig(deployment, "spec.replicas") or 0)},
        "status": {
            "replicas": int(dig(deployment, "status.replicas") or 0),
            "selector": selector_string(dig(deployment, "spec.selector")),
        },
    }


def scaled(kind: Kind, deployment: Obj, scale: Obj) -> Obj:
    """The deployment with the replicas a Scale body asks for; a stale resourceVersion is a 409 Conflict."""
    name = deployment["metadata"]["name"]
    wanted_rv = dig(scale, "metadata.resourceVersion")
    if wanted_rv not in (None, "", deployment["metadata"]["resourceVersion"]):
        raise conflict(kind, name)
    replicas = dig(scale, "spec.replicas")
    if not isinstance(replicas, int) or replicas < 0:
        raise invalid(SCALE, name, [("spec.replicas", f"Invalid value: {replicas}: {_NON_NEGATIVE}")])
    deployment["spec"]["replicas"] = replicas
    return deployment


def read_log(store: Store, logs: LogStore, kind: Kind, namespace: str, name: str, request: Request) -> str:
    pod = store.get(kind, namespace, name)
    tail = request.integer("tailLines")
    if tail is not None and tail < 0:
        raise invalid(LOG_OPTIONS, name, [("tailLines", f"Invalid value: {tail}: {_NON_NEGATIVE}")])
    return logs.read(pod, request.query)
