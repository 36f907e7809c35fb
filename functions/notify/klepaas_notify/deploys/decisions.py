"""A button press on an approval: only a linked Slack user allowed to deploy confirms it, and
the confirmation runs exactly the stored operation (same args, checked by hash), once.

Slack wants an answer within 3 s, and deploy may take longer: the press is checked and claimed
at once (:func:`decide`), and the decision is carried out from Pub/Sub (:func:`carry_out`),
which then shows the outcome in place of the buttons."""

from __future__ import annotations

from functools import cache
from typing import Any

from klepaas_shared import audit
from klepaas_shared.auth import DEPLOY_EXECUTE, Principal
from klepaas_shared.clock import now_iso
from klepaas_shared.contracts import TOPIC_DEPLOYMENT_EVENTS, ApprovalDecision, OperationStatus
from klepaas_shared.errors import Conflict, KlepaasError, NotFound
from klepaas_shared.events import get_publisher
from klepaas_shared.logs import get_logger, log_fields
from klepaas_shared.operations import HttpOperationsClient, OperationRequest
from klepaas_shared.settings import common
from klepaas_shared.store import Store, Transaction

from ..installs import by_slack_user
from ..messages.texts import words
from ..settings import notify_settings
from ..slack.senders import get_sender
from .approvals import COLLECTION, args_hash

log = get_logger("notify.decisions")


DECIDED_KIND = "approval_decided"  # attribute ``kind`` of a decision on the deployment-events topic


@cache
def operations_client() -> HttpOperationsClient:
    # Called from the decision's Pub/Sub consumer, not within Slack's 3 s: deploy gets its time.
    return HttpOperationsClient(common().api_base_url, service="notify", timeout_s=DECISION_TIMEOUT_S)


DECISION_TIMEOUT_S = 30.0


def decide(store: Store, approval_id: str, digest: str, approve: bool, team_id: str, slack_user: str) -> str:
    """Accept a button press within Slack's 3 s: check who pressed it, claim the approval, and hand
    the decision to Pub/Sub (:func:`carry_out` runs it). The text shown in place of the buttons
    meanwhile (shown before the decision is queued, so the outcome always comes after it)."""
    text, principal = _accept(store, approval_id, digest, approve, team_id, slack_user)
    show(store, approval_id, text, quick=True)
    if principal is None:  # refused: nothing to carry out
        return text
    decision = {"approval_id": approval_id, "digest": digest, "approve": approve, "slack_user": slack_user}
    decision |= {"sub": principal.sub, "scopes": sorted(principal.scopes)}
    try:
        get_publisher().publish(TOPIC_DEPLOYMENT_EVENTS, decision, {"kind": DECIDED_KIND})
    except KlepaasError as exc:  # nothing will carry it out: the buttons stay usable
        store.update(COLLECTION, approval_id, {"status": "pending"})
        log.warning("approval decision not queued", extra=log_fields(approval=approval_id, error=exc.code))
        text = words(notify_settings().slack_language)["decision_not_queued"]
        show(store, approval_id, text, quick=True)
    return text


def _accept(
    store: Store, approval_id: str, digest: str, approve: bool, team_id: str, slack_user: str
) -> tuple[str, Principal | None]:
    """The text to show, and who decided when the approval was claimed for the decision."""
    t = words(notify_settings().slack_language)
    install = by_slack_user(store, team_id, slack_user)
    if install is None:
        return t["not_linked"], None
    principal = Principal(
        sub=str(install["user_id"]), scopes=frozenset(install.get("scopes") or []), via_service="slack"
    )
    if approve and not principal.has(DEPLOY_EXECUTE):
        return t["not_allowed"], None

    def claim(txn: Transaction) -> dict[str, Any]:
        doc = txn.get(COLLECTION, approval_id)
        if doc is None or doc.get("args_hash") != digest or args_hash(doc.get("args") or {}) != digest:
            raise NotFound("no such pending approval")
        if doc.get("status") != "pending":
            raise Conflict(t["already_decided"].format(status=doc.get("status")))
        decided = {"decided_by": principal.sub, "decided_at": now_iso(), "approve": approve, "slack_user": slack_user}
        txn.update(COLLECTION, approval_id, {"status": "deciding", **decided})
        return doc

    try:
        store.transaction(claim)
    except Conflict as exc:
        return exc.message, None
    return t["deciding"].format(user=f"<@{slack_user}>"), principal


def carry_out(store: Store, decision: dict[str, Any]) -> None:
    """The decision's consumer: approve (the held operation runs, once) or reject, then show the
    outcome in place of the buttons. An outcome deploy did not give (timeout, unavailable) stays
    pending, shown as such, and the decision is retried; it is never shown as a failure."""
    t = words(notify_settings().slack_language)
    approval_id, digest = str(decision["approval_id"]), str(decision["digest"])
    doc = store.get(COLLECTION, approval_id)
    if doc is None or doc.get("status") != "deciding":
        return  # carried out already (a redelivery)
    principal = Principal(sub=str(decision["sub"]), scopes=frozenset(decision["scopes"]), via_service="slack")
    user = f"<@{decision['slack_user']}>"
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

    if not decision["approve"]:
        _cancel(doc, digest, principal)
        store.update(COLLECTION, approval_id, {"status": "rejected"})
        record("deploy.reject", "ok")
        show(store, approval_id, t["rejected"].format(user=user))
        return
    try:
        operation_id = _confirm(doc, approval_id, digest, principal)
    except KlepaasError as exc:
        if exc.retryable:
            show(store, approval_id, t["deciding"].format(user=user))
            raise
        store.update(COLLECTION, approval_id, {"status": "failed", "error": f"{exc.code}: {exc.message}"[:500]})
        record("deploy.approve", "failed", error=exc.code)
        show(store, approval_id, t["approval_failed"].format(error=exc.message[:200]))
        return
    store.update(COLLECTION, approval_id, {"status": "approved", "operation_id": operation_id})
    record("deploy.approve", "ok", operation_id=operation_id)
    show(store, approval_id, t["approved"].format(user=user))


def show(store: Store, approval_id: str, text: str, *, quick: bool = False) -> None:
    """Put ``text`` in place of the approval's buttons (an incoming webhook cannot edit)."""
    doc = store.get(COLLECTION, approval_id) or {}
    sender = get_sender()
    if not (doc.get("ts") and sender.can_update):
        return
    blocks = [{"type": "section", "text": {"type": "mrkdwn", "text": text[:2900]}}]
    try:
        sender.update(str(doc["channel"]), str(doc["ts"]), text, blocks, quick=quick)
    except KlepaasError as exc:
        log.warning("approval message not updated", extra=log_fields(approval=approval_id, error=exc.code))


def _cancel(doc: dict[str, Any], digest: str, principal: Principal) -> None:
    """Tell deploy the held operation is refused; it can never run through this approval anyway."""
    held = str(doc.get("operation_id") or "")
    if not held:
        return
    try:
        operations_client().decide(held, ApprovalDecision(approve=False, args_hash=digest), principal)
    except KlepaasError as exc:
        log.warning("deploy did not hear the rejection", extra=log_fields(operation=held, error=exc.code))


def _confirm(doc: dict[str, Any], approval_id: str, digest: str, principal: Principal) -> str:
    """The held operation runs, exactly once; without one, the stored arguments are deployed
    (idempotent by the approval's operation id). The id of the operation that runs."""
    held = str(doc.get("operation_id") or "")
    if not held:
        operation = OperationRequest(
            type="deploy", args=doc["args"], operation_id=f"slack-approval-{approval_id}", source="slack"
        )
        response = operations_client().run(operation, principal)
        return response.operation.id if response.operation else ""
    try:
        operations_client().decide(held, ApprovalDecision(approve=True, args_hash=digest), principal)
    except Conflict:
        # A retry after an answer that never came back: deploy may have approved it then.
        if operations_client().get(held, principal).status == OperationStatus.CANCELLED:
            raise
    return held
