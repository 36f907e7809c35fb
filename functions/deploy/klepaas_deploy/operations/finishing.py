"""The end of a mutation: follow its rollout, then update the operation, the history and the events."""

from __future__ import annotations

from klepaas_shared.contracts import Commit, ErrorInfo, Operation, OperationStatus
from klepaas_shared.records.deployments import Deployments
from klepaas_shared.records.operations import Operations

from ..views.usage import forget
from . import watching
from .context import Ctx
from .outcome import Outcome
from .progress import Rollout, publish


def complete(ctx: Ctx, operation: Operation | None, outcome: Outcome) -> None:
    """Watch a short while (unless the outcome is final); record and announce the result, or hand
    a rollout still under way to :mod:`.watching` (the operation then stays ``running``)."""
    rollout = None
    if not outcome.done and ctx.kube(outcome.ref) is not None:
        inline = ctx.settings.rollout_inline_s if ctx.inline_s is None else ctx.inline_s
        budget = min(inline, ctx.settings.rollout_watch_s)
        rollout = watching.watch(ctx, outcome.ref, budget, ctx.settings.rollout_watch_s)
        if rollout is None:
            _running(operation, outcome)
            watching.hand_off(ctx, operation, outcome, budget)
            return
    settle(ctx, operation, outcome, rollout)


def _running(operation: Operation | None, outcome: Outcome) -> None:
    """Mark the result as still running (written with the watch by :func:`watching.hand_off`)."""
    outcome.data["status"] = "running"
    if outcome.deployment_id is not None:
        outcome.data["deployment_status"] = "running"
    if operation is not None:
        operation.status = OperationStatus.RUNNING
        operation.result = {"data": outcome.data, "message": outcome.message, "deployment_id": outcome.deployment_id}


def settle(ctx: Ctx, operation: Operation | None, outcome: Outcome, rollout: Rollout | None) -> None:
    """Record and announce the end of a mutation (``rollout`` None: nothing was watched)."""
    forget(ctx.settings, outcome.ref)  # the dashboard's next poll reads the cluster as it is now
    ok = rollout.ok if rollout is not None else outcome.error is None
    waiting = outcome.data.get("deployment_status") == "waiting"
    held = outcome.data.get("status") == "pending_approval"
    if rollout is not None:
        outcome.data["status"] = "success" if ok else "failed"
        outcome.data["deployment_status"] = "success" if ok else "failed"
        outcome.data["rollout"] = {"state": rollout.state, "message": rollout.message, "replicas": rollout.replicas}
        if not ok:
            outcome.data["message"] = rollout.message
            outcome.message = f"{outcome.message}: {rollout.message}"
    elif outcome.data.get("status") == "running" and not waiting:
        outcome.data["status"] = "success"
    if outcome.deployment_id is not None and rollout is not None:
        _finish_history(ctx, outcome.deployment_id, rollout)
    if outcome.deployment_id is not None and not waiting:
        _announce(ctx, outcome, ok, rollout)
    elif outcome.deployment_id is None and rollout is not None:
        publish(
            outcome.event,
            0,
            outcome.ref,
            status="success" if ok else "failed",
            message=outcome.message,
            requested_by=ctx.actor,
        )
    if operation is not None:
        operation.status = (
            OperationStatus.PENDING
            if held
            else OperationStatus.RUNNING
            if waiting
            else (OperationStatus.SUCCEEDED if ok else OperationStatus.FAILED)
        )
        if not ok and rollout is not None:
            operation.error = ErrorInfo(code=f"rollout_{rollout.state}", message=rollout.message, stage="sourcedeploy")
        elif not ok:
            operation.error = outcome.error
        operation.result = {"data": outcome.data, "message": outcome.message, "deployment_id": outcome.deployment_id}
        Operations(ctx.store).save(operation)


def _finish_history(ctx: Ctx, deployment_id: int, rollout: Rollout) -> None:
    Deployments(ctx.store).end_stage(
        deployment_id, "sourcedeploy", ok=rollout.ok, error="" if rollout.ok else rollout.message
    )
    Deployments(ctx.store).finish(
        deployment_id,
        ok=rollout.ok,
        ready=rollout.replicas.get("ready"),
        desired=rollout.replicas.get("desired"),
    )


def _announce(ctx: Ctx, outcome: Outcome, ok: bool, rollout: Rollout | None) -> None:
    doc = Deployments(ctx.store).get(outcome.deployment_id or 0) or {}
    error = outcome.error
    if not ok and rollout is not None:
        error = ErrorInfo(code=f"rollout_{rollout.state}", message=rollout.message, stage="sourcedeploy")
    publish(
        outcome.event,
        outcome.deployment_id or 0,
        outcome.ref,
        stage=(error.stage if error is not None else None) or "sourcedeploy",
        status="success" if ok else "failed",
        message=outcome.message,
        commit=Commit.model_validate(doc.get("commit") or {}),
        image=(doc.get("image") or {}).get("url") or None,
        duration_s=doc.get("total_duration"),
        error=None if ok else error,
        requested_by=ctx.actor,
        github_installation_id=(doc.get("github") or {}).get("installation_id"),
        github_deployment_id=(doc.get("github") or {}).get("deployment_id"),
    )
