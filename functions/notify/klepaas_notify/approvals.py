"""Production deploys that need approval: a message with Approve / Reject buttons, and the
decision of a Slack user allowed to deploy, which confirms that exact pending operation."""

from __future__ import annotations

import hashlib
import json
import uuid
from functools import cache
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from klepaas_shared import audit
from klepaas_shared.auth import DEPLOY_EXECUTE, Principal
from klepaas_shared.clock import now_iso
from klepaas_shared.errors import Conflict, KlepaasError, NotFound
from klepaas_shared.operations import HttpOperationsClient, OperationRequest, OperationsClient
from klepaas_shared.settings import common
from klepaas_shared.store import Store, Transaction

from .installs import by_slack_user
from .render import render
from .senders import get_sender
from .settings import notify_settings
from .texts import words

COLLECTION = "slack_approvals"
APPROVAL_KIND = "approval_requested"  # the Pub/Sub attribute ``kind`` on the deployment-events topic


class ApprovalRequest(BaseModel):
    """A deploy waiting for a human: published by deploy with attribute ``kind=approval_requested``."""

    model_config = ConfigDict(extra="forbid")

    approval_id: str = Field(default_factory=lambda: uuid.uuid4().hex, pattern=r"^[A-Za-z0-9_-]{1,64}$")
    owner: str
    repo: str
    environment: str = "production"
    args: dict[str, Any]
    requested_by: str
    commit_sha: str = ""
    reason: str = ""


def args_hash(args: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(args, sort_keys=True, separators=(",", ":")).encode()).hexdigest()[:32]


def request(store: Store, approval: ApprovalRequest) -> None:
    """Store the pending approval (once per id) and post it with its buttons."""
    digest = args_hash(approval.args)
    if not store.create(
        COLLECTION,
        approval.approval_id,
        {**approval.model_dump(), "args_hash": digest, "status": "pending", "created_at": now_iso()},
    ):
        existing = store.get(COLLECTION, approval.approval_id) or {}
        if existing.get("ts"):
            return
    t = words(notify_settings().slack_language)
    context = approval.model_dump()
    rendered = render("approval", context, lambda: f"{t['approval_title']} · {approval.owner}/{approval.repo}")
    value = f"{approval.approval_id}:{digest}"
    blocks = [
        {"type": "section", "text": {"type": "mrkdwn", "text": rendered.text[:2900]}},
        {
            "type": "actions",
            "block_id": "approval",
            "elements": [
                {
                    "type": "button",
                    "action_id": "approve",
                    "style": "primary",
                    "value": value,
                    "text": {"type": "plain_text", "text": t["approve"]},
                },
                {
                    "type": "button",
                    "action_id": "reject",
                    "style": "danger",
                    "value": value,
                    "text": {"type": "plain_text", "text": t["reject"]},
                },
            ],
        },
    ]
    channel = notify_settings().slack_repo_channels.get(f"{approval.owner}/{approval.repo}")
    posted = get_sender().post(channel or notify_settings().slack_deploy_channel, rendered.text, blocks)
    store.update(COLLECTION, approval.approval_id, {"channel": posted.channel, "ts": posted.ts})


@cache
def operations_client() -> OperationsClient:
    # Slack wants an answer within 3 s: the deploy call gets what is left of it.
    return HttpOperationsClient(common().api_base_url, service="notify", timeout_s=2.0)


def decide(store: Store, approval_id: str, digest: str, approve: bool, team_id: str, slack_user: str) -> str:
    """Apply a button press; the text to show in place of the buttons."""
    t = words(notify_settings().slack_language)
    install = by_slack_user(store, team_id, slack_user)
    if install is None:
        return t["not_linked"]
    principal = Principal(
        sub=str(install["user_id"]), scopes=frozenset(install.get("scopes") or []), via_service="slack"
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
    if not approve:
        audit.record(
            store,
            actor=principal.sub,
            action="deploy.reject",
            target=target,
            source="slack",
            result="ok",
            details={"approval_id": approval_id},
        )
        return t["rejected"].format(user=f"<@{slack_user}>")
    operation = OperationRequest(
        type="deploy", args=doc["args"], operation_id=f"slack-approval-{approval_id}", source="slack"
    )
    try:
        response = operations_client().run(operation, principal)
    except KlepaasError as exc:
        store.update(COLLECTION, approval_id, {"status": "failed", "error": f"{exc.code}: {exc.message}"[:500]})
        audit.record(
            store,
            actor=principal.sub,
            action="deploy.approve",
            target=target,
            source="slack",
            result="failed",
            details={"approval_id": approval_id, "error": exc.code},
        )
        return t["approval_failed"].format(error=exc.message[:200])
    operation_id = response.operation.id if response.operation else ""
    store.update(COLLECTION, approval_id, {"status": "approved", "operation_id": operation_id})
    audit.record(
        store,
        actor=principal.sub,
        action="deploy.approve",
        target=target,
        source="slack",
        result="ok",
        details={"approval_id": approval_id, "operation_id": operation_id},
    )
    return t["approved"].format(user=f"<@{slack_user}>")
