"""deploy's answers made into tool results: a short text and the typed ``structuredContent``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .answers import Listing, OperationAnswer, Report, cell, result, table

if TYPE_CHECKING:
    from mcp.types import CallToolResult

HELD = "pending_approval"
COLUMNS = {
    "pods": ("name", "namespace", "ready", "status", "restarts", "age"),
    "deployments": ("name", "namespace", "ready", "up_to_date", "available", "age"),
    "services": ("name", "namespace", "type", "cluster_ip", "external_ip", "age"),
    "ingresses": ("name", "namespace", "hosts", "address", "age"),
    "namespaces": ("name", "status", "age"),
    "endpoints": ("name", "namespace", "addresses", "age"),
    "events": ("last_seen", "type", "reason", "object", "message"),
}


def approval_url(operation_id: str) -> str:
    """Where a held operation is decided: deploy's approval endpoint behind the API's front door
    (``POST {"approve": true|false, "args_hash": …}`` by an approver other than the requester; Slack's
    Approve / Reject buttons decide the same). The web console has no approval page to link to."""
    from klepaas_shared.settings import common

    return f"{common().api_base_url.rstrip('/')}/api/v1/operations/{operation_id}/approval"


def operation_answer(operation: dict[str, Any], data: Any, message: str) -> OperationAnswer:
    held = operation.get("status") == "pending" and isinstance(data, dict) and data.get("status") == HELD
    status = "waiting_for_approval" if held else str(operation.get("status", "unknown"))
    error = operation.get("error") or {}
    if error.get("message") and not message:
        message = str(error["message"])
    return OperationAnswer(
        operation_id=str(operation.get("id", "")),
        kind=str(operation.get("kind", "")),
        status=status,
        message=message or status,
        approval_url=approval_url(str(operation.get("id", ""))) if held else None,
        data=data if isinstance(data, dict) else None,
    )


def waiting(what: str, operation_id: str, url: str) -> str:
    """The text of a change held for a person's approval."""
    return (
        f"waiting for approval: {what}. Operation {operation_id} runs only after a person other than "
        f"its requester approves it in Slack or with POST {url} "
        '({"approve": true, "args_hash": data.args_hash of operation_status}); '
        "check it with operation_status."
    )


def describe(answer: OperationAnswer) -> str:
    if answer.status == "waiting_for_approval":
        return waiting(answer.message, str(answer.operation_id), str(answer.approval_url))
    return f"{answer.kind} {answer.status}: {answer.message} (operation {answer.operation_id})"


def operation_result(response: dict[str, Any]) -> CallToolResult:
    """A mutation's OperationResponse (as deploy answered it)."""
    operation = response.get("operation") or {}
    answer = operation_answer(operation, response.get("data"), str(response.get("message", "")))
    return result(describe(answer), answer)


def listing_result(page: Listing) -> CallToolResult:
    columns = COLUMNS.get(page.kind, ("name", "namespace"))
    where = f" in {page.namespace}" if page.namespace else ""
    head = f"{page.total} {page.kind}{where}"
    if len(page.items) < page.total:
        head += f" (showing {len(page.items)}; more with cursor={page.next_cursor})" if page.next_cursor else ""
    return result(f"{head}\n{table(page.items, columns)}" if page.items else head, page)


def _fields(data: dict[str, Any], prefix: str, depth: int) -> list[str]:
    parts: list[str] = []
    for key, value in data.items():
        if isinstance(value, str | int | float | bool) and value != "":
            parts.append(f"{prefix}{key}={cell(value)}")
        elif isinstance(value, list):
            parts.append(f"{prefix}{key}[]={len(value)}")
        elif isinstance(value, dict) and depth > 0 and key not in ("labels", "annotations", "selector"):
            parts.extend(_fields(value, f"{prefix}{key}.", depth - 1))
    return parts


def summary(data: Any, *, limit: int = 600) -> str:
    """A line of a result's plain fields (``deployment.name=web deployment.replicas.desired=2``),
    two levels deep, and the length of its lists; the whole of it is in ``structuredContent``."""
    if not isinstance(data, dict):
        return ""
    line = " ".join(_fields(data, "", 2))
    return line if len(line) <= limit else line[: limit - 1] + "…"


def report_result(kind: str, response: dict[str, Any], text: str | None = None) -> CallToolResult:
    report = Report(kind=kind, message=str(response.get("message", "")), data=response.get("data"))
    if text is None:
        text = "\n".join(line for line in (report.message or kind, summary(report.data)) if line)
    return result(text, report)
