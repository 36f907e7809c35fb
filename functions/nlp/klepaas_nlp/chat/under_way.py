"""Confirmed commands still under way, followed when the history is read.

A command confirmed in the chat may outlive its answer: a production change waits for an approver
(Slack, or deploy's approval endpoint), and a deploy runs on past the confirm's window. Its rows stay
`processing` with their operation's id; each read of the history asks deploy how the operations on
the page stand and settles the rows of those that ended, so the dashboard never shows a held or
refused change as done. Nothing else tells nlp when an approver decides; asking at read time costs
one call per operation still open on the page, bounded in all by FOLLOW_BUDGET_S.
"""

from __future__ import annotations

import time
from typing import Any

from klepaas_nlp import deploy_client
from klepaas_nlp.chat import history
from klepaas_shared.auth import Principal
from klepaas_shared.contracts import Operation, OperationStatus
from klepaas_shared.errors import KlepaasError, NotFound

FOLLOW_BUDGET_S = 2.0
REFUSED = "승인이 거부되어 실행되지 않았습니다. (The approval was refused; nothing ran.)"
LOST = "작업 기록을 찾을 수 없습니다. (Its operation can no longer be found.)"


def followed(rows: list[dict[str, Any]], principal: Principal) -> list[dict[str, Any]]:
    """``rows`` with those whose operation has ended settled (and written so)."""
    open_operations = sorted(
        {str(row["operation_id"]) for row in rows if row.get("status") == "processing" and row.get("operation_id")}
    )
    if not open_operations:
        return rows
    ended: dict[str, dict[str, Any]] = {}
    client = deploy_client.operations(timeout_s=FOLLOW_BUDGET_S)
    deadline = time.monotonic() + FOLLOW_BUDGET_S
    for operation_id in open_operations:
        if time.monotonic() >= deadline:
            break  # the rest stay `processing` until a later read
        try:
            fields = _ending(client.get(operation_id, principal))
        except NotFound:
            fields = {"status": "failed", "outcome": "lost", "error_message": LOST}
        except KlepaasError:
            continue  # deploy cannot say now: asked again on the next read
        if fields is not None:
            ended[operation_id] = fields
    settled = []
    for row in rows:
        fields = ended.get(str(row.get("operation_id"))) if row.get("status") == "processing" else None
        if fields is not None:
            history.mark(principal.sub, int(row["id"]), **fields)
        settled.append(row if fields is None else {**row, **fields})
    return settled


def _ending(operation: Operation) -> dict[str, Any] | None:
    """How the command of an operation ended, as its row's fields; None while it is under way."""
    if operation.status is OperationStatus.SUCCEEDED:
        return {"status": "completed", "outcome": "confirmed"}
    if operation.status is OperationStatus.CANCELLED:
        return {"status": "failed", "outcome": "refused", "error_message": REFUSED}
    if operation.status is OperationStatus.FAILED:
        reason = operation.error.message if operation.error is not None else "the operation failed"
        return {"status": "failed", "outcome": "failed", "error_message": reason}
    return None
