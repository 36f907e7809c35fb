"""The simulated scheduler and kubelet: bind pods to ready nodes and walk them through their lifecycle."""

from __future__ import annotations

from dataclasses import dataclass, field

from . import events, podstatus
from .defaults import Allocator
from .failures import FailureModes
from .meta import Obj, dig, iso, name_of, namespace_of
from .resources import NODES, PODS
from .store import Store


@dataclass
class _PodSim:
    born: int
    ip: str
    start: str
    signature: tuple[object, ...] = ()
    reasons: dict[str, str] = field(default_factory=dict)


def node_ready(node: Obj) -> bool:
    if dig(node, "spec.unschedulable"):
        return False
    conditions = dig(node, "status.conditions") or []
    return any(c.get("type") == "Ready" and c.get("status") == "True" for c in conditions)


def node_ip(node: Obj) -> str:
    for address in dig(node, "status.addresses") or []:
        if address.get("type") == "InternalIP":
            return str(address.get("address"))
    return "10.0.0.1"


class Kubelet:
    def __init__(self, store: Store, alloc: Allocator, modes: FailureModes) -> None:
        self.store, self.alloc, self.modes = store, alloc, modes
        self._sims: dict[str, _PodSim] = {}

    def sync(self, tick: int, ready_after: int) -> bool:
        """Advance every pod to where it is at `tick`; True when anything was written."""
        changed = False
        pods = self.store.list(PODS)
        nodes = self.store.list(NODES)
        ready_nodes = [n for n in nodes if node_ready(n)]
        self._sims = {
            uid: sim for uid, sim in self._sims.items() if uid in {p["metadata"]["uid"] for p in pods}
        }
        load = {name_of(n): 0 for n in ready_nodes}
        for pod in pods:
            if dig(pod, "spec.nodeName") in load:
                load[pod["spec"]["nodeName"]] += 1
        for pod in pods:
            bound = pod
            if not dig(pod, "spec.nodeName"):
                if not ready_nodes:
                    changed |= self._unschedulable(pod, len(nodes))
                    continue
                bound = self._bind(pod, ready_nodes, load)
                changed = True
            changed |= self._advance(bound, tick, ready_after, nodes)
        return changed

    def _unschedulable(self, pod: Obj, nodes: int) -> bool:
        status = podstatus.unschedulable(nodes)
        if dig(pod, "status.conditions") and dig(pod, "status.phase") == "Pending":
            return False
        pod["status"] = status
        written = self.store.update(PODS, pod)
        message = status["conditions"][0]["message"]
        events.record(
            self.store, written, "FailedScheduling", message, warning=True, component="default-scheduler"
        )
        return True

    def _bind(self, pod: Obj, ready_nodes: list[Obj], load: dict[str, int]) -> Obj:
        node = min(ready_nodes, key=lambda n: (load[name_of(n)], name_of(n)))
        pod["spec"]["nodeName"] = name_of(node)
        load[name_of(node)] += 1
        written = self.store.update(PODS, pod)
        message = f"Successfully assigned {namespace_of(pod)}/{name_of(pod)} to {name_of(node)}"
        events.record(self.store, written, "Scheduled", message, component="default-scheduler")
        return written

    def _advance(self, pod: Obj, tick: int, ready_after: int, nodes: list[Obj]) -> bool:
        uid = pod["metadata"]["uid"]
        sim = self._sims.get(uid)
        if sim is None:
            sim = self._sims[uid] = _PodSim(born=tick, ip=self.alloc.pod_ip(), start=iso())
        age = tick - sim.born
        steps = [
            podstatus.step(
                c["name"], c.get("image", ""), self.modes.mode_for(c.get("image", "")), age, ready_after
            )
            for c in dig(pod, "spec.containers") or []
        ]
        signature = (pod["spec"]["nodeName"], *steps)
        if signature == sim.signature:
            return False
        sim.signature = signature
        host = next((node_ip(n) for n in nodes if name_of(n) == pod["spec"]["nodeName"]), "10.0.0.1")
        pod["status"] = podstatus.pod_status(pod, steps, host, sim.ip, sim.start)
        written = self.store.update(PODS, pod)
        for s in steps:
            if sim.reasons.get(s.name) != s.reason or s.reason == podstatus.CRASHLOOP:
                self._events(written, s, sim.reasons.get(s.name))
                sim.reasons[s.name] = s.reason
        return True

    def _events(self, pod: Obj, step: podstatus.ContainerStep, before: str | None) -> None:
        path = f"spec.containers{{{step.name}}}"

        def say(reason: str, message: str, warning: bool = False) -> None:
            events.record(self.store, pod, reason, message, warning=warning, field_path=path)

        if before is None:
            say("Pulling", f'Pulling image "{step.image}"')
        if step.reason == podstatus.ERR_PULL or (step.reason == podstatus.PULL_BACKOFF and before is None):
            say("Failed", f'Failed to pull image "{step.image}": {podstatus.pull_error(step.image)}', True)
            say("Failed", "Error: ErrImagePull", True)
        if step.reason == podstatus.PULL_BACKOFF:
            say("BackOff", f'Back-off pulling image "{step.image}"')
            say("Failed", "Error: ImagePullBackOff", True)
        if step.reason in {podstatus.RUNNING, podstatus.CRASHLOOP} and before in {None, podstatus.CREATING}:
            say("Pulled", f'Successfully pulled image "{step.image}" in 1.2s (1.2s including waiting)')
            say("Created", f"Created container: {step.name}")
            say("Started", f"Started container {step.name}")
        if step.reason == podstatus.CRASHLOOP:
            meta = pod["metadata"]
            owner = f"{meta['name']}_{meta.get('namespace', '')}({meta['uid']})"
            say("BackOff", f"Back-off restarting failed container {step.name} in pod {owner}", True)
        if step.reason == podstatus.RUNNING and not step.ready and before != podstatus.RUNNING:
            say("Unhealthy", "Readiness probe failed: HTTP probe failed with statuscode: 503", True)
