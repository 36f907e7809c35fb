"""Mutations held for a human: whether a deploy, scale, restart or rollback must wait (the
project's protected environments, else ``KLEPAAS_DEPLOY_APPROVAL_ENVIRONMENTS``; per-app
overrides), the held operation and the
:class:`ApprovalRequest` sent out for it. The decision itself is :mod:`.approvals`."""

from __future__ import annotations

from typing import Any

from klepaas_shared.contracts import (
    APPROVAL_KIND,
    TOPIC_DEPLOYMENT_EVENTS,
    ApprovalRequest,
    DeployRequest,
    Operation,
    OperationKind,
    args_hash,
)
from klepaas_shared.errors import Conflict
from klepaas_shared.events import get_publisher
from klepaas_shared.policy import protected_environments
from klepaas_shared.records import ApprovalRecord
from klepaas_shared.records.operations import Operations

from ..pipeline.refs import AppRef
from .context import Ctx
from .outcome import Outcome

HELD = "pending_approval"
_NOUNS = {
    "deploy": "deploys",
    "scale": "scale changes",
    "restart": "restarts",
    "rollback": "rollbacks",
    "resource_delete": "deletions",
}
CARRIED = ("image_tags", "target", "github_installation_id", "github_deployment_id", "delivery_id")


def required(ctx: Ctx, ref: AppRef) -> bool:
    """Whether this mutation must wait: not when already approved, nor for a dry run. Else the
    per-app setting when there is one, then the project's protected environments (the policy's)."""
    if ctx.approved or ctx.dry_run:
        return False
    override = ctx.settings.approval_override(ref.app, ref.environment)
    if override is not None:
        return override
    return ref.environment in protected_environments(ctx.project, ctx.settings)


def hold(ctx: Ctx, ref: AppRef, source: str) -> Outcome:
    """Park ``ctx.operation`` until a human decides, and ask for the decision; ``source`` (how it
    was asked for) and the requester are kept as its ``origin``: the approved run carries them."""
    operation = ctx.operation
    if operation is None:
        raise Conflict("a deploy that needs approval must be an operation")
    commit = operation.args.get("commit") if isinstance(operation.args.get("commit"), dict) else {}
    request = ApprovalRequest(
        operation_id=operation.id,
        owner=ref.owner or ref.app,
        repo=ref.repo or ref.app,
        environment=ref.environment,
        args=operation.args,
        requested_by=operation.requested_by,
        commit_sha=str((commit or {}).get("sha") or ""),
        reason=f"{_NOUNS[operation.kind.value]} in {ref.environment} need an approval",
    )
    record: ApprovalRecord = {"id": request.approval_id, "state": "pending", "args_hash": args_hash(operation.args)}
    origin = {"source": source, "requested_by": operation.requested_by}
    Operations(ctx.store).merge(operation.id, {"approval": record, "origin": origin})
    get_publisher().publish(TOPIC_DEPLOYMENT_EVENTS, request, {"kind": APPROVAL_KIND})
    ctx.step(f"waiting for an approval ({request.reason})")
    message = f"{operation.kind.value} {ref.repository} → {ref.environment} is waiting for an approval"
    data = {"status": HELD, "approval_id": request.approval_id, "operation_id": operation.id, "message": message}
    return Outcome(ref, data, message, "deployment_started", watch=False, done=True)


def args_of(request: DeployRequest) -> dict[str, Any]:
    """The deploy operation's arguments for a DeployRequest that arrived on the topic."""
    dumped = request.model_dump(mode="json")
    args: dict[str, Any] = {
        "github_owner": request.owner,
        "github_repo": request.repo,
        "environment": request.environment,
        "branch": request.branch,
        "commit": dumped["commit"],
    }
    for name in ("image", "replicas", *CARRIED):
        if dumped.get(name) not in (None, [], ""):
            args[name] = dumped[name]
    return args


def hold_request(ctx: Ctx, request: DeployRequest, ref: AppRef) -> None:
    """A DeployRequest that needs approval becomes a held operation with the request's id."""
    operation = Operation(
        id=request.request_id,
        kind=OperationKind.DEPLOY,
        args=args_of(request),
        requested_by=request.requested_by,
        source="pubsub",
    )
    operations = Operations(ctx.store)
    if not operations.create(operation, via="pubsub"):
        saved = operations.record(operation.id) or {}
        if saved.get("approval"):
            return  # a redelivery: already held (or decided)
    ctx.operation = operation
    outcome = hold(ctx, ref, request.source)
    operation.result = {"data": outcome.data, "message": outcome.message, "deployment_id": None}
    operations.save(operation)
