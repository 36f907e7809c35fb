"""The rollout watch in bounded slices, so that no request holds an instance for the whole rollout.

A mutation first watches for ``rollout_inline_s`` (the HTTP answer waits that long at most). A
rollout still under way is written (as ``watch``) into its operation's record in the same write as
the running result, or, for a deployment without an operation, to ``rollout_watches``; it is
continued by messages on the
deploy-requests topic (attribute ``kind=rollout_watch``), each watching at most ``rollout_slice_s``
(inside Pub/Sub's ack deadline) until it ends or ``rollout_watch_s`` has passed. Each slice runs at
most once (keyed by watch id and slice number), so a redelivered message never doubles the chain.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import timedelta

from klepaas_shared.clock import iso, now
from klepaas_shared.contracts import TOPIC_DEPLOY_REQUESTS, Operation
from klepaas_shared.errors import KlepaasError
from klepaas_shared.events import get_publisher
from klepaas_shared.records.operations import Operations

from ..pipeline.refs import AppRef
from .context import Ctx
from .outcome import Outcome
from .progress import Rollout, watch_rollout

COLLECTION = "rollout_watches"
KIND = "rollout_watch"


def watch(ctx: Ctx, ref: AppRef, budget_s: float, total_s: float) -> Rollout | None:
    """Watch for ``budget_s``; None while the rollout goes on and ``total_s`` has not passed."""
    kube = ctx.kube(ref)
    if kube is None:
        return Rollout("complete", "no cluster to watch", {})
    if budget_s <= 0:
        if total_s > 0:
            return None
        return Rollout("timeout", f"the rollout did not finish within {ctx.settings.rollout_watch_s:g}s", {})
    ctx.step("watching the rollout")
    try:
        rollout = watch_rollout(kube, ref, budget_s)
    except KlepaasError as exc:
        return Rollout("failed", f"lost track of the rollout: {exc.message}", {})
    if rollout.state != "progressing":
        return rollout
    if budget_s >= total_s:
        message = f"the rollout did not finish within {ctx.settings.rollout_watch_s:g}s: {rollout.message}"
        return Rollout("timeout", message, rollout.replicas)
    return None


def hand_off(ctx: Ctx, operation: Operation | None, outcome: Outcome, spent_s: float) -> None:
    """Record the watch (with the operation's running result: one write) and send its first
    continuation; the operation stays ``running``."""
    deadline = now() + timedelta(seconds=max(0.0, ctx.settings.rollout_watch_s - spent_s))
    state = {
        "ref": asdict(outcome.ref),
        "event": outcome.event,
        "deployment_id": outcome.deployment_id,
        "deadline_at": iso(deadline),
        "actor": ctx.actor,
        "via": ctx.via,
    }
    if operation is not None:
        Operations(ctx.store).save(operation, watch=state)  # its data and message are the operation's result
        watch_id = operation.id
    else:
        watch_id = f"deployment-{outcome.deployment_id}"
        kept = {"data": outcome.data, "message": outcome.message, "operation_id": None, "done": False}
        ctx.store.set(COLLECTION, watch_id, state | kept)
    continue_watch(watch_id, 1)


def continue_watch(watch_id: str, number: int) -> None:
    get_publisher().publish(TOPIC_DEPLOY_REQUESTS, {"watch_id": watch_id, "slice": number}, {"kind": KIND})
