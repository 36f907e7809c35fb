"""Production deploys that need approval: stored pending (keyed by id, with a hash of the exact
arguments) and posted with Approve / Reject buttons (see :mod:`.decisions` for the press)."""

from __future__ import annotations

from typing import Any

from klepaas_shared.clock import now_iso
from klepaas_shared.contracts import APPROVAL_KIND, ApprovalRequest, args_hash
from klepaas_shared.store import Store

from ..messages.render import render
from ..messages.texts import words
from ..settings import notify_settings
from ..slack.senders import get_sender

COLLECTION = "slack_approvals"
__all__ = ["APPROVAL_KIND", "COLLECTION", "ApprovalRequest", "args_hash", "request"]


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
    text, blocks = message(approval, digest)
    channel = notify_settings().slack_repo_channels.get(f"{approval.owner}/{approval.repo}")
    posted = get_sender().post(channel or notify_settings().slack_deploy_channel, text, blocks)
    store.update(COLLECTION, approval.approval_id, {"channel": posted.channel, "ts": posted.ts})


def message(approval: ApprovalRequest, digest: str, note: str = "") -> tuple[str, list[dict[str, Any]]]:
    """The approval's text and blocks, with its Approve / Reject buttons (``note`` under the text:
    why the buttons are back when a decision's outcome is unknown)."""
    t = words(notify_settings().slack_language)
    rendered = render(
        "approval", approval.model_dump(), lambda: f"{t['approval_title']} · {approval.owner}/{approval.repo}"
    )
    value = f"{approval.approval_id}:{digest}"
    body = f"{rendered.text}\n\n{note}" if note else rendered.text
    button = {"type": "button", "value": value}
    blocks: list[dict[str, Any]] = [
        {"type": "section", "text": {"type": "mrkdwn", "text": body[:2900]}},
        {
            "type": "actions",
            "block_id": "approval",
            "elements": [
                {
                    **button,
                    "action_id": "approve",
                    "style": "primary",
                    "text": {"type": "plain_text", "text": t["approve"]},
                },
                {
                    **button,
                    "action_id": "reject",
                    "style": "danger",
                    "text": {"type": "plain_text", "text": t["reject"]},
                },
            ],
        },
    ]
    return rendered.text, blocks


def stored(doc: dict[str, Any]) -> ApprovalRequest:
    """The request an approval record was stored from."""
    return ApprovalRequest.model_validate({k: doc[k] for k in ApprovalRequest.model_fields if k in doc})
