"""What a confirmed deploy really did: followed for a short window (``deploy_confirm_window_s``), a
deploy that failed in it is answered as failed with the reason, a longer one as running with its
deployment id (the history shows the outcome later)."""

from __future__ import annotations

import time

from klepaas_nlp import deploy_client
from klepaas_nlp.settings import settings
from klepaas_shared.auth import Principal
from klepaas_shared.contracts import Operation, OperationStatus
from klepaas_shared.errors import KlepaasError
from klepaas_shared.operations import OperationResponse

POLL_S = 0.2


def follow(response: OperationResponse, principal: Principal) -> OperationResponse:
    """``response`` as it stands once its operation finished, or when the window closed."""
    operation = response.operation
    deadline = time.monotonic() + settings().deploy_confirm_window_s
    while operation is not None and operation.status in (OperationStatus.RUNNING, OperationStatus.PENDING):
        if operation.status is OperationStatus.PENDING or time.monotonic() >= deadline:
            break  # held for an approval, or still building: the answer says so
        time.sleep(POLL_S)
        try:
            operation = deploy_client.operations().get(operation.id, principal)
        except KlepaasError:
            break  # the answer already in hand is still true
    if operation is None or operation is response.operation:
        return response
    return _as_response(response, operation)


def _as_response(first: OperationResponse, operation: Operation) -> OperationResponse:
    result = operation.result or {}
    data = result.get("data") if isinstance(result.get("data"), dict) else first.data
    message = str(result.get("message") or first.message)
    return OperationResponse(type=first.type, operation=operation, data=data, message=message)


def failure(response: OperationResponse) -> str | None:
    """Why the operation failed (its stage and reason), or None when it has not."""
    operation = response.operation
    if operation is None or operation.status is not OperationStatus.FAILED:
        return None
    return _reason(operation) if operation.error is not None else (response.message or "the deploy failed")


def _reason(operation: Operation) -> str:
    error = operation.error
    if error is None:
        return "the operation failed"
    return f"{error.message} ({error.stage})" if error.stage else error.message


def standing(operation: Operation | None) -> dict[str, str]:
    """Where a confirmed command stands in the command history, as its rows' fields (`status`,
    `outcome`, and `error_message` when it ended without success): still `processing` while its
    operation waits for an approver (`held`) or runs on after the confirm's window (`running`), which
    the history follows until it ends (:func:`klepaas_nlp.chat.under_way.followed`)."""
    from klepaas_nlp.chat.history import ENDED_WITHOUT_RUNNING

    status = operation.status if operation is not None else OperationStatus.SUCCEEDED
    if status is OperationStatus.PENDING:
        return {"status": "processing", "outcome": "held"}
    if status is OperationStatus.RUNNING:
        return {"status": "processing", "outcome": "running"}
    if status is OperationStatus.CANCELLED:
        return {"status": "failed", "outcome": "refused", "error_message": ENDED_WITHOUT_RUNNING["refused"]}
    if status is OperationStatus.FAILED and operation is not None:
        return {"status": "failed", "outcome": "failed", "error_message": _reason(operation)}
    return {"status": "completed", "outcome": "confirmed"}


def deployment_id(response: OperationResponse) -> int | None:
    value = (response.data or {}).get("deployment_id")
    return value if isinstance(value, int) and not isinstance(value, bool) else None
