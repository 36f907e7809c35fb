"""Defaulting on write, as the API server's defaulters and admission plugins fill fields in."""

from __future__ import annotations

import base64
import itertools
import threading

from .meta import Obj, dig, name_of
from .resources import DEPLOYMENTS, INGRESSES, NAMESPACES, PODS, PVCS, SECRETS, SERVICES, Kind


class Allocator:
    """Hands out cluster IPs, node ports, pod IPs and load-balancer IPs, never the same one twice."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._cluster = itertools.count(10)
        self._node_port = itertools.count(30080)
        self._pod = itertools.count(10)
        self._lb = itertools.count(10)

    def _next(self, counter: itertools.count[int]) -> int:
        with self._lock:
            return next(counter)

    def cluster_ip(self) -> str:
        n = self._next(self._cluster)
        return f"10.96.{n // 250}.{n % 250 + 1}"

    def node_port(self) -> int:
        return self._next(self._node_port)

    def pod_ip(self) -> str:
        n = self._next(self._pod)
        return f"10.244.{n // 250}.{n % 250 + 1}"

    def lb_ip(self) -> str:
        return f"203.0.113.{self._next(self._lb) % 250 + 1}"


def _pull_policy(image: str) -> str:
    tail = image.rsplit("/", 1)[-1]
    untagged = ":" not in tail and "@" not in image
    return "Always" if untagged or tail.endswith(":latest") else "IfNotPresent"


def pod_spec(spec: Obj) -> None:
    spec.setdefault("restartPolicy", "Always")
    spec.setdefault("dnsPolicy", "ClusterFirst")
    spec.setdefault("terminationGracePeriodSeconds", 30)
    spec.setdefault("schedulerName", "default-scheduler")
    spec.setdefault("securityContext", {})
    for container in spec.get("containers") or []:
        container.setdefault("imagePullPolicy", _pull_policy(str(container.get("image", ""))))
        container.setdefault("terminationMessagePath", "/dev/termination-log")
        container.setdefault("terminationMessagePolicy", "File")
        container.setdefault("resources", {})
        for port in container.get("ports") or []:
            port.setdefault("protocol", "TCP")


def _deployment(obj: Obj) -> None:
    spec = obj.setdefault("spec", {})
    spec.setdefault("replicas", 1)
    spec.setdefault("revisionHistoryLimit", 10)
    spec.setdefault("progressDeadlineSeconds", 600)
    strategy = spec.setdefault("strategy", {"type": "RollingUpdate"})
    if strategy.get("type", "RollingUpdate") == "RollingUpdate":
        strategy["type"] = "RollingUpdate"
        strategy.setdefault("rollingUpdate", {"maxUnavailable": "25%", "maxSurge": "25%"})
    pod_spec(spec.setdefault("template", {}).setdefault("spec", {}))


def _service(obj: Obj, old: Obj | None, alloc: Allocator) -> None:
    spec = obj.setdefault("spec", {})
    kind = spec.setdefault("type", "ClusterIP")
    old_ports = {p.get("port"): p for p in dig(old, "spec.ports") or []} if old else {}
    if kind != "ExternalName":
        spec.setdefault("sessionAffinity", "None")
        spec.setdefault("internalTrafficPolicy", "Cluster")
        ip = spec.get("clusterIP") or dig(old, "spec.clusterIP") or alloc.cluster_ip()
        spec["clusterIP"] = ip
        spec["clusterIPs"] = [ip]
        if ip != "None":
            spec.setdefault("ipFamilies", ["IPv4"])
            spec.setdefault("ipFamilyPolicy", "SingleStack")
    for port in spec.get("ports") or []:
        port.setdefault("protocol", "TCP")
        port.setdefault("targetPort", port.get("port"))
        if kind in {"NodePort", "LoadBalancer"} and not port.get("nodePort"):
            port["nodePort"] = old_ports.get(port.get("port"), {}).get("nodePort") or alloc.node_port()
    if kind in {"NodePort", "LoadBalancer"}:
        spec.setdefault("externalTrafficPolicy", "Cluster")
    if kind == "LoadBalancer":
        spec.setdefault("allocateLoadBalancerNodePorts", True)


def initial_status(kind: Kind) -> Obj:
    """The status a create starts from, whatever the body said (the API server resets it)."""
    if kind is PODS:
        return {"phase": "Pending", "qosClass": "BestEffort"}
    if kind is NAMESPACES:
        return {"phase": "Active"}
    if kind in {SERVICES, INGRESSES}:
        return {"loadBalancer": {}}
    if kind is PVCS:
        return {"phase": "Pending"}
    return {}


def apply(kind: Kind, obj: Obj, old: Obj | None, alloc: Allocator) -> None:
    """Fill defaults in place; `old` is the stored object on update, None on create."""
    if kind is DEPLOYMENTS:
        _deployment(obj)
    elif kind is PODS:
        spec = obj.setdefault("spec", {})
        pod_spec(spec)
        spec.setdefault("serviceAccountName", "default")
        spec.setdefault("serviceAccount", spec["serviceAccountName"])
        spec.setdefault("enableServiceLinks", True)
    elif kind is SERVICES:
        _service(obj, old, alloc)
    elif kind is SECRETS:
        _secret(obj)
    elif kind is NAMESPACES:
        obj.setdefault("spec", {"finalizers": ["kubernetes"]})
        obj.setdefault("status", {"phase": "Active"})
        labels = obj.setdefault("metadata", {}).setdefault("labels", {})
        labels.setdefault("kubernetes.io/metadata.name", name_of(obj))


def _secret(obj: Obj) -> None:
    """`type` defaults to Opaque; `stringData` is write-only, folded into `data` as base64."""
    obj.setdefault("type", "Opaque")
    plain = obj.pop("stringData", None) or {}
    data = obj.setdefault("data", {})
    for key, value in plain.items():
        data[key] = base64.b64encode(str(value).encode()).decode()
