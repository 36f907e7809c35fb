"""Seeding: namespaces, nodes and whole apps (deployment, service, ingress, pods), straight to the store."""

from __future__ import annotations

from dataclasses import dataclass, field

from . import defaults, manifests
from .cluster import Cluster
from .meta import Obj, labels_of, name_of, namespace_of
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
    """Writes objects as the API server would (defaults, validation, status kept), then reconciles."""

    def __init__(self, store: Store, cluster: Cluster, alloc: defaults.Allocator) -> None:
        self.store, self.cluster, self.alloc = store, cluster, alloc

    def put(self, kind: Kind, obj: Obj) -> Obj:
        """Create, or replace unconditionally, any object; returns it as stored after reconciling."""
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
            return self.store.find(kind, namespace_of(saved), name_of(saved)) or saved

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
        """A node with Ready (or NotReady) and pressure conditions, capacity, addresses and nodeInfo."""
        capacity = {"cpu": cpu, "memory": memory, "pods": pods, "ephemeral-storage": "100Gi"}
        ip = ip or f"10.0.0.{len(self.store.scan(NODES)) + 10}"
        return self.put(NODES, manifests.node(name, ready=ready, capacity=capacity, ip=ip, labels=labels or {}))

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
        """Deployment `name` (label app=name), service `<name>-svc` on port 80, ingress `<name>-ingress`
        for `host` (default `<name>.klepaas.app`), and the pods the controllers make for them."""
        self.namespace(namespace)
        deployment = self.put(
            DEPLOYMENTS,
            manifests.deployment(
                namespace,
                name,
                image,
                replicas=replicas,
                port=port,
                labels=labels or {},
                annotations=annotations or {},
                env=env or {},
            ),
        )
        common = labels_of(deployment)
        svc_name = service_name or f"{name}-svc"
        self.put(
            SERVICES,
            manifests.service(namespace, svc_name, name, kind=service_type, port=port, labels=common),
        )
        seeded_ingress = None
        if ingress:
            body = manifests.ingress(
                namespace,
                f"{name}-ingress",
                svc_name,
                host=host or f"{name}.klepaas.app",
                tls_secret=f"{name}-tls" if tls else None,
                labels=common,
            )
            seeded_ingress = self.put(INGRESSES, body)
        with self.store.lock:
            return SeededApp(
                deployment=self.store.get(DEPLOYMENTS, namespace, name),
                service=self.store.find(SERVICES, namespace, svc_name),
                ingress=self.store.find(INGRESSES, namespace, name_of(seeded_ingress)) if seeded_ingress else None,
                pods=[p for p in self.store.scan(PODS, namespace) if labels_of(p).get("app") == name],
            )
