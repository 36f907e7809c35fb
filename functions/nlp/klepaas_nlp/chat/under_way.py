"""Confirmed commands still under way, followed when the history is read.

A command confirmed in the chat may outlive its answer: a production change waits for an approver
(Slack, or deploy's approval endpoint), and a rollout runs on past the confirm's window. Its rows stay
`processing` with their operation's id; a read of the history asks deploy how the operations on the
page stand and writes the rows of those that moved on, so the dashboard never shows a held or refused
change as done. Nothing else tells nlp when an approver decides. The cost is bounded: at most
MAX_FOLLOWED operations a read, each asked again only after REASK_S, and the read waits for deploy at
most FOLLOW_BUDGET_S in all (what deploy cannot say in time stays `processing` until a later read).
"""

from __future__ import annotations

import time
from datetime import timedelta
from typing import Any

from klepaas_nlp import deploy_client
from klepaas_nlp.chat import history, outcomes
from klepaas_shared.auth import Principal
from klepaas_shared.clock import iso, now
from klepaas_shared.errors import KlepaasError, NotFound
from klepaas_shared.logs import get_logger, log_fields

FOLLOW_BUDGET_S = 2.0
MAX_FOLLOWED = 5
REASK_S = 20.0
log = get_logger("nlp.under_way")


def followed(rows: list[dict[str, Any]], principal: Principal) -> list[dict[str, Any]]:
    """``rows`` with those whose operation has moved on shown (and written) as it stands now."""
    asked_before = iso(now() - timedelta(seconds=REASK_S))
    open_operations = sorted(
        {
            str(row["operation_id"])
            for row in rows
            if row.get("status") == "processing"
            and row.get("operation_id")
            and str(row.get("updated_at") or "") < asked_before
        }
    )[-MAX_FOLLOWED:]  # ids grow with time: the newest first, when there are more
    if not open_operations:
        return rows
    # Each call ends within half the budget, retries included, and none starts after the other half.
    client = deploy_client.operations(timeout_s=FOLLOW_BUDGET_S / 2, attempts=1, deadline_s=FOLLOW_BUDGET_S / 2)
    stands: dict[str, dict[str, str]] = {}
    deadline = time.monotonic() + FOLLOW_BUDGET_S / 2
    for operation_id in open_operations:
        if time.monotonic() >= deadline:
            break
        try:
            stands[operation_id] = outcomes.standing(client.get(operation_id, principal))
        except NotFound as exc:
            if exc.details.get("operation_id") == operation_id:  # deploy's own answer, not a missing route
                stands[operation_id] = {
                    "status": "failed",
                    "outcome": "lost",
                    "error_message": history.ENDED_WITHOUT_RUNNING["lost"],
                }
        except (KlepaasError, ValueError) as exc:  # deploy cannot say now, or said nothing readable
            log.info("operation not followed", extra=log_fields(operation_id=operation_id, error=type(exc).__name__))
    return [_as_it_stands(row, stands, principal) for row in rows]


def _as_it_stands(row: dict[str, Any], stands: dict[str, dict[str, str]], principal: Principal) -> dict[str, Any]:
    fields = stands.get(str(row.get("operation_id"))) if row.get("status") == "processing" else None
    if fields is None:
        return row
    try:
        # Written even when it is still under way: its outcome may have moved (held, then running),
        # and its time says when deploy was last asked (REASK_S).
        history.mark(principal.sub, int(row["id"]), **fields)
    except KlepaasError as exc:  # shown as it stands all the same; written on a later read
        log.warning("history row not written", extra=log_fields(row=row.get("id"), error=exc.code))
    return {**row, **fields}
