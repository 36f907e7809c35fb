"""Deploys that wait for a human (``KLEPAAS_DEPLOY_APPROVAL_ENVIRONMENTS``, per-app overrides).

A held deploy is an operation with status ``pending`` and an ``approval`` record bound to the hash
of its arguments; an :class:`ApprovalRequest` goes out on the deployment-events topic (notify posts
it with Approve / Reject buttons). A decision names the operation and the hash: approve runs that
exact operation once, reject cancels it, and any later decision is refused.
"""

from __future__ import annotations

from typing import Any

from klepaas_shared import audit
from klepaas_shared.auth import DEPLOY_EXECUTE, Principal
from klepaas_shared.clock import now_iso
from klepaas_shared.contracts import (
    APPROVAL_KIND,
    TOPIC_DEPLOYMENT_EVENTS,
    ApprovalDecision,
    ApprovalRequest,
    DeployRequest,
    ErrorInfo,
    Operation,
    OperationKind,
    OperationStatus,
    args_hash,
)
from klepaas_shared.errors import Conflict, NotFound
from klepaas_shared.events import get_publisher
from klepaas_shared.operations import OperationResponse
from klepaas_shared.policy import Action, enforce, protected_environments
from klepaas_shared.store import Store, Transaction

from .context import Ctx
from .outcome import Outcome
from .refs import AppRef
from .settings import DeploySettings

OPERATIONS = "operations"
HELD = "pending_approval"
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
        reason=f"{operation.kind.value} in {ref.environment} needs an approval",
    )
    record = {"id": request.approval_id, "state": "pending", "args_hash": args_hash(operation.args)}
    origin = {"source": source, "requested_by": operation.requested_by}
    ctx.store.set(OPERATIONS, operation.id, {"approval": record, "origin": origin}, merge=True)
    get_publisher().publish(TOPIC_DEPLOYMENT_EVENTS, request, {"kind": APPROVAL_KIND})
    ctx.step(f"waiting for an approval ({request.reason})")
    message = f"{ref.repository} → {ref.environment} is waiting for an approval"
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
    if not ctx.store.create(OPERATIONS, operation.id, operation.model_dump(mode="json") | {"via": "pubsub"}):
        saved = ctx.store.get(OPERATIONS, operation.id) or {}
        if saved.get("approval"):
            return  # a redelivery: already held (or decided)
    ctx.operation = operation
    outcome = hold(ctx, ref, request.source)
    from .engine import save

    operation.result = {"data": outcome.data, "message": outcome.message, "deployment_id": None}
    save(ctx.store, operation)


def decide(
    store: Store, settings: DeploySettings, operation_id: str, decision: ApprovalDecision, who: Principal
) -> OperationResponse:
    """Approve (run the held operation, once) or reject (cancel it). The decider must be someone
    other than the requester, holding the approver role in the project now (the policy decides)."""
    who.require(DEPLOY_EXECUTE)
    held = store.get(OPERATIONS, operation_id)
    if held is None or not held.get("approval"):
        raise NotFound(f"no operation {operation_id} waits for an approval")
    _authorize(store, settings, held, who)

    def claim(txn: Transaction) -> dict[str, Any]:
        doc = txn.get(OPERATIONS, operation_id)
        approval = (doc or {}).get("approval") or {}
        if doc is None or not approval:
            raise NotFound(f"no operation {operation_id} waits for an approval")
        if approval.get("args_hash") != decision.args_hash or args_hash(doc.get("args") or {}) != decision.args_hash:
            raise Conflict("the approval does not match the held operation's arguments")
        if approval.get("state") != "pending":
            raise Conflict(f"operation {operation_id} was already {approval.get('state')}")
        state = "approved" if decision.approve else "rejected"
        txn.update(
            OPERATIONS,
            operation_id,
            {
                "approval.state": state,
                "approval.decided_by": who.sub,
                "approval.decided_at": now_iso(),
                "approved_by": who.sub if decision.approve else None,
                "status": (OperationStatus.RUNNING if decision.approve else OperationStatus.CANCELLED).value,
            },
        )
        return doc

    doc = store.transaction(claim)
    operation = Operation.model_validate({k: v for k, v in doc.items() if k in Operation.model_fields})
    audit.record(
        store,
        actor=who.sub,
        action="deploy.approve" if decision.approve else "deploy.reject",
        target=f"{operation.args.get('github_owner', '')}/{operation.args.get('github_repo', '')}",
        source="slack",
        result="ok",
        details={"operation_id": operation_id, "args": operation.args},
        via=who.via_service,
    )
    from .engine import execute, save

    if not decision.approve:
        operation.status = OperationStatus.CANCELLED
        operation.error = ErrorInfo(code="rejected", message=f"the deploy was rejected by {who.sub}")
        save(store, operation)
        return OperationResponse(type="deploy", operation=operation, message=operation.error.message)
    found = doc.get("origin")
    origin: dict[str, Any] = found if isinstance(found, dict) else {}
    ctx = Ctx(
        store,
        settings,
        actor=str(origin.get("requested_by") or operation.requested_by),  # who asked, not who approved
        via=who.via_service,
        source=str(origin.get("source") or "slack"),
        approved=True,
        approved_by=who.sub,
        inline_s=0.0,  # Slack waits 3 s at most
        operation=operation,
    )
    return execute(ctx, operation)


def _authorize(store: Store, settings: DeploySettings, held: dict[str, Any], who: Principal) -> None:
    from .access import project_of
    from .refs import resolve

    args = held.get("args") or {}
    ref = resolve(args, settings)
    origin = held.get("origin") if isinstance(held.get("origin"), dict) else {}
    enforce(
        store,
        who,
        Action.APPROVE,
        project_of(store, ref),
        target=ref.repository,
        source="approval",
        environment=ref.environment,
        requested_by=str((origin or {}).get("requested_by") or held.get("requested_by") or ""),
        settings=settings,
    )
