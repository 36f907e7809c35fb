"""What a manifest may ask of the cluster, checked before the cluster sees it.

A team's manifest is parsed safely (JSON, or YAML with no tags, anchors or aliases: an alias bomb
cannot expand) and must be one of the app kinds, in the project's namespace, with no host access,
no privileged container, images from allowed registries only, and no Secret type that hands out
cluster credentials. Each refusal is a 4xx naming what and why.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from klepaas_shared.errors import BadRequest, PayloadTooLarge, ValidationFailed

from ..settings import DeploySettings

MAX_BYTES = 256 * 1024
MAX_YAML_EVENTS = 50_000  # a 256 KiB document has far fewer nodes; a cap on top of the size
API_VERSIONS = {
    "Deployment": "apps/v1",
    "Service": "v1",
    "Ingress": "networking.k8s.io/v1",
    "ConfigMap": "v1",
    "Secret": "v1",
    "HorizontalPodAutoscaler": "autoscaling/v2",
    "PersistentVolumeClaim": "v1",
}
CLUSTER_SCOPED = {
    "Namespace",
    "Node",
    "PersistentVolume",
    "ClusterRole",
    "ClusterRoleBinding",
    "CustomResourceDefinition",
    "StorageClass",
    "PriorityClass",
    "IngressClass",
    "MutatingWebhookConfiguration",
    "ValidatingWebhookConfiguration",
    "APIService",
    "RuntimeClass",
}
SECRET_TYPES = {"Opaque", "kubernetes.io/dockerconfigjson", "kubernetes.io/tls"}
NAME = re.compile(r"^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$")


@dataclass(frozen=True)
class Manifest:
    kind: str
    name: str
    body: dict[str, Any]


def _refuse(message: str) -> ValidationFailed:
    return ValidationFailed(f"manifest refused: {message}")


def _safe_yaml(text: str) -> Any:
    """YAML with the safe loader, refusing what can hide a bomb or build objects: tags, anchors,
    aliases, several documents, and too many nodes."""
    import yaml  # type: ignore[import-untyped]  # PyYAML comes with the kubernetes client

    try:
        documents = 0
        for count, event in enumerate(yaml.parse(text, Loader=yaml.SafeLoader), 1):
            if count > MAX_YAML_EVENTS:
                raise _refuse(f"the YAML has more than {MAX_YAML_EVENTS} nodes")
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                raise _refuse("YAML anchors and aliases are not accepted (they can expand without bound)")
            if getattr(event, "tag", None):  # only an explicit tag sets it
                raise _refuse(f"YAML tags such as {event.tag!r} are not accepted")
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise _refuse("one manifest (one YAML document) at a time")
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        raise BadRequest(f"the manifest is not valid YAML or JSON{where}") from None


def parse(raw: Any) -> dict[str, Any]:
    """A manifest given as an object, or as JSON or YAML text, at most 256 KiB."""
    if isinstance(raw, dict):
        size = len(json.dumps(raw).encode())
        doc: Any = raw
    elif isinstance(raw, str):
        size = len(raw.encode())
        if size > MAX_BYTES:
            raise PayloadTooLarge(f"the manifest is {size} bytes; at most {MAX_BYTES} (256 KiB)")
        try:
            doc = json.loads(raw)
        except ValueError:
            doc = _safe_yaml(raw)
    else:
        raise BadRequest("manifest must be an object, or JSON or YAML text")
    if size > MAX_BYTES:
        raise PayloadTooLarge(f"the manifest is {size} bytes; at most {MAX_BYTES} (256 KiB)")
    if not isinstance(doc, dict):
        raise BadRequest("the manifest must be one Kubernetes object (a mapping)")
    return doc


def allowed_registries(settings: DeploySettings) -> list[str]:
    listed = [r.strip().rstrip("/") for r in settings.resource_image_registries.split(",") if r.strip()]
    if settings.ncp_registry:
        listed.append(settings.ncp_registry.rstrip("/"))
    if settings.cloudbuild_configured:
        listed.append(settings.artifact_registry)
    return listed


def _pod_spec(kind: str, body: dict[str, Any]) -> dict[str, Any] | None:
    if kind != "Deployment":
        return None
    spec = ((body.get("spec") or {}).get("template") or {}).get("spec")
    return spec if isinstance(spec, dict) else None


def _check_pod(spec: dict[str, Any], registries: list[str]) -> None:
    for field in ("hostNetwork", "hostPID", "hostIPC"):
        if spec.get(field):
            raise _refuse(f"spec.template.spec.{field} gives the pod the node's {field[4:]} namespace")
    for volume in spec.get("volumes") or []:
        if isinstance(volume, dict) and "hostPath" in volume:
            raise _refuse(f"volume {volume.get('name')!r} is a hostPath: it would read or write the node's files")
    for group in ("initContainers", "containers", "ephemeralContainers"):
        for container in spec.get(group) or []:
            if not isinstance(container, dict):
                raise BadRequest(f"spec.template.spec.{group} must hold objects")
            name = container.get("name")
            context = container.get("securityContext") or {}
            if isinstance(context, dict) and (context.get("privileged") or context.get("allowPrivilegeEscalation")):
                raise _refuse(f"container {name!r} asks to be privileged (or to escalate privileges)")
            image = str(container.get("image") or "")
            if not any(image.startswith(f"{registry}/") for registry in registries):
                allowed = ", ".join(registries) or "none is configured (KLEPAAS_RESOURCE_IMAGE_REGISTRIES)"
                raise _refuse(f"container {name!r}: image {image[:200]!r} is not from an allowed registry ({allowed})")


def _check_secret(body: dict[str, Any]) -> None:
    kind = body.get("type", "Opaque")
    if kind == "kubernetes.io/service-account-token":
        raise _refuse("a Secret of type kubernetes.io/service-account-token would mint cluster credentials")
    if not isinstance(kind, str) or (kind.startswith("kubernetes.io/") and kind not in SECRET_TYPES):
        raise _refuse(f"Secret type {str(kind)[:100]!r}: only Opaque, kubernetes.io/dockerconfigjson and tls")
    for field in ("data", "stringData"):
        values = body.get(field)
        if values is not None and not (isinstance(values, dict) and all(isinstance(v, str) for v in values.values())):
            raise BadRequest(f"Secret {field} must map keys to strings")


def check(doc: dict[str, Any], namespace: str, settings: DeploySettings) -> Manifest:
    """The manifest, if the project may apply it in ``namespace``; else a 4xx saying why."""
    kind = doc.get("kind")
    if not isinstance(kind, str) or not kind:
        raise BadRequest("the manifest has no kind")
    if kind in CLUSTER_SCOPED:
        raise _refuse(f"{kind} is cluster-scoped; only objects inside the project's namespace can be applied")
    if kind not in API_VERSIONS:
        raise _refuse(f"kind {kind[:60]!r} is not one of {', '.join(API_VERSIONS)}")
    if doc.get("apiVersion") != API_VERSIONS[kind]:
        raise _refuse(f"{kind} must use apiVersion {API_VERSIONS[kind]}, not {str(doc.get('apiVersion'))[:40]!r}")
    meta = doc.get("metadata")
    if not isinstance(meta, dict):
        raise BadRequest("the manifest has no metadata")
    name = meta.get("name")
    if not isinstance(name, str) or len(name) > 253 or not NAME.match(name):
        raise BadRequest("metadata.name must be a Kubernetes name (lower-case letters, digits, '-', '.')")
    if meta.get("namespace") not in (None, namespace):
        raise _refuse(f"metadata.namespace {str(meta.get('namespace'))[:63]!r} is not the project's namespace")
    spec = _pod_spec(kind, doc)
    if kind == "Deployment" and spec is None:
        raise BadRequest("a Deployment needs spec.template.spec")
    if spec is not None:
        _check_pod(spec, allowed_registries(settings))
    if kind == "Secret":
        _check_secret(doc)
    body = {**doc, "metadata": {**meta, "namespace": namespace}}
    return Manifest(kind, name, body)
