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
    Commit,
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


def approval_path(operation_id: str) -> str:
    """Where a held operation is decided through the API (Slack's Approve / Reject buttons call the same)."""
    return f"/api/v1/operations/{operation_id}/approval"


def hold(ctx: Ctx, ref: AppRef, source: str, shown: Commit | None = None) -> Outcome:
    """Park ``ctx.operation`` until a human decides, and ask for the decision; ``source`` (how it
    was asked for) and the requester are kept as its ``origin``: the approved run carries them.

    The answer says what waits (the operation, its id), where it is decided (Slack, or
    :func:`approval_path`) and, for a deploy, the commit ``shown`` as the branch has it now (the
    approved run reads the branch again) or, unknown, a link to the branch itself."""
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
    path = approval_path(operation.id)
    message = (
        f"{operation.kind.value} {ref.repository} → {ref.environment} is waiting for an approval: operation "
        f"{operation.id} runs once an approver other than its requester approves it in Slack or with POST {path}"
    )
    data: dict[str, Any] = {
        "status": HELD,
        "approval_id": request.approval_id,
        "operation_id": operation.id,
        "approval_path": path,
        "args_hash": record["args_hash"],  # what a decision names: the arguments it approves, exactly
        "repository": ref.repository,
        "environment": ref.environment,
        "deployment": ref.app,  # what a held scale or restart would change, and where
        "namespace": ref.namespace,
        "message": message,
    }
    if operation.kind is OperationKind.DEPLOY:
        data["branch"] = str(operation.args.get("branch") or "main")
        data["commit"] = _shown(ctx, ref, data["branch"], shown or Commit.model_validate(commit or {}))
    return Outcome(ref, data, message, "deployment_started", watch=False, done=True)


def _shown(ctx: Ctx, ref: AppRef, branch: str, commit: Commit) -> dict[str, str]:
    """The commit a held deploy names: as known; a repository's commit not known yet links to its
    branch on GitHub (never an empty or dead link); an app deployed by name has no commit."""
    shown = commit.model_dump()
    base = ctx.settings.github_git_base.rstrip("/")
    if not shown["url"] and not ref.named and ref.owner and base.startswith("https://"):
        page = (
            f"{ref.owner}/{ref.repo}/commit/{shown['sha']}" if shown["sha"] else f"{ref.owner}/{ref.repo}/tree/{branch}"
        )
        shown["url"] = f"{base}/{page}"
    return shown


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
    outcome = hold(ctx, ref, request.source, request.commit)
    operation.result = {"data": outcome.data, "message": outcome.message, "deployment_id": None}
    operations.save(operation)
