"""Pod status documents as the kubelet reports them, for each step of each failure mode."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from .failures import PodMode
from .meta import Obj, iso

CREATING, RUNNING, CRASHLOOP = "ContainerCreating", "Running", "CrashLoopBackOff"
ERR_PULL, PULL_BACKOFF = "ErrImagePull", "ImagePullBackOff"
PENDING_REASONS = {CREATING, ERR_PULL, PULL_BACKOFF}


@dataclass(frozen=True)
class ContainerStep:
    name: str
    image: str
    reason: str  # one of the constants above
    ready: bool
    restarts: int


def step(name: str, image: str, mode: PodMode, age: int, ready_after: int) -> ContainerStep:
    """Where a container is `age` ticks after its pod was created."""
    if mode is PodMode.IMAGEPULL:
        return ContainerStep(name, image, ERR_PULL if age < ready_after else PULL_BACKOFF, False, 0)
    if age < ready_after:
        return ContainerStep(name, image, CREATING, False, 0)
    if mode is PodMode.CRASHLOOP:
        return ContainerStep(name, image, CRASHLOOP, False, 1 + age - ready_after)
    return ContainerStep(name, image, RUNNING, mode is PodMode.HEALTHY, 0)


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def _waiting_message(pod: str, namespace: str, uid: str, step_: ContainerStep) -> str:
    if step_.reason == CRASHLOOP:
        return f"back-off 10s restarting failed container={step_.name} pod={pod}_{namespace}({uid})"
    if step_.reason == PULL_BACKOFF:
        return f'Back-off pulling image "{step_.image}"'
    if step_.reason == ERR_PULL:
        return pull_error(step_.image)
    return ""


def pull_error(image: str) -> str:
    return (
        f'rpc error: code = NotFound desc = failed to pull and unpack image "{image}": '
        f'failed to resolve reference "{image}": {image}: not found'
    )


def container_status(pod: Obj, step_: ContainerStep, started_at: str) -> Obj:
    meta = pod["metadata"]
    state: Obj
    if step_.reason == RUNNING:
        state = {"running": {"startedAt": started_at}}
    else:
        message = _waiting_message(meta["name"], meta.get("namespace", ""), meta["uid"], step_)
        state = {"waiting": {"reason": step_.reason, **({"message": message} if message else {})}}
    pulled = step_.reason not in {ERR_PULL, PULL_BACKOFF, CREATING}
    status: Obj = {
        "name": step_.name,
        "image": step_.image,
        "imageID": f"docker.io/library/{step_.image}@sha256:{_digest(step_.image)}" if pulled else "",
        "ready": step_.ready,
        "restartCount": step_.restarts,
        "started": step_.reason == RUNNING,
        "state": state,
        "lastState": {},
    }
    if pulled:
        status["containerID"] = f"containerd://{_digest(meta['uid'] + step_.name + str(step_.restarts))}"
    if step_.restarts:
        status["lastState"] = {
            "terminated": {
                "exitCode": 1,
                "reason": "Error",
                "startedAt": iso(),
                "finishedAt": iso(),
                "containerID": status.get("containerID", ""),
            }
        }
    return status


def _condition(kind: str, ok: bool, reason: str | None, stamp: str) -> Obj:
    cond: Obj = {"type": kind, "status": "True" if ok else "False", "lastTransitionTime": stamp}
    if reason and not ok:
        cond["reason"] = reason
    return cond


def pod_status(pod: Obj, steps: list[ContainerStep], host_ip: str, pod_ip: str, start: str) -> Obj:
    ready = all(s.ready for s in steps)
    pending = any(s.reason in PENDING_REASONS for s in steps)
    stamp = iso()
    return {
        "phase": "Pending" if pending else "Running",
        "conditions": [
            _condition("PodReadyToStartContainers", True, None, start),
            _condition("Initialized", True, None, start),
            _condition("Ready", ready, "ContainersNotReady", stamp),
            _condition("ContainersReady", ready, "ContainersNotReady", stamp),
            _condition("PodScheduled", True, None, start),
        ],
        "hostIP": host_ip,
        "hostIPs": [{"ip": host_ip}],
        "podIP": pod_ip,
        "podIPs": [{"ip": pod_ip}],
        "startTime": start,
        "containerStatuses": [container_status(pod, s, start) for s in steps],
        "qosClass": "BestEffort",
    }


def unschedulable(nodes: int) -> Obj:
    message = f"0/{nodes} nodes are available: {nodes} node(s) were not ready."
    if nodes == 0:
        message = "no nodes available to schedule pods"
    return {
        "phase": "Pending",
        "conditions": [
            {
                "type": "PodScheduled",
                "status": "False",
                "reason": "Unschedulable",
                "message": message,
                "lastTransitionTime": iso(),
            }
        ],
        "qosClass": "BestEffort",
    }
