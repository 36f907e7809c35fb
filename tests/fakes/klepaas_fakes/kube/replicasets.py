"""The ReplicaSet controller: keep `spec.replicas` pods per ReplicaSet and report their readiness."""

from __future__ import annotations

from . import defaults, events
from .meta import Obj, clone, dig, name_of, namespace_of, owner_ref, random_suffix
from .resources import PODS, REPLICASETS
from .store import Store

COMPONENT = "replicaset-controller"


def pod_ready(pod: Obj) -> bool:
    conditions = dig(pod, "status.conditions") or []
    return any(c.get("type") == "Ready" and c.get("status") == "True" for c in conditions)


def owned(children: list[Obj], owner: Obj) -> list[Obj]:
    uid = owner["metadata"]["uid"]
    return [
        c for c in children if any(r.get("uid") == uid for r in c["metadata"].get("ownerReferences") or [])
    ]


def _nonzero(values: dict[str, int]) -> Obj:
    return {key: value for key, value in values.items() if value}


class ReplicaSetController:
    def __init__(self, store: Store, alloc: defaults.Allocator) -> None:
        self.store, self.alloc = store, alloc

    def sync(self) -> bool:
        changed = False
        pods = self.store.list(PODS)
        for rs in self.store.list(REPLICASETS):
            mine = owned(pods, rs)
            want = int(dig(rs, "spec.replicas") or 0)
            if len(mine) < want:
                mine += [self._create_pod(rs) for _ in range(want - len(mine))]
                changed = True
            elif len(mine) > want:
                doomed = sorted(mine, key=lambda p: (pod_ready(p), p["metadata"]["creationTimestamp"]))
                doomed = doomed[: len(mine) - want]
                for pod in doomed:
                    self.store.delete(PODS, namespace_of(pod), name_of(pod))
                    events.record(
                        self.store,
                        rs,
                        "SuccessfulDelete",
                        f"Deleted pod: {name_of(pod)}",
                        component=COMPONENT,
                    )
                mine = [p for p in mine if p not in doomed]
                changed = True
            changed |= self._status(rs, mine)
        return changed

    def _create_pod(self, rs: Obj) -> Obj:
        template = clone(dig(rs, "spec.template") or {})
        meta = template.get("metadata") or {}
        pod: Obj = {
            "metadata": {
                "name": f"{name_of(rs)}-{random_suffix()}",
                "namespace": namespace_of(rs),
                "labels": meta.get("labels") or {},
                "ownerReferences": [owner_ref(rs)],
            },
            "spec": template.get("spec") or {},
        }
        if meta.get("annotations"):
            pod["metadata"]["annotations"] = meta["annotations"]
        defaults.apply(PODS, pod, None, self.alloc)
        created = self.store.create(PODS, pod)
        events.record(
            self.store, rs, "SuccessfulCreate", f"Created pod: {name_of(created)}", component=COMPONENT
        )
        return created

    def _status(self, rs: Obj, pods: list[Obj]) -> bool:
        ready = sum(pod_ready(p) for p in pods)
        status: Obj = {"replicas": len(pods)}
        status |= _nonzero(
            {"fullyLabeledReplicas": len(pods), "readyReplicas": ready, "availableReplicas": ready}
        )
        status["observedGeneration"] = rs["metadata"].get("generation", 1)
        if rs.get("status") == status:
            return False
        rs["status"] = status
        self.store.update(REPLICASETS, rs)
        return True
