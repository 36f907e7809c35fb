"""Work that will never end by itself: ``running`` past its deadline, ended as ``timed_out``,
and pipeline runs whose instance died (lease run out), ended as ``worker_lost``. Every end is
audited.

A deployment may run for its build, its release and its rollout watch, plus a pipeline lease of
grace (an instance that died mid-run is taken over within the lease). An operation watching a
rollout may run until its watch's deadline plus two slices; one without a watch, from its start
(or its approval) for as long as a deployment (a deploy) or a rollout watch (the others). Each
end is claimed in a transaction, so a concurrent tick or a late slice never announces it twice;
operations held for an approval are ``pending`` and never looked at.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

from klepaas_shared import audit
from klepaas_shared.clock import now, now_iso, parse_iso
from klepaas_shared.contracts import Commit, ErrorInfo, Operation, OperationStatus
from klepaas_shared.errors import BadRequest
from klepaas_shared.records import STAGES, DeploymentRecord, OperationRecord
from klepaas_shared.records.deployments import Deployments
from klepaas_shared.records.operations import Operations, model
from klepaas_shared.store import Store, Transaction
from klepaas_shared.store.queries import declare_query

from ..pipeline.refs import AppRef, app_name_of, resolve
from ..pipeline.stages import runner
from ..settings import DeploySettings
from . import watching
from .progress import publish

REASON = "timed_out"
LOST = "worker_lost"
BATCH = 200
EVENTS = {"scale": "scaled", "restart": "restarted", "rollback": "rollback_completed"}
declare_query(runner.RUNS, equal=["status"])  # end_lost_runs: the runs still marked running


def end_stuck(store: Store, settings: DeploySettings, at: datetime | None = None) -> dict[str, Any]:
    """End every deployment and operation running past its deadline; say how many ended."""
    at = at or now()
    budget = timedelta(seconds=deployment_budget_s(settings))
    deployments, operations = end_lost_runs(store, settings, at), 0
    for doc_id, deployment in Deployments(store).running(limit=BATCH):
        since = _time(deployment.get("started_at"))
        if since is not None and since + budget < at and fail_deployment(store, doc_id):
            deployments += 1
            operations += _fail_operation(store, str(deployment.get("request_id") or "")) is not None
    for operation_id, record in Operations(store).running(limit=BATCH):
        deadline = operation_deadline(record, settings)
        if deadline is None or deadline >= at:
            continue
        ended = _fail_operation(store, operation_id)
        if ended is None:
            continue
        operations += 1
        deployment_id = (ended.result or {}).get("deployment_id")
        if isinstance(deployment_id, int):
            deployments += fail_deployment(store, str(deployment_id))
        else:
            _announce_operation(ended, record.get("watch"), settings)
    return {"deployments": deployments, "operations": operations}


def deployment_budget_s(settings: DeploySettings) -> float:
    s = settings
    return s.build_deadline_s + s.release_deadline_s + s.rollout_watch_s + s.pipeline_lease_s


def operation_deadline(doc: OperationRecord | dict[str, Any], settings: DeploySettings) -> datetime | None:
    watch = doc.get("watch")
    if isinstance(watch, dict):
        end = _time(watch.get("deadline_at"))
        return None if end is None else end + timedelta(seconds=2 * settings.rollout_slice_s)
    approval = doc.get("approval")
    approval = approval if isinstance(approval, dict) else {}
    since = _time(approval.get("decided_at")) or _time(doc.get("created_at"))
    if since is None:
        return None
    span = deployment_budget_s(settings) if doc.get("kind") == "deploy" else settings.rollout_watch_s
    return since + timedelta(seconds=span + (0 if doc.get("kind") == "deploy" else settings.pipeline_lease_s))


def _time(value: Any) -> datetime | None:
    try:
        return parse_iso(value) if isinstance(value, str) and value else None
    except ValueError:
        return None


def fail_deployment(
    store: Store,
    deployment_id: str,
    *,
    reason: str = REASON,
    why: str = "was still running past its deadline",
    stage: str | None = None,
) -> bool:
    """Fail a running deployment (its unfinished stage too), announce it and audit it; False if it
    had ended."""
    at = now_iso()
    ended: dict[str, str] = {}

    def end(doc: DeploymentRecord) -> dict[str, Any] | None:
        if doc.get("status") != "running":
            return None
        stages: Mapping[str, Any] = doc.get("stages") or {}
        unfinished = next((s for s in STAGES if (stages.get(s) or {}).get("status") is None), "sourcedeploy")
        at_stage = stage or unfinished
        message = f"the deployment {why} at {at_stage} and was ended"
        started = _time(doc.get("started_at"))
        ended.update(stage=at_stage, message=message)  # the transaction may run again: the last run's
        return {
            "status": "failed",
            "completed_at": at,
            "updated_at": at,
            "total_duration": round((parse_iso(at) - started).total_seconds(), 3) if started else None,
            "error": {"message": message, "stage": at_stage, "code": reason},
            f"stages.{at_stage}.status": "failed",
            f"stages.{at_stage}.completed_at": at,
        }

    doc = Deployments(store).claim(deployment_id, end)
    if doc is None:
        return False
    watch_id = f"deployment-{deployment_id}"
    if store.get(watching.COLLECTION, watch_id) is not None:
        store.update(watching.COLLECTION, watch_id, {"done": True, "state": REASON})
    stage, message = ended["stage"], ended["message"]
    owner, repo = str(doc.get("owner") or ""), str(doc.get("repo") or "")
    try:
        app = app_name_of(owner, repo)
    except BadRequest:
        app = "unknown"
    namespace = str((doc.get("cluster") or {}).get("namespace") or "default")
    github = doc.get("github") or {}
    publish(
        "deployment_completed",
        int(doc.get("id") or deployment_id),
        AppRef(app, str(doc.get("environment") or "staging"), namespace, owner, repo),
        stage=stage,
        status="failed",
        message=message,
        commit=Commit.model_validate(doc.get("commit") or {}),
        error=ErrorInfo(code=reason, message=message, stage=stage),
        requested_by=str(doc.get("requested_by") or ""),
        github_installation_id=github.get("installation_id"),
        github_deployment_id=github.get("deployment_id"),
    )
    audit.record(
        store,
        actor="system:deploy",
        action="deployment.end",
        target=f"{owner}/{repo}",
        source="maintenance",
        result="failed",
        details={"deployment_id": deployment_id, "reason": reason, "stage": stage},
        request_id=str(doc.get("request_id") or "") or None,
    )
    return True


def end_lost_runs(store: Store, settings: DeploySettings, at: datetime | None = None) -> int:
    """End the pipeline runs whose instance died (their lease, renewed while it lived, ran out)
    and that no redelivery took over meanwhile; how many ended. A redelivery that comes later
    finds the run ended and starts nothing."""
    at = at or now()
    ended = 0
    for doc in store.query(runner.RUNS, [("status", "==", "running")], limit=BATCH):
        if not _lost(doc.data, at):
            continue

        def claim(txn: Transaction, request_id: str = doc.id) -> str | None:
            run = txn.get(runner.RUNS, request_id)
            if run is None or run.get("status") != "running" or not _lost(run, at):
                return None
            stage = str(run.get("stage") or runner.STAGES[0])
            error = f"the instance running the pipeline stopped during {stage}"
            txn.update(runner.RUNS, request_id, {"status": "failed", "failed_stage": stage, "error": error})
            return stage

        stage = store.transaction(claim)
        if stage is None:
            continue
        deployment = Deployments(store).find_by_request(doc.id)
        if deployment is not None:
            why = "lost the instance running it"
            ended += fail_deployment(store, str(deployment["id"]), reason=LOST, why=why, stage=stage)
        _fail_operation(store, doc.id)  # a deploy operation's id is its request id
    return ended


def _lost(run: dict[str, Any], at: datetime) -> bool:
    lease = _time(run.get("lease_until"))
    return lease is not None and lease < at


def _fail_operation(store: Store, operation_id: str) -> Operation | None:
    """Fail a running operation; the operation as it was, or None when it was not running."""
    if not operation_id:
        return None

    def end(doc: OperationRecord) -> dict[str, Any] | None:
        if doc.get("status") != OperationStatus.RUNNING.value:
            return None
        message = f"operation {operation_id} was still running past its deadline and was ended"
        changes: dict[str, Any] = {
            "status": OperationStatus.FAILED.value,
            "error": ErrorInfo(code=REASON, message=message).model_dump(mode="json"),
            "updated_at": now_iso(),
        }
        if isinstance((doc.get("result") or {}).get("data"), dict):
            changes["result.data.status"] = "failed"
        return changes

    doc = Operations(store).claim(operation_id, end)
    return None if doc is None else model(doc)


def _announce_operation(operation: Operation, watch: Any, settings: DeploySettings) -> None:
    """The failure event of an operation without a deployment (a scale or a restart)."""
    event = watch.get("event") if isinstance(watch, dict) else EVENTS.get(operation.kind.value)
    try:
        ref = AppRef(**watch["ref"]) if isinstance(watch, dict) else resolve(operation.args, settings)
    except (BadRequest, KeyError, TypeError):
        return  # nothing names the app: the operation's record says what happened
    message = f"{operation.kind.value} of {ref.describe()} was still running past its deadline and was ended"
    publish(str(event or "scaled"), 0, ref, status="failed", message=message, requested_by=operation.requested_by)
