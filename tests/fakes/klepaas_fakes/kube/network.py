"""Endpoints for selector services, and load-balancer addresses for LoadBalancer services and ingresses."""

from __future__ import annotations

from . import events
from .defaults import Allocator
from .meta import Obj, dig, name_of, namespace_of
from .replicasets import pod_ready
from .resources import ENDPOINTS, INGRESSES, PODS, SERVICES
from .store import Store


def _target_port(port: Obj, pod: Obj) -> int:
    target = port.get("targetPort", port.get("port"))
    if isinstance(target, int):
        return target
    for container in dig(pod, "spec.containers") or []:
        for declared in container.get("ports") or []:
            if declared.get("name") == target:
                return int(declared["containerPort"])
    return int(port.get("port", 0))


def _address(pod: Obj) -> Obj:
    return {
        "ip": dig(pod, "status.podIP"),
        "nodeName": dig(pod, "spec.nodeName"),
        "targetRef": {
            "kind": "Pod",
            "namespace": namespace_of(pod),
            "name": name_of(pod),
            "uid": pod["metadata"]["uid"],
        },
    }


def endpoints_for(service: Obj, pods: list[Obj]) -> Obj:
    selector = dig(service, "spec.selector") or {}
    members = [
        p
        for p in pods
        if namespace_of(p) == namespace_of(service)
        and dig(p, "status.podIP")
        and all((p["metadata"].get("labels") or {}).get(k) == v for k, v in selector.items())
    ]
    body: Obj = {
        "metadata": {
            "name": name_of(service),
            "namespace": namespace_of(service),
            "labels": dict(service["metadata"].get("labels") or {}),
        }
    }
    if members:
        subset: Obj = {}
        ready = [_address(p) for p in members if pod_ready(p)]
        unready = [_address(p) for p in members if not pod_ready(p)]
        if ready:
            subset["addresses"] = ready
        if unready:
            subset["notReadyAddresses"] = unready
        subset["ports"] = [
            {
                k: v
                for k, v in {
                    "name": port.get("name"),
                    "port": _target_port(port, members[0]),
                    "protocol": port.get("protocol", "TCP"),
                }.items()
                if v is not None
            }
            for port in dig(service, "spec.ports") or []
        ]
        body["subsets"] = [subset]
    return body


class NetworkController:
    def __init__(self, store: Store, alloc: Allocator, assign_lb: bool) -> None:
        self.store, self.alloc, self.assign_lb = store, alloc, assign_lb
        self._managed: set[tuple[str, str]] = set()
        self._ingress_ip: str | None = None

    def sync(self) -> None:
        pods = self.store.list(PODS)
        services = self.store.list(SERVICES)
        wanted = {(namespace_of(s), name_of(s)) for s in services if dig(s, "spec.selector")}
        for gone in self._managed - wanted:
            if self.store.find(ENDPOINTS, *gone) is not None:
                self.store.delete(ENDPOINTS, *gone)
        self._managed = wanted
        for service in services:
            if dig(service, "spec.selector"):
                self._endpoints(endpoints_for(service, pods))
            if self.assign_lb and dig(service, "spec.type") == "LoadBalancer":
                self._load_balancer(service)
        if self.assign_lb:
            for ingress in self.store.list(INGRESSES):
                if not dig(ingress, "status.loadBalancer.ingress"):
                    self._ingress_ip = self._ingress_ip or self.alloc.lb_ip()
                    ingress["status"] = {"loadBalancer": {"ingress": [{"ip": self._ingress_ip}]}}
                    self.store.update(INGRESSES, ingress)

    def _endpoints(self, body: Obj) -> None:
        stored = self.store.find(ENDPOINTS, namespace_of(body), name_of(body))
        if stored is None:
            self.store.create(ENDPOINTS, body)
        elif (stored.get("subsets"), stored["metadata"].get("labels")) != (
            body.get("subsets"),
            body["metadata"]["labels"],
        ):
            stored["subsets"] = body.get("subsets")
            stored["metadata"]["labels"] = body["metadata"]["labels"]
            if stored["subsets"] is None:
                del stored["subsets"]
            self.store.update(ENDPOINTS, stored)

    def _load_balancer(self, service: Obj) -> None:
        if dig(service, "status.loadBalancer.ingress"):
            return
        events.record(
            self.store,
            service,
            "EnsuringLoadBalancer",
            "Ensuring load balancer",
            component="service-controller",
        )
        service["status"] = {"loadBalancer": {"ingress": [{"ip": self.alloc.lb_ip(), "ipMode": "VIP"}]}}
        written = self.store.update(SERVICES, service)
        events.record(
            self.store,
            written,
            "EnsuredLoadBalancer",
            "Ensured load balancer",
            component="service-controller",
        )
