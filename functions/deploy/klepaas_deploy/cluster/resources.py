"""An app's Kubernetes objects by kind: list, get, server-side apply and delete, in one namespace.

Objects are answered as the cluster sent them, less ``metadata.managedFields``; a Secret is answered
without its values (``data``, ``stringData``): only the names of its keys.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from klepaas_shared.errors import BadRequest

from .kube import Kube

Json = dict[str, Any]
APPLY = "application/apply-patch+yaml"
FIELD_MANAGER = "klepaas"


@dataclass(frozen=True)
class KindApi:
    kind: str
    group: str  # the attribute of Kube (or the client class) holding the typed API
    suffix: str  # the typed API's method suffix: list_namespaced_<suffix>


KINDS: dict[str, KindApi] = {
    "Deployment": KindApi("Deployment", "apps", "deployment"),
    "Service": KindApi("Service", "core", "service"),
    "Ingress": KindApi("Ingress", "networking", "ingress"),
    "ConfigMap": KindApi("ConfigMap", "core", "config_map"),
    "Secret": KindApi("Secret", "core", "secret"),
    "HorizontalPodAutoscaler": KindApi("HorizontalPodAutoscaler", "autoscaling", "horizontal_pod_autoscaler"),
    "PersistentVolumeClaim": KindApi("PersistentVolumeClaim", "core", "persistent_volume_claim"),
}
_BY_LOWER = {name.lower(): name for name in KINDS} | {
    "deployments": "Deployment",
    "services": "Service",
    "ingresses": "Ingress",
    "configmaps": "ConfigMap",
    "secrets": "Secret",
    "horizontalpodautoscalers": "HorizontalPodAutoscaler",
    "persistentvolumeclaims": "PersistentVolumeClaim",
    "hpa": "HorizontalPodAutoscaler",
    "pvc": "PersistentVolumeClaim",
}


def kind_of(value: str) -> str:
    """``Deployment``, ``deployments`` or ``deployment`` → ``Deployment``; another kind is a 400."""
    found = _BY_LOWER.get(value.lower())
    if found is None:
        raise BadRequest(f"kind {value[:60]!r} is not one of {', '.join(KINDS)}")
    return found


def _method(kube: Kube, kind: str, verb: str) -> Any:
    api = KINDS[kind]
    if api.group == "autoscaling":
        from kubernetes import client

        group = client.AutoscalingV2Api(kube.target.api_client())
    else:
        group = getattr(kube, api.group)
    return getattr(group, f"{verb}_namespaced_{api.suffix}")


def shown(obj: Json) -> Json:
    """An object as answered to a caller: no managedFields, and a Secret's values never."""
    meta = {k: v for k, v in (obj.get("metadata") or {}).items() if k != "managedFields"}
    answer = {**obj, "metadata": meta}
    if obj.get("kind") == "Secret" or ("type" in obj and ("data" in obj or "stringData" in obj)):
        keys = sorted({*(obj.get("data") or {}), *(obj.get("stringData") or {})})
        answer = {k: v for k, v in answer.items() if k not in ("data", "stringData")} | {"keys": keys}
    return answer


def list_objects(kube: Kube, kind: str, namespace: str, *, selector: str | None, limit: int, token: str | None) -> Json:
    args: Json = {"limit": limit}
    if selector:
        args["label_selector"] = selector
    if token:
        args["_continue"] = token
    found = kube.read(_method(kube, kind, "list"), f"{kind} list", namespace, **args)
    items = [shown({"kind": kind, **item}) for item in found.get("items") or []]
    return {
        "kind": kind,
        "namespace": namespace,
        "items": items,
        "continue": (found.get("metadata") or {}).get("continue"),
    }


def get_object(kube: Kube, kind: str, namespace: str, name: str) -> Json:
    found = kube.read(_method(kube, kind, "read"), f"{kind} {name}", name, namespace)
    return shown({"kind": kind, **found})


def read_raw(kube: Kube, kind: str, namespace: str, name: str) -> Json | None:
    """The live object with its values (for the diff, never answered as is); None when absent."""
    from klepaas_shared.errors import NotFound

    try:
        return kube.read(_method(kube, kind, "read"), f"{kind} {name}", name, namespace)
    except NotFound:
        return None


def apply(kube: Kube, kind: str, namespace: str, name: str, body: Json, *, dry_run: bool) -> Json:
    """Server-side apply as ``klepaas``; a conflict with another manager is a 409, never forced."""
    extra: Json = {"dry_run": "All"} if dry_run else {}
    return kube.write(
        _method(kube, kind, "patch"),
        f"{kind} {name}",
        name,
        namespace,
        body,
        field_manager=FIELD_MANAGER,
        _content_type=APPLY,
        stale_on_conflict=True,
        **extra,
    )


def delete(kube: Kube, kind: str, namespace: str, name: str) -> Json:
    return kube.write(
        _method(kube, kind, "delete"), f"{kind} {name}", name, namespace, idempotent=False, stale_on_conflict=True
    )
