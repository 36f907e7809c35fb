"""Audit records for every mutation: who, what, when, from where, and the result."""

from __future__ import annotations

import uuid
from typing import Any

from .clock import now_iso
from .store import Store, get_store
from .store.queries import declare_query

COLLECTION = "audit"
declare_query(COLLECTION, equal=["details.operation_id"])


def record(
    store: Store,
    *,
    actor: str,
    action: str,
    target: str,
    source: str,
    result: str,
    details: dict[str, Any] | None = None,
    via: str = "",
    request_id: str | None = None,
) -> str:
    """Write one audit record and return its id. ``details`` must hold no secrets."""
    from .logs import redact, request_id_var

    audit_id = uuid.uuid4().hex
    store.set(
        COLLECTION,
        audit_id,
        {
            "actor": actor,
            "action": action,
            "target": target,
            "source": source,
            "via": via,
            "result": result,
            "details": redact(details or {}),
            "at": now_iso(),
            "request_id": request_id or request_id_var.get() or "",
        },
    )
    return audit_id


def refused_token(*, door: str, host: str, reason: str) -> str:
    """A token of ours refused at ``door`` (another audience, a missing scope): from which host and
    why. Never the token, nor what it says of its holder: the refusal is the event worth keeping."""
    return record(
        get_store(),
        actor=host or "unknown",
        action="auth.token.refused",
        target=door,
        source="http",
        result="denied",
        details={"host": host, "reason": reason},
    )


def of_operation(store: Store, operation_id: str) -> bool:
    """Whether an operation's outcome was audited (a retry completes the trail of a crashed one)."""
    return bool(store.query(COLLECTION, [("details.operation_id", "==", operation_id)], limit=1))
