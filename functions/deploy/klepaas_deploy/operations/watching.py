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
from typing import Any

from klepaas_shared.clock import iso, now, parse_iso
from klepaas_shared.contracts import TOPIC_DEPLOY_REQUESTS, Operation, OperationStatus
from klepaas_shared.errors import BadRequest, KlepaasError
from klepaas_shared.events import PubsubMessage, get_publisher
from klepaas_shared.idempotency import run_once
from klepaas_shared.store import Store

from ..pipeline.refs import AppRef
from ..settings import deploy_settings
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
        from .engine import save

        save(ctx.store, operation, watch=state)  # its data and message are the operation's result
        watch_id = operation.id
    else:
        watch_id = f"deployment-{outcome.deployment_id}"
        kept = {"data": outcome.data, "message": outcome.message, "operation_id": None, "done": False}
        ctx.store.set(COLLECTION, watch_id, state | kept)
    _continue(watch_id, 1)


def _continue(watch_id: str, number: int) -> None:
    get_publisher().publish(TOPIC_DEPLOY_REQUESTS, {"watch_id": watch_id, "slice": number}, {"kind": KIND})


def resume(message: PubsubMessage) -> None:
    """A continuation: watch one more slice, then continue again or finish."""
    body = message.json()
    watch_id, number = (body.get("watch_id"), body.get("slice")) if isinstance(body, dict) else (None, None)
    if not isinstance(watch_id, str) or not 0 < len(watch_id) <= 160 or not isinstance(number, int):
        raise BadRequest("a rollout watch message names a watch_id and a slice number")
    from klepaas_shared.store import get_store

    store = get_store()
    run_once(store, f"{KIND}:{watch_id}:{number}", lambda: _slice(store, watch_id, number))


def pending(store: Store, watch_id: str) -> tuple[dict[str, Any] | None, Operation | None]:
    """The state of a watch still under way (None when it ended or never was) and its operation."""
    from .engine import COLLECTION as OPERATIONS
    from .engine import get

    doc = store.get(OPERATIONS, watch_id)
    if doc is not None and isinstance(doc.get("watch"), dict):
        operation = get(store, watch_id)
        return (doc["watch"] if operation.status == OperationStatus.RUNNING else None), operation
    state = store.get(COLLECTION, watch_id)
    if state is None or state.get("done"):
        return None, None
    operation_id = state.get("operation_id")
    return state, (get(store, str(operation_id)) if operation_id else None)


def _slice(store: Store, watch_id: str, number: int) -> None:
    state, operation = pending(store, watch_id)
    if state is None:
        return
    settings = deploy_settings()
    ctx = Ctx(store, settings, str(state["actor"]), str(state.get("via") or ""), source="pubsub", operation=operation)
    outcome = _outcome(state, operation)
    remaining = (parse_iso(state["deadline_at"]) - now()).total_seconds()
    budget = min(settings.rollout_slice_s, max(0.0, remaining))
    rollout = watch(ctx, outcome.ref, budget, max(0.0, remaining))
    if rollout is None:
        _continue(watch_id, number + 1)
        return
    from .finishing import settle

    settle(ctx, ctx.operation, outcome, rollout)
    if "operation_id" in state:  # kept in rollout_watches (a watch inside its operation ends with it)
        store.update(COLLECTION, watch_id, {"done": True, "state": rollout.state})


def _outcome(state: dict[str, Any], operation: Operation | None) -> Outcome:
    result = (operation.result if operation is not None else None) or {}
    data, message = state.get("data", result.get("data") or {}), state.get("message", result.get("message") or "")
    return Outcome(AppRef(**state["ref"]), data, str(message), state["event"], deployment_id=state.get("deployment_id"))
