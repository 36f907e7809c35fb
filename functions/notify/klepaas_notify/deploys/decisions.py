"""A button press on an approval: only a linked Slack user allowed to deploy confirms it, and
the confirmation runs exactly the stored operation (same args, checked by hash), once."""

from __future__ import annotations

from functools import cache
from typing import Any

from klepaas_shared import audit
from klepaas_shared.auth import DEPLOY_EXECUTE, READ, Principal
from klepaas_shared.clock import now_iso
from klepaas_shared.contracts import ApprovalDecision
from klepaas_shared.errors import Conflict, Forbidden, KlepaasError, NotFound
from klepaas_shared.logs import get_logger, log_fields
from klepaas_shared.operations import HttpOperationsClient, OperationRequest, OperationResponse
from klepaas_shared.settings import common
from klepaas_shared.store import Store, Transaction

from ..installs import by_slack_user
from ..messages.texts import words
from ..settings import notify_settings
from .approvals import COLLECTION, args_hash

log = get_logger("notify.decisions")


@cache
def operations_client() -> HttpOperationsClient:
    # Slack wants an answer within 3 s: the deploy call gets what is left of it.
    return HttpOperationsClient(common().api_base_url, service="notify", timeout_s=2.0)


def decide(store: Store, approval_id: str, digest: str, approve: bool, team_id: str, slack_user: str) -> str:
    """Apply a button press; the text to show in place of the buttons."""
    t = words(notify_settings().slack_language)
    install = by_slack_user(store, team_id, slack_user)
    if install is None:
        return t["not_linked"]
    # A Slack link never carries admin powers: deploy checks the user's role in the project at
    # the moment of the press (the policy), and these scopes only say the link may ask.
    principal = Principal(
        sub=str(install["user_id"]),
        scopes=frozenset(install.get("scopes") or []) & {READ, DEPLOY_EXECUTE},
        via_service="slack",
    )
    if approve and not principal.has(DEPLOY_EXECUTE):
        return t["not_allowed"]

    def claim(txn: Transaction) -> dict[str, Any]:
        doc = txn.get(COLLECTION, approval_id)
        if doc is None or doc.get("args_hash") != digest or args_hash(doc.get("args") or {}) != digest:
            raise NotFound("no such pending approval")
        if doc.get("status") != "pending":
            raise Conflict(t["already_decided"].format(status=doc.get("status")))
        status = "approving" if approve else "rejected"
        txn.update(COLLECTION, approval_id, {"status": status, "decided_by": principal.sub, "decided_at": now_iso()})
        return doc

    try:
        doc = store.transaction(claim)
    except Conflict as exc:
        return exc.message
    target = f"{doc['owner']}/{doc['repo']}"

    def record(action: str, result: str, **details: str) -> None:
        audit.record(
            store,
            actor=principal.sub,
            action=action,
            target=target,
            source="slack",
            result=result,
            details={"approval_id": approval_id, **details},
        )

    if not approve:
        try:
            _cancel(doc, digest, principal)
        except Forbidden as exc:
            return _refused(store, approval_id, exc, record)
        record("deploy.reject", "ok")
        return t["rejected"].format(user=f"<@{slack_user}>")
    try:
        response = _confirm(doc, approval_id, digest, principal)
    except Forbidden as exc:
        return _refused(store, approval_id, exc, record)
    except KlepaasError as exc:
        store.update(COLLECTION, approval_id, {"status": "failed", "error": f"{exc.code}: {exc.message}"[:500]})
        record("deploy.approve", "failed", error=exc.code)
        return t["approval_failed"].format(error=exc.message[:200])
    operation_id = response.operation.id if response.operation else ""
    store.update(COLLECTION, approval_id, {"status": "approved", "operation_id": operation_id})
    record("deploy.approve", "ok", operation_id=operation_id)
    return t["approved"].format(user=f"<@{slack_user}>")


def _refused(store: Store, approval_id: str, exc: Forbidden, record: Any) -> str:
    """The policy refused this person (the requester, or no approver role now): the approval
    stays open for someone who may decide it."""
    store.update(COLLECTION, approval_id, {"status": "pending", "decided_by": None, "decided_at": None})
    record("deploy.decide", "denied", error=exc.code)
    return exc.message[:300]


def _cancel(doc: dict[str, Any], digest: str, principal: Principal) -> None:
    """Tell deploy the held operation is refused (403 when this person may not decide it)."""
    held = str(doc.get("operation_id") or "")
    if not held:
        return
    try:
        operations_client().decide(held, ApprovalDecision(approve=False, args_hash=digest), principal)
    except Forbidden:
        raise
    except KlepaasError as exc:
        log.warning("deploy did not hear the rejection", extra=log_fields(operation=held, error=exc.code))


def _confirm(doc: dict[str, Any], approval_id: str, digest: str, principal: Principal) -> OperationResponse:
    """The held operation runs, exactly once; without one, the stored arguments are deployed."""
    held = str(doc.get("operation_id") or "")
    if held:
        return operations_client().decide(held, ApprovalDecision(approve=True, args_hash=digest), principal)
    operation = OperationRequest(
        type="deploy", args=doc["args"], operation_id=f"slack-approval-{approval_id}", source="slack"
    )
    return operations_client().run(operation, principal)
