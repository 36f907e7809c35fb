"""Deployment status: replica counts and the Available and Progressing conditions, a progress deadline."""

from __future__ import annotations

import math

from . import events
from .deployments import COMPONENT, new_replicaset, template_hash
from .meta import Obj, dig, iso, name_of
from .replicasets import owned
from .resources import DEPLOYMENTS, REPLICASETS
from .store import Store


def _count(replicasets: list[Obj], path: str) -> int:
    return sum(int(dig(rs, path) or 0) for rs in replicasets)


def max_unavailable(deployment: Obj, desired: int) -> int:
    if dig(deployment, "spec.strategy.type") != "RollingUpdate" or desired == 0:
        return 0
    value = dig(deployment, "spec.strategy.rollingUpdate.maxUnavailable")
    if value is None:
        value = "25%"
    if isinstance(value, str) and value.endswith("%"):
        return math.floor(desired * int(value[:-1]) / 100)
    return int(value)


def _condition(old: list[Obj], kind: str, ok: bool, reason: str, message: str) -> Obj:
    stamp = iso()
    before = next((c for c in old if c.get("type") == kind), None)
    status = "True" if ok else "False"
    cond = {"type": kind, "status": status, "reason": reason, "message": message}
    if before and (before.get("status"), before.get("reason"), before.get("message")) == (
        status,
        reason,
        message,
    ):
        return before
    cond["lastUpdateTime"] = stamp
    moved = before is None or before.get("status") != status
    cond["lastTransitionTime"] = stamp if moved else before.get("lastTransitionTime", stamp)
    return cond


class RolloutTracker:
    """Computes each deployment's status; a rollout not complete `deadline` ticks after its start fails."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._started: dict[str, tuple[str, int, int]] = {}

    def sync(self, tick: int, deadline: int) -> None:
        replicasets = self.store.list(REPLICASETS)
        for deployment in self.store.list(DEPLOYMENTS):
            self._sync_one(deployment, replicasets, tick, deadline)

    def _sync_one(self, deployment: Obj, replicasets: list[Obj], tick: int, deadline: int) -> None:
        mine = owned(replicasets, deployment)
        new = new_replicaset(deployment, replicasets)
        desired = int(dig(deployment, "spec.replicas") or 0)
        uid = deployment["metadata"]["uid"]
        key = (template_hash(deployment), desired)
        if self._started.get(uid, ("", -1, 0))[:2] != key:
            self._started[uid] = (*key, tick)
        available = _count(mine, "status.availableReplicas")
        updated = int(dig(new, "status.replicas") or 0) if new else 0
        current = _count(mine, "status.replicas")
        counts = {
            "replicas": current,
            "updatedReplicas": updated,
            "readyReplicas": _count(mine, "status.readyReplicas"),
            "availableReplicas": available,
            "unavailableReplicas": max(0, _count(mine, "spec.replicas") - available),
        }
        old_status = deployment.get("status") or {}
        old_conditions = old_status.get("conditions") or []
        rs_name = name_of(new) if new else name_of(deployment)
        ok = available >= desired - max_unavailable(deployment, desired)
        conditions = [
            _condition(
                old_conditions,
                "Available",
                ok,
                "MinimumReplicasAvailable" if ok else "MinimumReplicasUnavailable",
                "Deployment has minimum availability."
                if ok
                else "Deployment does not have minimum availability.",
            )
        ]
        complete = new is not None and updated == desired == available == current
        stuck = not complete and tick - self._started[uid][2] >= deadline
        if complete:
            progressing = (
                True,
                "NewReplicaSetAvailable",
                f'ReplicaSet "{rs_name}" has successfully progressed.',
            )
        elif stuck:
            progressing = (
                False,
                "ProgressDeadlineExceeded",
                f'ReplicaSet "{rs_name}" has timed out progressing.',
            )
        else:
            progressing = (True, "ReplicaSetUpdated", f'ReplicaSet "{rs_name}" is progressing.')
        conditions.append(_condition(old_conditions, "Progressing", *progressing))
        status: Obj = {"observedGeneration": deployment["metadata"].get("generation", 1)}
        status |= {key: value for key, value in counts.items() if value}
        status["conditions"] = conditions
        if status == old_status:
            return
        deployment["status"] = status
        written = self.store.update(DEPLOYMENTS, deployment)
        was_stuck = any(c.get("reason") == "ProgressDeadlineExceeded" for c in old_conditions)
        if stuck and not was_stuck:
            events.record(
                self.store,
                written,
                "ProgressDeadlineExceeded",
                progressing[2],
                warning=True,
                component=COMPONENT,
            )
