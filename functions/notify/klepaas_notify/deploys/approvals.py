"""Production deploys that need approval: stored pending (keyed by id, with a hash of the exact
arguments) and posted with Approve / Reject buttons (see :mod:`.decisions` for the press)."""

from __future__ import annotations

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
