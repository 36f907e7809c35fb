"""`KubeStandIn`: a Kubernetes API server on loopback for the real `kubernetes` client."""

from __future__ import annotations

import json
import secrets
import threading
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from kubernetes.client import ApiClient, Configuration

from .api import Api
from .auth import Authorizer, Rule, rule
from .cluster import Cluster
from .defaults import Allocator
from .failures import FailureModes
from .faults import Fault, Faults, RequestRecord
from .logs import LogStore
from .meta import Obj
from .resources import EVENTS, kind_by_plural
from .seed import SeededApp, Seeder
from .server import ApiServer
from .store import Store

DEFAULT_USER = "system:serviceaccount:klepaas:deployer"


class KubeStandIn:
    """In-memory, thread-safe Kubernetes API stand-in; see the package docstring for the whole surface."""

    def __init__(
        self,
        *,
        token: str | None = None,
        user: str = DEFAULT_USER,
        ready_after_ticks: int = 0,
        progress_deadline_ticks: int = 0,
        tick_interval_s: float | None = None,
        failure_modes: FailureModes | None = None,
        seed_defaults: bool = True,
        assign_load_balancers: bool = True,
    ) -> None:
        self.store = Store()
        self.failure_modes = failure_modes or FailureModes()
        alloc = Allocator()
        self.cluster = Cluster(
            self.store,
            alloc,
            self.failure_modes,
            ready_after_ticks=ready_after_ticks,
            progress_deadline_ticks=progress_deadline_ticks,
            assign_load_balancers=assign_load_balancers,
        )
        self.logs = LogStore()
        self.authz = Authorizer(token or secrets.token_urlsafe(24), user)
        self.faults = Faults()
        self.seed = Seeder(self.store, self.cluster, alloc)
        self._server = ApiServer(
            Api(self.store, self.cluster, self.logs, self.authz, alloc), self.authz, self.faults
        )
        self._thread: threading.Thread | None = None
        self._tick_interval_s = tick_interval_s
        if seed_defaults:
            for namespace in ("default", "kube-system", "kube-public", "kube-node-lease"):
                self.seed.namespace(namespace)
            self.seed.node("standin-node-1")

    # Lifecycle and connection details

    def start(self) -> Self:
        if self._thread is None:
            self._thread = threading.Thread(
                target=self._server.serve_forever, name="kube-standin", daemon=True
            )
            self._thread.start()
            if self._tick_interval_s:
                self.cluster.start_ticking(self._tick_interval_s)
        return self

    def stop(self) -> None:
        self.cluster.stop()
        self.store.close()
        if self._thread is not None:
            self._server.shutdown()
            self._thread.join(timeout=5)
            self._thread = None
        self._server.drop_connections()
        self._server.server_close()

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    @property
    def token(self) -> str:
        return self.authz.token

    @property
    def internal_errors(self) -> list[str]:
        """Tracebacks of requests that failed inside the stand-in (answered 500); empty when all is well."""
        return list(self._server.internal_errors)

    def configuration(self, token: str | None = None) -> Configuration:
        config = Configuration(host=self.url)
        config.api_key = {"authorization": token if token is not None else self.token}
        config.api_key_prefix = {"authorization": "Bearer"}
        return config

    def api_client(self, token: str | None = None) -> ApiClient:
        """A `kubernetes.client.ApiClient` for this server; close it (or use it in `with`) when done."""
        return ApiClient(self.configuration(token))

    def write_kubeconfig(
        self, path: str | Path, *, namespace: str = "default", context: str = "klepaas-standin"
    ) -> Path:
        """A kubeconfig (JSON is valid YAML) with this server, the token and a default namespace."""
        doc = {
            "apiVersion": "v1",
            "kind": "Config",
            "clusters": [{"name": context, "cluster": {"server": self.url}}],
            "users": [{"name": context, "user": {"token": self.token}}],
            "contexts": [
                {"name": context, "context": {"cluster": context, "user": context, "namespace": namespace}}
            ],
            "current-context": context,
        }
        target = Path(path)
        target.write_text(json.dumps(doc, indent=2))
        return target

    # Simulated time

    def tick(self, count: int = 1) -> None:
        self.cluster.tick(count)

    # Seeding and inspection

    def seed_namespace(self, name: str, labels: dict[str, str] | None = None) -> Obj:
        return self.seed.namespace(name, labels)

    def seed_node(self, name: str, **fields: Any) -> Obj:
        return self.seed.node(name, **fields)

    def seed_app(self, namespace: str, name: str, image: str, **options: Any) -> SeededApp:
        return self.seed.app(namespace, name, image, **options)

    def set_pod_log(
        self, namespace: str, pod: str, text: str, *, container: str | None = None, previous: bool = False
    ) -> None:
        self.logs.set_pod(namespace, pod, text, container=container, previous=previous)

    def set_app_log(self, namespace: str, app: str, text: str, *, previous: bool = False) -> None:
        self.logs.set_app(namespace, app, text, previous=previous)

    def get(self, plural: str, namespace: str, name: str) -> Obj | None:
        return self.store.find(kind_by_plural(plural), namespace, name)

    def objects(self, plural: str, namespace: str | None = None) -> list[Obj]:
        return self.store.list(kind_by_plural(plural), namespace)

    def events_for(self, namespace: str, name: str) -> list[Obj]:
        return [e for e in self.store.list(EVENTS, namespace) if e["involvedObject"]["name"] == name]

    # Faults, request log, RBAC

    def fail_next(
        self,
        status: int,
        *,
        path: str = "*",
        method: str | None = None,
        times: int = 1,
        retry_after_s: int | None = None,
        message: str | None = None,
    ) -> Fault:
        return self.faults.add(Fault(path, method, status, times, 0.0, retry_after_s, message))

    def delay_next(
        self, delay_s: float, *, path: str = "*", method: str | None = None, times: int = 1
    ) -> Fault:
        return self.faults.add(Fault(path, method, None, times, delay_s))

    def clear_faults(self) -> None:
        self.faults.clear()

    @property
    def requests(self) -> list[RequestRecord]:
        return self.faults.requests

    def clear_requests(self) -> None:
        self.faults.clear_requests()

    def deny(
        self,
        verbs: str | list[str],
        resources: str | list[str],
        *,
        groups: list[str] | None = None,
        namespaces: list[str] | None = None,
    ) -> None:
        self.authz.deny(rule(verbs, resources, groups=groups, namespaces=namespaces))

    def allow_only(self, *rules: Rule) -> None:
        self.authz.allow_only(*rules)

    def reset_rbac(self) -> None:
        self.authz.reset()
