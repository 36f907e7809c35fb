"""A rollout watch continued: each continuation message watches one more slice, then continues
again or settles the mutation (see :mod:`.watching` for how a watch starts)."""

from __future__ import annotations

from typing import Any

from klepaas_shared.clock import now, parse_iso
from klepaas_shared.contracts import Operation, OperationStatus
from klepaas_shared.errors import BadRequest
from klepaas_shared.events import PubsubMessage
from klepaas_shared.idempotency import run_once
from klepaas_shared.records.operations import Operations
from klepaas_shared.store import Store, get_store

from ..pipeline.refs import AppRef
from ..settings import deploy_settings
from .context import Ctx
from .finishing import settle
from .outcome import Outcome
from .watching import COLLECTION, KIND, continue_watch, watch


def resume(message: PubsubMessage) -> None:
    """A continuation: watch one more slice, then continue again or finish."""
    body = message.json()
    watch_id, number = (body.get("watch_id"), body.get("slice")) if isinstance(body, dict) else (None, None)
    if not isinstance(watch_id, str) or not 0 < len(watch_id) <= 160 or not isinstance(number, int):
        raise BadRequest("a rollout watch message names a watch_id and a slice number")
    store = get_store()
    run_once(store, f"{KIND}:{watch_id}:{number}", lambda: _slice(store, watch_id, number))


def pending(store: Store, watch_id: str) -> tuple[dict[str, Any] | None, Operation | None]:
    """The state of a watch still under way (None when it ended or never was) and its operation."""
    operations = Operations(store)
    doc = operations.record(watch_id)
    if doc is not None and isinstance(doc.get("watch"), dict):
        operation = operations.get(watch_id)
        return (doc["watch"] if operation.status == OperationStatus.RUNNING else None), operation
    state = store.get(COLLECTION, watch_id)
    if state is None or state.get("done"):
        return None, None
    operation_id = state.get("operation_id")
    return state, (operations.get(str(operation_id)) if operation_id else None)


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
        continue_watch(watch_id, number + 1)
        return
    settle(ctx, ctx.operation, outcome, rollout)
    if "operation_id" in state:  # kept in rollout_watches (a watch inside its operation ends with it)
        store.update(COLLECTION, watch_id, {"done": True, "state": rollout.state})


def _outcome(state: dict[str, Any], operation: Operation | None) -> Outcome:
    result = (operation.result if operation is not None else None) or {}
    data, message = state.get("data", result.get("data") or {}), state.get("message", result.get("message") or "")
    return Outcome(AppRef(**state["ref"]), data, str(message), state["event"], deployment_id=state.get("deployment_id"))
