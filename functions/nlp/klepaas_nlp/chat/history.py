"""The `commands` collection: every chat row, user and assistant, under one integer id sequence.

N3 (conversation history) reads it oldest-first and N4 (command history) newest-first; both use
the same ids so the dashboard can deep-link into the chat.
"""

from __future__ import annotations

from typing import Any

from klepaas_shared.clock import now_iso
from klepaas_shared.store import get_store

COLLECTION = "commands"
USER_TOOL = "user_message"


def record(
    user: str,
    session_id: str,
    command_text: str,
    tool: str,
    *,
    status: str = "completed",
    args: dict[str, Any] | None = None,
    result: dict[str, Any] | None = None,
    error_message: str | None = None,
    reply_to: int | None = None,
    model: str | None = None,
) -> int:
    """Append one row and answer its id (`reply_to`: the id of the user row an answer replies to;
    `model`: the language model whose answer it acted on)."""
    store = get_store()
    row_id = store.next_id(COLLECTION)
    now = now_iso()
    store.set(
        COLLECTION,
        f"{row_id:012d}",
        {
            "id": row_id,
            "user_id": user,
            "session_id": session_id,
            "command_text": command_text,
            "tool": tool,
            "status": status,
            "args": args or {},
            "result": result,
            "error_message": error_message,
            "reply_to": reply_to,
            "model": model,
            "created_at": now,
            "updated_at": now,
        },
    )
    return row_id


def rows(user: str, *, newest_first: bool, limit: int, offset: int) -> list[dict[str, Any]]:
    """A page of the user's rows."""
    found = get_store().query(
        COLLECTION,
        where=[("user_id", "==", user)],
        order_by=[("id", "desc" if newest_first else "asc")],
        limit=limit + offset,
    )
    return [doc.data for doc in found[offset:]]


def get(user: str, row_id: int) -> dict[str, Any] | None:
    """The user's row `row_id`, or None (also when the row belongs to someone else)."""
    found = get_store().get(COLLECTION, f"{row_id:012d}")
    return found if found is not None and found.get("user_id") == user else None


def answer_to(user: str, row_id: int) -> dict[str, Any] | None:
    """The assistant row that replied to the user row `row_id`, if any."""
    found = get_store().query(COLLECTION, where=[("user_id", "==", user), ("reply_to", "==", row_id)], limit=1)
    return found[0].data if found else None
