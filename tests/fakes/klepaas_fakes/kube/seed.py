"""Seeding: namespaces, nodes and whole apps (deployment, service, ingress, pods), straight to the store."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field

from . import defaults
from .cluster import Cluster
from .meta import Obj, dig, name_of
from .resources import DEPLOYMENTS, INGRESSES, NAMESPACES, NODES, PODS, SERVICES, Kind
from .store import Store
from .validation import validate


@dataclass
class SeededApp:
    deployment: Obj
    service: Obj | None
    ingress: Obj | None
    pods: list[Obj] = field(default_factory=list)


class Seeder:
    def __init__(self, store: Store, cluster: Cluster, alloc: defaults.Allocator) -> None:
        self.store, self.cluster, self.alloc = store, cluster, alloc

    def put(self, kind: Kind, obj: Obj) -> Obj:
        """Create or replace an object as the API server would (defaults, validation), then reconcile."""
        with self.store.lock:
            meta = obj.setdefault("metadata", {})
            old = self.store.find(kind, meta.get("namespace", ""), meta.get("name", ""))
            defaults.apply(kind, obj, old, self.alloc)
            validate(kind, obj, old)
            if old is None:
                saved = self.store.create(kind, obj)
            else:
                meta["resourceVersion"] = ""
                saved = self.store.update(kind, obj)
            self.cluster.reconcile()
            return self.store.find(kind, meta.get("namespace", ""), name_of(saved)) or saved

    def namespace(self, name: str, labels: dict[str, str] | None = None) -> Obj:
        existing = self.store.find(NAMESPACES, "", name)
        return existing or self.put(NAMESPACES, {"metadata": {"name": name, "labels": dict(labels or {})}})

    def node(
        self,
        name: str,
        *,
        ready: bool = True,
        cpu: str = "4",
        memory: str = "16Gi",
        pods: str = "110",
        ip: str | None = None,
        labels: dict[str, str] | None = None,
    ) -> Obj:
        ip = ip or f"10.0.0.{len(self.store.list(NODES)) + 10}"
        capacity = {"cpu": cpu, "memory": memory, "pods": pods, "ephemeral-storage": "100Gi"}

        def condition(kind: str, ok: bool, reason: str, message: str) -> Obj:
            return {
                "type": kind,
                "status": "True" if ok else "False",
                "reason": reason,
                "message": message,
                "lastHeartbeatTime": "2025-01-01T00:00:00Z",
                "lastTransitionTime": "2025-01-01T00:00:00Z",
            }

        node: Obj = {
            "metadata": {
                "name": name,
                "labels": {
                    "kubernetes.io/hostname": name,
                    "kubernetes.io/os": "linux",
                    "kubernetes.io/arch": "amd64",
                    **(labels or {}),
                },
            },
            "spec": {"podCIDR": "10.244.0.0/24", "providerID": f"standin://{name}"},
            "status": {
                "capacity": capacity,
                "allocatable": capacity,
                "conditions": [
                    condition(
                        "MemoryPressure",
                        False,
                        "KubeletHasSufficientMemory",
                        "kubelet has sufficient memory available",
                    ),
                    condition(
                        "DiskPressure", False, "KubeletHasNoDiskPressure", "kubelet has no disk pressure"
                    ),
                    condition(
                        "PIDPressure",
                        False,
                        "KubeletHasSufficientPID",
                        "kubelet has sufficient PID available",
                    ),
                    condition(
                        "Ready",
                        ready,
                        "KubeletReady" if ready else "KubeletNotReady",
                        "kubelet is posting ready status" if ready else "container runtime network not ready",
                    ),
                ],
                "addresses": [{"type": "InternalIP", "address": ip}, {"type": "Hostname", "address": name}],
                "nodeInfo": {
                    "machineID": secrets.token_hex(16),
                    "systemUUID": secrets.token_hex(16),
                    "bootID": secrets.token_hex(16),
                    "kernelVersion": "6.1.0-18-cloud-amd64",
                    "osImage": "Ubuntu 22.04.4 LTS",
                    "containerRuntimeVersion": "containerd://1.7.13",
                    "kubeletVersion": "v1.31.0",
                    "kubeProxyVersion": "v1.31.0",
                    "operatingSystem": "linux",
                    "architecture": "amd64",
                },
            },
        }
        return self.put(NODES, node)

    def app(
        self,
        namespace: str,
        name: str,
        image: str,
        *,
        replicas: int = 1,
        port: int = 8080,
        service_type: str = "ClusterIP",
        service_name: str | None = None,
        host: str | None = None,
        ingress: bool = True,
        tls: bool = False,
        labels: dict[str, str] | None = None,
        annotations: dict[str, str] | None = None,
        env: dict[str, str] | None = None,
    ) -> SeededApp:
        self.namespace(namespace)
        selector = {"app": name}
        pod_labels = {**selector, "app.kubernetes.io/name": name, **(labels or {})}
        meta_labels = {**pod_labels, "app.kubernetes.io/managed-by": "klepaas"}
        container: Obj = {"name": name, "image": image, "ports": [{"name": "http", "containerPort": port}]}
        if env:
            container["env"] = [{"name": k, "value": v} for k, v in env.items()]
        deployment = self.put(
            DEPLOYMENTS,
            {
                "metadata": {
                    "name": name,
                    "namespace": namespace,
                    "labels": meta_labels,
                    "annotations": dict(annotations or {}),
                },
                "spec": {
                    "replicas": replicas,
                    "selector": {"matchLabels": selector},
                    "template": {"metadata": {"labels": pod_labels}, "spec": {"containers": [container]}},
                },
            },
        )
        svc_name = service_name or f"{name}-svc"
        service = self.put(
            SERVICES,
            {
                "metadata": {"name": svc_name, "namespace": namespace, "labels": meta_labels},
                "spec": {
                    "type": service_type,
                    "selector": selector,
                    "ports": [{"name": "http", "port": 80, "targetPort": port, "protocol": "TCP"}],
                },
            },
        )
        seeded_ingress = None
        if ingress:
            hostname = host or f"{name}.klepaas.app"
            spec: Obj = {
                "ingressClassName": "nginx",
                "rules": [
                    {
                        "host": hostname,
                        "http": {
                            "paths": [
                                {
                                    "path": "/",
                                    "pathType": "Prefix",
                                    "backend": {"service": {"name": svc_name, "port": {"number": 80}}},
                                }
                            ]
                        },
                    }
                ],
            }
            if tls:
                spec["tls"] = [{"hosts": [hostname], "secretName": f"{name}-tls"}]
            seeded_ingress = self.put(
                INGRESSES,
                {
                    "metadata": {"name": f"{name}-ingress", "namespace": namespace, "labels": meta_labels},
                    "spec": spec,
                },
            )
        pods = [
            p
            for p in self.store.list(PODS, namespace)
            if (dig(p, "metadata.labels") or {}).get("app") == name
        ]
        deployment = self.store.find(DEPLOYMENTS, namespace, name) or deployment
        if seeded_ingress is not None:
            seeded_ingress = self.store.find(INGRESSES, namespace, name_of(seeded_ingress)) or seeded_ingress
        return SeededApp(
            deployment, self.store.find(SERVICES, namespace, svc_name) or service, seeded_ingress, pods
        )
