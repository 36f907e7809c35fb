"""The resource kinds the stand-in serves, and the discovery documents that describe them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

READ = ("get", "list", "watch")
ALL_VERBS = ("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch")


@dataclass(frozen=True)
class Kind:
    plural: str
    kind: str
    group: str
    version: str
    namespaced: bool
    singular: str
    short_names: tuple[str, ...] = ()
    subresources: tuple[str, ...] = ()
    has_generation: bool = False

    @property
    def api_version(self) -> str:
        return f"{self.group}/{self.version}" if self.group else self.version

    @property
    def qualified(self) -> str:
        """The resource as the API server names it in messages: `deployments.apps`, `pods`."""
        return f"{self.plural}.{self.group}" if self.group else self.plural

    @property
    def qualified_kind(self) -> str:
        """The kind as named in Invalid messages: `Deployment.apps`, `Pod`."""
        return f"{self.kind}.{self.group}" if self.group else self.kind


NAMESPACES = Kind("namespaces", "Namespace", "", "v1", False, "namespace", ("ns",), ("status",))
NODES = Kind("nodes", "Node", "", "v1", False, "node", ("no",), ("status",))
PODS = Kind("pods", "Pod", "", "v1", True, "pod", ("po",), ("log", "status"), True)
SERVICES = Kind("services", "Service", "", "v1", True, "service", ("svc",), ("status",))
ENDPOINTS = Kind("endpoints", "Endpoints", "", "v1", True, "endpoints", ("ep",))
EVENTS = Kind("events", "Event", "", "v1", True, "event", ("ev",))
DEPLOYMENTS = Kind(
    "deployments", "Deployment", "apps", "v1", True, "deployment", ("deploy",), ("scale", "status"), True
)
REPLICASETS = Kind("replicasets", "ReplicaSet", "apps", "v1", True, "replicaset", ("rs",), ("status",), True)
INGRESSES = Kind("ingresses", "Ingress", "networking.k8s.io", "v1", True, "ingress", ("ing",), ("status",), True)
CONFIGMAPS = Kind("configmaps", "ConfigMap", "", "v1", True, "configmap", ("cm",))
SECRETS = Kind("secrets", "Secret", "", "v1", True, "secret")
PVCS = Kind(
    "persistentvolumeclaims", "PersistentVolumeClaim", "", "v1", True, "persistentvolumeclaim", ("pvc",), ("status",)
)
HPAS = Kind(
    "horizontalpodautoscalers",
    "HorizontalPodAutoscaler",
    "autoscaling",
    "v2",
    True,
    "horizontalpodautoscaler",
    ("hpa",),
    ("status",),
)

KINDS: tuple[Kind, ...] = (
    NAMESPACES,
    NODES,
    PODS,
    SERVICES,
    ENDPOINTS,
    EVENTS,
    DEPLOYMENTS,
    REPLICASETS,
    INGRESSES,
    CONFIGMAPS,
    SECRETS,
    PVCS,
    HPAS,
)
GROUPS: dict[str, str] = {"": "v1", "apps": "v1", "networking.k8s.io": "v1", "autoscaling": "v2"}


def find_kind(group: str, version: str, plural: str) -> Kind | None:
    for kind in KINDS:
        if (kind.group, kind.version, kind.plural) == (group, version, plural):
            return kind
    return None


def kind_by_plural(plural: str) -> Kind:
    for kind in KINDS:
        if kind.plural == plural:
            return kind
    raise KeyError(plural)


def _resource_entry(kind: Kind, sub: str | None = None) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "name": f"{kind.plural}/{sub}" if sub else kind.plural,
        "singularName": "" if sub else kind.singular,
        "namespaced": kind.namespaced,
        "kind": kind.kind,
        "verbs": list(ALL_VERBS) if not sub else ["get", "patch", "update"],
    }
    if sub == "scale":
        entry.update(group="autoscaling", version="v1", kind="Scale")
    elif sub == "log":
        entry.update(kind="Pod", verbs=["get"])
    elif not sub and kind.short_names:
        entry["shortNames"] = list(kind.short_names)
    return entry


def resource_list(group: str, version: str) -> dict[str, Any]:
    resources: list[dict[str, Any]] = []
    for kind in KINDS:
        if (kind.group, kind.version) == (group, version):
            resources.append(_resource_entry(kind))
            resources.extend(_resource_entry(kind, sub) for sub in kind.subresources)
    gv = f"{group}/{version}" if group else version
    return {"kind": "APIResourceList", "apiVersion": "v1", "groupVersion": gv, "resources": resources}


def core_versions() -> dict[str, Any]:
    return {"kind": "APIVersions", "versions": ["v1"], "serverAddressByClientCIDRs": []}


def api_groups() -> dict[str, Any]:
    groups = []
    for group, version in GROUPS.items():
        if group:
            gv = {"groupVersion": f"{group}/{version}", "version": version}
            groups.append({"name": group, "versions": [gv], "preferredVersion": gv})
    return {"kind": "APIGroupList", "apiVersion": "v1", "groups": groups}


def api_group(group: str) -> dict[str, Any]:
    gv = {"groupVersion": f"{group}/{GROUPS[group]}", "version": GROUPS[group]}
    return {"kind": "APIGroup", "apiVersion": "v1", "name": group, "versions": [gv], "preferredVersion": gv}


def version_info() -> dict[str, str]:
    return {
        "major": "1",
        "minor": "31",
        "gitVersion": "v1.31.0-klepaas-standin",
        "gitCommit": "0000000000000000000000000000000000000000",
        "gitTreeState": "clean",
        "buildDate": "2024-08-13T00:00:00Z",
        "goVersion": "go1.22.5",
        "compiler": "gc",
        "platform": "linux/amd64",
    }
