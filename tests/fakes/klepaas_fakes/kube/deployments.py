"""The Deployment controller: one ReplicaSet per pod template, rolled over when the new one is ready."""

from __future__ import annotations

from . import events
from .meta import Obj, clone, dig, name_of, namespace_of, owner_ref, stable_hash
from .replicasets import owned
from .resources import DEPLOYMENTS, REPLICASETS
from .store import Store

HASH_LABEL = "pod-template-hash"
REVISION = "deployment.kubernetes.io/revision"
COMPONENT = "deployment-controller"


def template_hash(deployment: Obj) -> str:
    return stable_hash(dig(deployment, "spec.template") or {})


def revision(rs: Obj) -> int:
    return int((rs["metadata"].get("annotations") or {}).get(REVISION, "0"))


def new_replicaset(deployment: Obj, replicasets: list[Obj]) -> Obj | None:
    wanted = template_hash(deployment)
    mine = owned(replicasets, deployment)
    return next((rs for rs in mine if (rs["metadata"].get("labels") or {}).get(HASH_LABEL) == wanted), None)


class DeploymentController:
    def __init__(self, store: Store) -> None:
        self.store = store

    def sync(self) -> bool:
        changed = False
        replicasets = self.store.list(REPLICASETS)
        for deployment in self.store.list(DEPLOYMENTS):
            if dig(deployment, "spec.paused"):
                continue
            changed |= self._sync_one(deployment, replicasets)
        return changed

    def _sync_one(self, deployment: Obj, replicasets: list[Obj]) -> bool:
        changed = False
        mine = owned(replicasets, deployment)
        desired = int(dig(deployment, "spec.replicas") or 0)
        recreate = dig(deployment, "spec.strategy.type") == "Recreate"
        new = new_replicaset(deployment, replicasets)
        olds = [rs for rs in mine if rs is not new]
        top = max((revision(rs) for rs in mine), default=0)
        old_pods_alive = any(int(dig(rs, "status.replicas") or 0) for rs in olds)
        target = 0 if recreate and old_pods_alive else desired
        if new is None:
            new = self._create(deployment, top + 1, target)
            changed = True
        elif revision(new) < top:
            new["metadata"]["annotations"][REVISION] = str(top + 1)
            new = self.store.update(REPLICASETS, new)
            changed = True
        changed |= self._scale(deployment, new, target)
        new_ready = int(dig(new, "status.availableReplicas") or 0)
        if recreate or new_ready >= desired:
            for old in olds:
                changed |= self._scale(deployment, old, 0)
        changed |= self._prune(deployment, olds)
        if (deployment["metadata"].get("annotations") or {}).get(REVISION) != str(revision(new)):
            deployment["metadata"].setdefault("annotations", {})[REVISION] = str(revision(new))
            self.store.update(DEPLOYMENTS, deployment)
            changed = True
        return changed

    def _create(self, deployment: Obj, number: int, replicas: int) -> Obj:
        digest = template_hash(deployment)
        template = clone(dig(deployment, "spec.template") or {})
        labels = {**(dig(template, "metadata.labels") or {}), HASH_LABEL: digest}
        template.setdefault("metadata", {})["labels"] = labels
        selector = clone(dig(deployment, "spec.selector") or {})
        selector.setdefault("matchLabels", {})[HASH_LABEL] = digest
        rs: Obj = {
            "metadata": {
                "name": f"{name_of(deployment)}-{digest}",
                "namespace": namespace_of(deployment),
                "labels": labels,
                "annotations": {
                    "deployment.kubernetes.io/desired-replicas": str(dig(deployment, "spec.replicas") or 0),
                    "deployment.kubernetes.io/max-replicas": str(
                        int(dig(deployment, "spec.replicas") or 0) + 1
                    ),
                    REVISION: str(number),
                },
                "ownerReferences": [owner_ref(deployment)],
            },
            "spec": {
                "replicas": 0,
                "minReadySeconds": dig(deployment, "spec.minReadySeconds") or 0,
                "selector": selector,
                "template": template,
            },
        }
        created = self.store.create(REPLICASETS, rs)
        return self._scaled(deployment, created, replicas)

    def _scale(self, deployment: Obj, rs: Obj, replicas: int) -> bool:
        if int(dig(rs, "spec.replicas") or 0) == replicas:
            return False
        self._scaled(deployment, rs, replicas)
        return True

    def _scaled(self, deployment: Obj, rs: Obj, replicas: int) -> Obj:
        before = int(dig(rs, "spec.replicas") or 0)
        if before == replicas:
            return rs
        rs["spec"]["replicas"] = replicas
        rs["metadata"]["annotations"]["deployment.kubernetes.io/desired-replicas"] = str(
            dig(deployment, "spec.replicas") or 0
        )
        written = self.store.update(REPLICASETS, rs)
        direction = "up" if replicas > before else "down"
        message = f"Scaled {direction} replica set {name_of(rs)} from {before} to {replicas}"
        events.record(self.store, deployment, "ScalingReplicaSet", message, component=COMPONENT)
        return written

    def _prune(self, deployment: Obj, olds: list[Obj]) -> bool:
        configured = dig(deployment, "spec.revisionHistoryLimit")
        limit = 10 if configured is None else int(configured)
        idle = sorted(
            (rs for rs in olds if not dig(rs, "spec.replicas") and not dig(rs, "status.replicas")),
            key=revision,
        )
        for rs in idle[: max(0, len(idle) - limit)]:
            self.store.delete(REPLICASETS, namespace_of(rs), name_of(rs))
        return len(idle) > limit
