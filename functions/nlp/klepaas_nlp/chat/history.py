"""The `commands` collection: every chat row, user and assistant, under time-ordered integer ids.

N3 (conversation history) reads it oldest-first and N4 (command history) newest-first; both use
the same ids so the dashboard can deep-link into the chat. Ids come from
:mod:`klepaas_shared.store.ids` (no counter document); a row is stored under its id padded to
12 digits (the rows of the old counter) or longer.

A reply is capped at :data:`MAX_RESULT_BYTES`: a logs reply loses its oldest lines first (the
console shows the last ones) and says so in a marker line; any other over-long reply is cut.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from klepaas_nlp.settings import settings
from klepaas_shared.clock import iso, now, now_iso
from klepaas_shared.store import get_store
from klepaas_shared.store.ids import create_numbered
from klepaas_shared.store.limits import document_bytes, fit_text
from klepaas_shared.store.queries import declare_query

COLLECTION = "commands"
USER_TOOL = "user_message"
# A row's reply (the `result` the console renders) stays far below Firestore's 1 MiB document.
MAX_RESULT_BYTES = 256 * 1024
MAX_TEXT_BYTES = 16 * 1024
OLDEST_FIRST = declare_query(COLLECTION, equal=["user_id"], order_by=[("id", "asc")])
NEWEST_FIRST = declare_query(COLLECTION, equal=["user_id"], order_by=[("id", "desc")])
REPLY_TO = declare_query(COLLECTION, equal=["user_id", "reply_to"])


def doc_id(row_id: int) -> str:
    return f"{row_id:012d}"


def capped(result: dict[str, Any] | None) -> dict[str, Any] | None:
    """`result` within MAX_RESULT_BYTES: without its raw copy, then log lines dropped oldest first."""
    if result is None or document_bytes(result) <= MAX_RESULT_BYTES:
        return result
    raw_data = result.get("data")
    data: dict[str, Any] = raw_data if isinstance(raw_data, dict) else {}
    # `data.raw` repeats what `data.formatted` shows (the console renders only the latter).
    result = {**result, "data": {**data, "raw": None}}
    if document_bytes(result) <= MAX_RESULT_BYTES:
        return result
    formatted = data.get("formatted")
    lines = formatted.get("log_lines") if isinstance(formatted, dict) else None
    if isinstance(formatted, dict) and isinstance(lines, list):
        marker = f"[… earlier lines left out: the reply passed {MAX_RESULT_BYTES // 1024} KiB …]"
        frame = {**result, "data": {**data, "raw": None, "formatted": {**formatted, "log_lines": [marker]}}}
        room = MAX_RESULT_BYTES - document_bytes(frame)
        kept: list[Any] = []
        for line in reversed(lines):
            room -= document_bytes(line) + 1
            if room < 0:
                break
            kept.append(line)
        kept.reverse()
        if kept:
            return {**frame, "data": {**frame["data"], "formatted": {**formatted, "log_lines": [marker, *kept]}}}
    text = fit_text(str(result.get("message") or result.get("summary") or ""), MAX_TEXT_BYTES, " […]")
    return {
        "type": result.get("type"),
        "summary": text,
        "message": text,
        "data": None,
        "metadata": {},
        "truncated": True,
    }


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
    now = now_iso()
    reply = capped(result)
    row = create_numbered(
        get_store(),
        COLLECTION,
        lambda row_id: {
            "id": row_id,
            "user_id": user,
            "session_id": session_id,
            "command_text": fit_text(command_text, MAX_TEXT_BYTES, " […]"),
            "tool": tool,
            "status": status,
            "args": args or {},
            "result": reply,
            "error_message": None if error_message is None else fit_text(error_message, MAX_TEXT_BYTES, " […]"),
            "reply_to": reply_to,
            "model": model,
            "created_at": now,
            "updated_at": now,
        },
        doc_id,
    )
    return int(row["id"])


# Why a question ended without running, said on the command's row and the question's (the dashboard's
# detail dialog shows `error_message`; its status is `failed`, as the action never ran).
ENDED_WITHOUT_RUNNING = {
    "cancelled": "사용자가 취소했습니다. (Cancelled by the user.)",
    "replaced": "같은 대화의 새 명령이 이 요청을 대체했습니다. (A newer command in the same chat replaced it.)",
    "expired": "확인 시간이 지나 만료되었습니다. (It was not confirmed in time.)",
    "refused": "승인이 거부되어 실행되지 않았습니다. (The approval was refused; nothing ran.)",
    "lost": "작업 기록을 찾을 수 없습니다. (Its operation can no longer be found.)",
}


def rows(user: str, *, newest_first: bool, limit: int, offset: int) -> list[dict[str, Any]]:
    """A page of the user's rows, each as it stands now (see :func:`_as_it_stands`)."""
    found = get_store().query(
        COLLECTION,
        where=[("user_id", "==", user)],
        order_by=[("id", "desc" if newest_first else "asc")],
        limit=limit + offset,
    )
    oldest_pending = iso(now() - timedelta(seconds=settings().pending_ttl_s))
    return [_as_it_stands(doc.data, oldest_pending) for doc in found[offset:]]


def _as_it_stands(row: dict[str, Any], oldest_pending: str) -> dict[str, Any]:
    """A row still `pending` after the question's time ran out is shown expired: nothing settles a
    question nobody answers (it is settled, and written, only when someone confirms too late)."""
    if row.get("status") != "pending" or str(row.get("updated_at") or "") >= oldest_pending:
        return row
    return {**row, "status": "failed", "outcome": "expired", "error_message": ENDED_WITHOUT_RUNNING["expired"]}


def get(user: str, row_id: int) -> dict[str, Any] | None:
    """The user's row `row_id`, or None (also when the row belongs to someone else)."""
    found = get_store().get(COLLECTION, doc_id(row_id))
    return found if found is not None and found.get("user_id") == user else None


def answer_to(user: str, row_id: int) -> dict[str, Any] | None:
    """The assistant row that replied to the user row `row_id`, if any."""
    found = get_store().query(COLLECTION, where=[("user_id", "==", user), ("reply_to", "==", row_id)], limit=1)
    return found[0].data if found else None


def mark(user: str, row_id: int, status: str, error_message: str | None = None, **extra: Any) -> None:
    """The user's row `row_id` says where its command stands (the dashboard lists user rows with their
    status): `processing` while it is answered, then its answer's status. Callers hold a row of
    `user`'s they just wrote or found (no read to check it again: one write per turn). `extra`:
    more fields to write with it (`outcome`, `operation_id`)."""
    fields: dict[str, Any] = {"status": status, "updated_at": now_iso(), **extra}
    if error_message is not None:
        fields["error_message"] = fit_text(error_message, MAX_TEXT_BYTES, " […]")
    get_store().set(COLLECTION, doc_id(row_id), fields, merge=True)


def settle(
    user: str,
    asked: object,
    status: str,
    outcome: str,
    error_message: str | None = None,
    *,
    operation_id: str | None = None,
) -> None:
    """The confirmation question that replied to the user row `asked`, and that row, say how it
    ended: `status` (completed or failed, the statuses the console knows; `processing` with the
    `operation_id` still under way) and `outcome` (confirmed, held, running, cancelled, failed,
    expired or replaced). Nothing when there is no such question, or it was already settled. An
    outcome that ran nothing (callers say `failed`: "Success" on the dashboard would say it ran) is
    given its reason."""
    if error_message is None:
        error_message = ENDED_WITHOUT_RUNNING.get(outcome)
    if not isinstance(asked, int) or isinstance(asked, bool):
        return  # an action stored before it named its command's row
    question = answer_to(user, asked)
    if question is None or question.get("status") != "pending":
        return
    extra: dict[str, Any] = {"outcome": outcome}
    if operation_id is not None:
        extra["operation_id"] = operation_id
    mark(user, int(question["id"]), status, error_message, **extra)
    mark(user, asked, status, error_message, **extra)
