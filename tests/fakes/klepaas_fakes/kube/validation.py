"""Admission checks that answer 422 Invalid, in the API server's words."""

from __future__ import annotations

import json
import re

from .errors import invalid
from .meta import Obj, dig, name_of
from .resources import DEPLOYMENTS, INGRESSES, NAMESPACES, PODS, SERVICES, Kind
from .selectors import selector_matches

_LABEL = re.compile(r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
_SUBDOMAIN = re.compile(r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")
_LABEL_KINDS = {NAMESPACES, SERVICES}

Causes = list[tuple[str, str]]


def _name(kind: Kind, name: str) -> Causes:
    if not name:
        return [("metadata.name", "Required value: name or generateName is required")]
    label = kind in _LABEL_KINDS
    pattern, limit = (_LABEL, 63) if label else (_SUBDOMAIN, 253)
    if len(name) > limit or not pattern.match(name):
        what = "RFC 1123 label" if label else "RFC 1123 subdomain"
        return [
            (
                "metadata.name",
                f'Invalid value: "{name}": a lowercase {what} must consist of lower case alphanumeric '
                "characters, '-' or '.', and must start and end with an alphanumeric character",
            )
        ]
    return []


def _containers(spec: Obj | None, prefix: str) -> Causes:
    containers = (spec or {}).get("containers") or []
    if not containers:
        return [(f"{prefix}.containers", "Required value")]
    causes: Causes = []
    for index, container in enumerate(containers):
        if not container.get("name"):
            causes.append((f"{prefix}.containers[{index}].name", "Required value"))
        if not container.get("image"):
            causes.append((f"{prefix}.containers[{index}].image", "Required value"))
    return causes


def _deployment(obj: Obj, old: Obj | None) -> Causes:
    spec = obj.get("spec") or {}
    causes: Causes = []
    replicas = spec.get("replicas", 1)
    if not isinstance(replicas, int) or replicas < 0:
        causes.append(("spec.replicas", f"Invalid value: {replicas}: must be greater than or equal to 0"))
    selector = spec.get("selector")
    labels = dig(spec, "template.metadata.labels") or {}
    if not selector or not (selector.get("matchLabels") or selector.get("matchExpressions")):
        causes.append(("spec.selector", "Required value"))
    elif not selector_matches(selector, labels):
        causes.append(
            (
                "spec.template.metadata.labels",
                f"Invalid value: {json.dumps(labels)}: `selector` does not match template `labels`",
            )
        )
    if old is not None and selector != dig(old, "spec.selector"):
        causes.append(("spec.selector", f"Invalid value: {json.dumps(selector)}: field is immutable"))
    return causes + _containers(dig(spec, "template.spec"), "spec.template.spec")


def _service(obj: Obj) -> Causes:
    spec = obj.get("spec") or {}
    if spec.get("type") == "ExternalName":
        return []
    ports = spec.get("ports") or []
    if not ports:
        return [("spec.ports", "Required value")]
    causes: Causes = []
    for index, port in enumerate(ports):
        number = port.get("port")
        if not isinstance(number, int) or not 0 < number < 65536:
            causes.append(
                (f"spec.ports[{index}].port", f"Invalid value: {number}: must be between 1 and 65535")
            )
    kinds = {"ClusterIP", "NodePort", "LoadBalancer", "ExternalName"}
    if spec.get("type", "ClusterIP") not in kinds:
        causes.append(("spec.type", f'Unsupported value: "{spec.get("type")}"'))
    return causes


def _ingress(obj: Obj) -> Causes:
    causes: Causes = []
    for r, rule in enumerate(dig(obj, "spec.rules") or []):
        for p, path in enumerate(dig(rule, "http.paths") or []):
            field = f"spec.rules[{r}].http.paths[{p}]"
            if path.get("pathType") not in {"Exact", "Prefix", "ImplementationSpecific"}:
                causes.append((f"{field}.pathType", "Required value: pathType must be specified"))
            if not path.get("backend"):
                causes.append((f"{field}.backend", "Required value"))
    return causes


def validate(kind: Kind, obj: Obj, old: Obj | None = None) -> None:
    generated = (obj.get("metadata") or {}).get("generateName")
    name = name_of(obj) or (f"{generated}x" if generated else "")
    causes = _name(kind, name) if old is None else []
    if kind is DEPLOYMENTS:
        causes += _deployment(obj, old)
    elif kind is PODS:
        causes += _containers(obj.get("spec"), "spec")
    elif kind is SERVICES:
        causes += _service(obj)
    elif kind is INGRESSES:
        causes += _ingress(obj)
    if causes:
        raise invalid(kind, name_of(obj), causes)
