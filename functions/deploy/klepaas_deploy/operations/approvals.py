"""The decision on a held deploy (see :mod:`.holds` for how a deploy comes to wait).

A held deploy is an operation with status ``pending`` and an ``approval`` record bound to the hash
of its arguments. A decision names the operation and the hash: approve runs that exact operation
once, reject cancels it, and any later decision is refused.
"""

from __future__ import annotations

from typing import Any

from klepaas_shared import audit
from klepaas_shared.auth import DEPLOY_EXECUTE, Principal
from klepaas_shared.clock import now_iso
from klepaas_shared.contracts import (
    ApprovalDecision,
    ErrorInfo,
    OperationStatus,
    args_hash,
)
from klepaas_shared.errors import Conflict, NotFound
from klepaas_shared.operations import OperationResponse
from klepaas_shared.policy import Action, enforce
from klepaas_shared.records import OperationRecord
from klepaas_shared.records.operations import Operations, model
from klepaas_shared.store import Store

from ..settings import DeploySettings
from .context import Ctx
from .engine import execute


def decide(
    store: Store, settings: DeploySettings, operation_id: str, decision: ApprovalDecision, who: Principal
) -> OperationResponse:
    """Approve (run the held operation, once) or reject (cancel it). The decider must be someone
    other than the requester, holding the approver role in the project now (the policy decides)."""
    who.require(DEPLOY_EXECUTE)
    operations = Operations(store)
    held = operations.record(operation_id)
    if held is None or not held.get("approval"):
        raise NotFound(f"no operation {operation_id} waits for an approval")
    _authorize(store, settings, held, who)

    def claim(doc: OperationRecord) -> dict[str, Any]:
        approval = doc.get("approval") or {}
        if not approval:
            raise NotFound(f"no operation {operation_id} waits for an approval")
        if approval.get("args_hash") != decision.args_hash or args_hash(doc.get("args") or {}) != decision.args_hash:
            raise Conflict("the approval does not match the held operation's arguments")
        if approval.get("state") != "pending":
            raise Conflict(f"operation {operation_id} was already {approval.get('state')}")
        state = "approved" if decision.approve else "rejected"
        return {
            "approval.state": state,
            "approval.decided_by": who.sub,
            "approval.decided_at": now_iso(),
            "approved_by": who.sub if decision.approve else None,
            "status": (OperationStatus.RUNNING if decision.approve else OperationStatus.CANCELLED).value,
        }

    doc = operations.claim(operation_id, claim)
    if doc is None:  # deleted between the read above and the claim
        raise NotFound(f"no operation {operation_id} waits for an approval")
    operation = model(doc)
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
    if not decision.approve:
        operation.status = OperationStatus.CANCELLED
        operation.error = ErrorInfo(code="rejected", message=f"the deploy was rejected by {who.sub}")
        operations.save(operation)
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


def _authorize(store: Store, settings: DeploySettings, held: OperationRecord, who: Principal) -> None:
    from ..pipeline.refs import resolve
    from .access import project_of

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
