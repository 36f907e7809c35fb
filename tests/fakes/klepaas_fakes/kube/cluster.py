"""The control loop: scheduler, kubelet, controllers and garbage collector run to a fixed point per change."""

from __future__ import annotations

import threading

from .defaults import Allocator
from .deployments import DeploymentController
from .failures import FailureModes
from .kubelet import Kubelet
from .meta import name_of, namespace_of, owner_uids
from .network import NetworkController
from .replicasets import ReplicaSetController
from .resources import KINDS, NAMESPACES
from .rollout import RolloutTracker
from .store import Store


class Cluster:
    """Everything that acts on the stored objects after the API server wrote them.

    Pods need `ready_after_ticks` ticks to start (0: at once); a rollout that is not complete
    `progress_deadline_ticks` ticks after its pods could have started reports ProgressDeadlineExceeded.
    """

    def __init__(
        self,
        store: Store,
        alloc: Allocator,
        modes: FailureModes,
        *,
        ready_after_ticks: int = 0,
        progress_deadline_ticks: int = 0,
        assign_load_balancers: bool = True,
    ) -> None:
        self.store = store
        self.ready_after_ticks = ready_after_ticks
        self.progress_deadline_ticks = progress_deadline_ticks
        self.ticks = 0
        self._kubelet = Kubelet(store, alloc, modes)
        self._replicasets = ReplicaSetController(store, alloc)
        self._deployments = DeploymentController(store)
        self._rollouts = RolloutTracker(store)
        self._network = NetworkController(store, alloc, assign_load_balancers)
        self._stop = threading.Event()
        self._ticker: threading.Thread | None = None

    def reconcile(self) -> None:
        with self.store.lock:
            for _ in range(50):
                changed = self._kubelet.sync(self.ticks, self.ready_after_ticks)
                changed |= self._replicasets.sync()
                changed |= self._deployments.sync()
                changed |= self._collect_garbage()
                if not changed:
                    break
            self._rollouts.sync(self.ticks, self.ready_after_ticks + self.progress_deadline_ticks)
            self._network.sync()

    def tick(self, count: int = 1) -> None:
        """Advance simulated time: pods start, crash again, and rollouts progress or hit their deadline."""
        for _ in range(count):
            with self.store.lock:
                self.ticks += 1
                self.reconcile()

    def _collect_garbage(self) -> bool:
        """Delete dependents whose owners are all gone, and everything in a deleted namespace."""
        changed = False
        uids = {obj["metadata"]["uid"] for kind in KINDS for obj in self.store.list(kind)}
        namespaces = {name_of(ns) for ns in self.store.list(NAMESPACES)}
        for kind in KINDS:
            for obj in self.store.list(kind):
                owners = owner_uids(obj)
                orphaned = bool(owners) and not owners & uids
                homeless = kind.namespaced and namespace_of(obj) not in namespaces
                if orphaned or homeless:
                    self.store.delete(kind, namespace_of(obj), name_of(obj))
                    changed = True
        return changed

    def start_ticking(self, interval_s: float) -> None:
        def run() -> None:
            while not self._stop.wait(interval_s):
                self.tick()

        self._ticker = threading.Thread(target=run, name="kube-standin-ticker", daemon=True)
        self._ticker.start()

    def stop(self) -> None:
        self._stop.set()
        if self._ticker is not None:
            self._ticker.join(timeout=5)
