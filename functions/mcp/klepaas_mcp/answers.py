"""What a tool hands back: a compact text for the model and ``structuredContent`` for programs.

The text is a table or a summary, never the JSON again: ``structuredContent`` already carries the
whole answer, described by the tool's ``outputSchema`` (the models below).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from mcp.types import CallToolResult, TextContent
from pydantic import BaseModel, Field

MAX_CELL = 48  # a long cell (an image, a message) is cut so a row stays one short line


class OperationAnswer(BaseModel):
    """A mutation's outcome, or where it waits."""

    operation_id: str = Field(description="follow it with the operation_status tool")
    kind: str = Field(description="deploy, scale, restart or rollback")
    status: str = Field(description="succeeded, failed, running, waiting_for_approval, cancelled or pending")
    message: str
    approval_url: str | None = Field(
        None, description="when held: the approval endpoint (an approver, not the requester, POSTs approve, args_hash)"
    )
    data: dict[str, Any] | None = Field(None, description="the operation's result as deploy recorded it")


class Listing(BaseModel):
    """One page of a list of Kubernetes resources."""

    kind: str
    namespace: str | None = Field(None, description="the namespace listed; none for cluster-wide kinds")
    items: list[dict[str, Any]]
    total: int = Field(description="how many matched, across every page")
    next_cursor: str | None = Field(None, description="pass as `cursor` for the next page; none on the last")


class Report(BaseModel):
    """A read's answer as deploy gives it, with deploy's one-line summary."""

    kind: str
    message: str
    data: Any = None


class Interpretation(BaseModel):
    """What a natural-language command means, and the read's result when it was run."""

    intent: str
    args: dict[str, Any]
    statement: str
    executed: bool
    missing: list[str] = Field(default_factory=list)
    refused: str | None = None
    next_tool: str | None = Field(None, description="the tool that performs this change, for a mutation")
    result: Report | None = None


def cell(value: Any) -> str:
    text = "-" if value is None or value == "" else str(value)
    text = " ".join(text.split())
    return text if len(text) <= MAX_CELL else text[: MAX_CELL - 1] + "…"


def table(rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> str:
    """Aligned plain-text columns (what ``kubectl get`` prints)."""
    cells = [[cell(r.get(c)) for c in columns] for r in rows]
    widths = [max([len(c), *(len(row[i]) for row in cells)]) for i, c in enumerate(columns)]
    lines = [[c.upper() for c in columns], *cells]
    return "\n".join("  ".join(v.ljust(w) for v, w in zip(line, widths, strict=True)).rstrip() for line in lines)


def result(text: str, structured: BaseModel) -> CallToolResult:
    return CallToolResult(
        content=[TextContent(type="text", text=text)],
        structured_content=structured.model_dump(mode="json", exclude_none=True),
    )
