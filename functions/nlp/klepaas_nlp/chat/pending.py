"""Pending actions: a mutation waits for the user's yes, bound to an id and a hash of its args.

Confirming runs exactly that action once (the action id is also deploy's idempotency key); a
second confirm or cancel of the same session finds nothing pending and is refused with 409, and
so is a confirm that names an action (``action_id``, the ``pending_action.id`` the user saw)
other than the one pending now.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from klepaas_nlp.chat import history
from klepaas_nlp.settings import settings
from klepaas_shared.clock import now_iso
from klepaas_shared.errors import Conflict
from klepaas_shared.store import Transaction, get_store

PENDING = "nlp_pending"


def digest(intent: str, args: dict[str, Any]) -> str:
    canonical = json.dumps({"intent": intent, "args": args}, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def _doc(user: str, session_id: str) -> str:
    return hashlib.sha256(f"{user}\n{session_id}".encode()).hexdigest()


def propose(
    user: str, session_id: str, intent: str, args: dict[str, Any], command: str, *, asked: int | None = None
) -> tuple[dict[str, Any], dict[str, Any] | None]:
    """Store the session's pending action and answer it, with the older one it replaced, if any (the
    console's confirm names no action, so a 확인 left on the older question now runs this one: the
    reply must say so). `asked` is the history row of the command that asked for it (its question,
    the reply to it, is settled with the outcome: klepaas_nlp.chat.history.settle)."""
    expires = datetime.now(UTC) + timedelta(seconds=settings().pending_ttl_s)
    action = {
        "action_id": uuid.uuid4().hex,
        "user_id": user,
        "session_id": session_id,
        "intent": intent,
        "args": args,
        "hash": digest(intent, args),
        "command": command,
        "asked": asked,
        "created_at": now_iso(),
        "expires_at": expires.isoformat().replace("+00:00", "Z"),
    }
    replaced = get_store().get(PENDING, _doc(user, session_id))
    get_store().set(PENDING, _doc(user, session_id), action)
    if replaced is not None and str(replaced.get("expires_at", "")) < now_iso():
        history.settle(user, replaced.get("asked"), "failed", "expired")  # it was no longer waiting
        replaced = None
    if replaced is not None:
        history.settle(user, replaced.get("asked"), "failed", "replaced")
    return action, replaced


def take(user: str, session_id: str, action_id: str | None = None) -> dict[str, Any]:
    """Remove and answer the session's pending action, atomically; Conflict when there is none,
    or when it is not ``action_id``, the one the user saw (another tab or a quicker second
    command replaced it: that one stays pending)."""
    doc = _doc(user, session_id)

    def claim(tx: Transaction) -> dict[str, Any] | None:
        found = tx.get(PENDING, doc)
        if found is not None and action_id is not None and found.get("action_id") != action_id:
            raise Conflict(
                "확인한 작업은 더 이상 대기 중이 아닙니다. 새 명령이 대체했으니 그 작업을 확인하거나 명령을 다시"
                " 보내 주세요. (The action you confirmed is no longer pending: a newer command replaced it;"
                " confirm that one or send the command again.)"
            )
        if found is not None:
            tx.delete(PENDING, doc)
        return found

    action = get_store().transaction(claim)
    if action is None or action.get("user_id") != user:
        raise Conflict(
            "이 대화에는 확인을 기다리는 작업이 없습니다. (There is no pending action to confirm in this session.)"
        )
    if str(action.get("expires_at", "")) < now_iso():
        history.settle(user, action.get("asked"), "failed", "expired")
        raise Conflict(
            "확인 시간이 지나 작업이 만료되었습니다. 명령을 다시 보내 주세요."
            " (The pending action has expired; send the command again.)"
        )
    if digest(str(action["intent"]), dict(action["args"])) != action.get("hash"):
        raise Conflict(
            "대기 중인 작업이 변경되었습니다. 명령을 다시 보내 주세요."
            " (The pending action was altered; send the command again.)"
        )
    return action


def restore(action: dict[str, Any]) -> None:
    """Put back an action whose run failed on a retryable error (deploy unreachable or slow, so it
    may even have run): confirming again reuses its operation id, which deploy runs at most once.
    A newer pending action of the session is left in place."""
    get_store().create(PENDING, _doc(str(action["user_id"]), str(action["session_id"])), action)
